"""Work the build hands to a second Python process, to run on the machine's other core while the
build goes on: `start` it early, send it input if it reads any, and `collect` its answer when the
build needs it.

The second process runs `module:function(lines)`, where `lines` iterates over what was sent to it, one
line each, and prints the function's result as JSON once its input ends (`serve`). Answering only at
the end keeps the two processes from ever waiting on each other's full pipe, and a thread there reads
the input as it comes, so the build never waits for the function to take a line (sending the pages
to the search index and the parallel views had cost the build half a second of waiting). It is a
fresh interpreter (`python -c`), not a fork: it imports only what the function needs and never the
build's main module.
"""

from __future__ import annotations

import importlib
import json
import os
import queue
import subprocess
import sys
import threading

from scripts.project import ROOT

_RUN = "import sys; from scripts.site.beside import serve; serve(sys.argv[1], int(sys.argv[2]))"


def serve(function: str, niceness: int = 10) -> None:
    """The second process's side: `function` ("package.module:name") on the lines of standard input,
    read by a thread as they come; its result as JSON on standard output."""
    _yield_to_the_build(niceness)
    lines: queue.SimpleQueue = queue.SimpleQueue()

    def read() -> None:
        for line in sys.stdin:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    module, _, name = function.partition(":")
    result = getattr(importlib.import_module(module), name)(iter(lines.get, None))
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.flush()
    # Ended here: the interpreter's usual exit would wait on the reading thread's lock on standard
    # input (its "could not acquire lock ... at interpreter shutdown" abort) if the input is still open.
    os._exit(0)


class Slot:
    """Room for one process of a kind (the support check, Pagefind...): `put` kills the one a failed
    build left there (`mkdocs serve` goes on after a failed build), `take` hands it over once."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None

    def put(self, process: subprocess.Popen | None) -> subprocess.Popen | None:
        if self._process is not None:
            self._process.kill()
        self._process = process
        return process

    @property
    def current(self) -> subprocess.Popen | None:
        return self._process

    def take(self) -> subprocess.Popen | None:
        process, self._process = self._process, None
        return process


def _yield_to_the_build(niceness: int) -> None:
    """Run at a lower priority than the build (and so does Pagefind, started from here): on a machine
    with fewer free cores than processes, the build, which the others wait for at its end, is not
    slowed by them; they use what it leaves, in the order of their niceness."""
    try:
        os.nice(niceness)
    except (AttributeError, OSError):
        pass


def start(function: str, niceness: int = 10) -> subprocess.Popen | None:
    """Start `function` ("package.module:name") in a second process, at a lower priority than the
    build by `niceness` (Unix's nice: 0 to 19); None if none can start (the caller then does the work
    itself)."""
    try:
        process = subprocess.Popen([sys.executable, "-c", _RUN, function, str(niceness)], cwd=ROOT, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8")
    except OSError:
        return None
    _widen(process.stdin)
    return process


_F_SETPIPE_SZ = 1031   # Linux's fcntl to resize a pipe (not in Python's fcntl module before 3.10's docs)


def _widen(pipe) -> None:
    """A pipe of 1 MiB instead of 64 KiB where Linux allows it: a page (up to 600 KB) is then written
    in one go, not in pieces each waiting for the other process's reading thread to run."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", _F_SETPIPE_SZ), 1 << 20)
    except (ImportError, OSError):
        pass   # another system, or a lower limit: smaller writes, the same result


def send(process: subprocess.Popen, value) -> bool:
    """Send one JSON value as one line, at once (not left in this side's buffer until the next line:
    a short line, such as a job sent at the end of a language's build, waited there until the input
    ended); False if the process has gone."""
    try:
        process.stdin.write(json.dumps(value, ensure_ascii=False) + "\n")
        process.stdin.flush()
        return True
    except (OSError, ValueError):
        return False


def end_input(process: subprocess.Popen) -> None:
    """Tell the process that nothing more will be sent, so it can start on what it has."""
    try:
        process.stdin.close()
    except OSError:
        pass


def collect(process: subprocess.Popen, what: str):
    """End the input, wait, and return the process's answer; RuntimeError naming `what` if it failed."""
    if process.stdin is not None and process.stdin.closed:
        process.stdin = None   # ended by `end_input`: communicate() would flush it
    output, errors = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{what} failed in its second process (exit {process.returncode}):\n{errors}")
    return json.loads(output)
