"""Pagefind's indexer in its service mode: pages are indexed as they are sent, and the index is
written once the last has been sent.

`pagefind_extended --service` is what Pagefind's own Python and Node APIs drive (the `pagefind`
package on PyPI, service/__init__.py and service/types.py of version 1.5.2): requests on its
standard input and answers on its output, each a base64-encoded JSON object followed by a comma,
matched by `message_id`. That package is asynchronous and waits a tenth of a second before reading
each answer (2.3 s for the site's 23 pages of a language); this client writes each page as it comes
and reads the answers in a thread. The requests used: NewIndex (with the CLI's options as a config),
AddFile (a page's HTML and its URL) and GetFiles (the bundle's files, in the answer). The protocol is
Pagefind's own: the version is pinned (requirements.lock), and scripts/site/pagefind_chunks.py stops
the build on any other version.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading

from pagefind_bin_extended import get_executable


class PagefindError(RuntimeError):
    pass


class PagefindService:
    """One Pagefind index in a service process: `add` pages, then take the bundle's `files`."""

    def __init__(self, exclude_selectors: list[str]) -> None:
        self._process = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._answers: dict[int, dict] = {}
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._sent = 0
        answer = self._wait(self._send({"type": "NewIndex", "config": {"exclude_selectors": exclude_selectors}}))
        self._index = answer["index_id"]
        self._pages: list[int] = []

    def add(self, url: str, page_html: str) -> None:
        """Index the page found at site URL `url` ("/zh/origin/"); its answer is read in `write`."""
        self._pages.append(self._send({"type": "AddFile", "index_id": self._index, "url": url,
                                       "file_path": None, "file_contents": page_html}))

    def files(self) -> dict[str, bytes]:
        """The bundle, {path inside it: content}, once every page is indexed; the service process then
        ends. Asked for with GetFiles, not written by Pagefind (WriteFiles): Pagefind answers that
        before its last writes have reached the files (tokio's asynchronous files, unflushed) and
        exits as its input ends, which left a file cut short now and then."""
        try:
            for message in self._pages:
                self._wait(message)
            answer = self._wait(self._send({"type": "GetFiles", "index_id": self._index}))
            return {item["path"]: base64.b64decode(item["content"]) for item in answer["files"]}
        finally:
            self.close()

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def _send(self, payload: dict) -> int:
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except (BrokenPipeError, ValueError) as exc:
            raise PagefindError(f"the Pagefind service ended (exit {self._process.poll()}): {self._failure()}") from exc
        return self._sent

    def _wait(self, message: int) -> dict:
        with self._arrived:
            self._arrived.wait_for(lambda: message in self._answers or not self._reader.is_alive())
            answer = self._answers.get(message)
        if answer is None:
            raise PagefindError(f"the Pagefind service ended without answering (exit {self._process.poll()}): "
                                f"{self._failure()}")
        if answer.get("type") == "Error":
            raise PagefindError(f"Pagefind: {answer.get('message')}")
        return answer

    def _failure(self) -> str:
        with self._arrived:
            return self._answers.get(0, {}).get("message", "no message")

    def _read(self) -> None:
        """Answers, as they come; one that is no answer (a message Pagefind printed) is kept as the
        failure's explanation."""
        pending = b""
        for chunk in iter(lambda: self._process.stdout.read1(1 << 16), b""):
            pending += chunk
            *complete, pending = pending.split(b",")
            for item in complete:
                try:
                    answer = json.loads(base64.b64decode(item, validate=True))
                    key, payload = answer.get("message_id"), answer["payload"]
                except (ValueError, KeyError, TypeError):
                    key, payload = 0, {"type": "Error", "message": item.decode("utf-8", "replace")}
                if key is None and payload.get("original_message"):   # a request it could not parse
                    key = json.loads(payload["original_message"]).get("message_id", 0)
                with self._arrived:
                    self._answers[key or 0] = payload
                    self._arrived.notify_all()
        with self._arrived:
            self._arrived.notify_all()
