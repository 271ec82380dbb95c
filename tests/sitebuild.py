"""Build the real site once and serve it on loopback, for the HTML and browser tests."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuiltSite:
    site_dir: Path
    base_url: str  # the origin and path the site was built for and is served at, ending in "/"
    log: str       # what `mkdocs build --strict` printed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(site_dir: Path, base_url: str, docs_dir: Path | None = None,
               env: dict[str, str] | None = None) -> BuiltSite:
    """Run the real `mkdocs build --strict` (warnings fail) for `base_url` into `site_dir`, with
    `env` added to the environment."""
    env = {**os.environ, "SITE_URL": base_url, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{log}")
    return BuiltSite(site_dir=site_dir, base_url=base_url, log=log)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(site_dir: Path, port: int, prefix: str = "/") -> http.server.ThreadingHTTPServer:
    """Serve site_dir at http://127.0.0.1:port/ in a daemon thread; 404s get the site's 404 page.
    With a `prefix` ("/mirror/") the site is served under that path instead, as a mirror or a
    preview deploy would serve a copy of it."""
    handler = functools.partial(_Handler404, directory=str(site_dir), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Handler404(_QuietHandler):
    """Like GitHub Pages: a missing path gets the root 404.html with status 404."""

    def __init__(self, *args, prefix: str = "/", **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
