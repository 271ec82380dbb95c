"""When each file was last changed, from git history (one `git log` call for the whole tree).

Used for "last updated" on pages and, later, for feeds. A file with no commit yet (new or untracked)
falls back to its modification time, so a local preview still shows a date.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import lru_cache
from pathlib import Path


_LOG = ("git", "log", "--format=@%cs", "--name-only", "--no-renames", "HEAD")
_STATUS = ("git", "status", "--porcelain", "--untracked-files=all", "--no-renames")
_started: dict[tuple, subprocess.Popen] = {}   # git commands started ahead (`prefetch`)


def prefetch(repo_root: Path) -> None:
    """Start the two git commands now, so that their answers are there when the first page asks
    (the build renders every page's Markdown meanwhile)."""
    for command in (_LOG, _STATUS):
        key = (command, _resolved(repo_root))
        if key not in _started:
            try:
                _started[key] = subprocess.Popen(command, cwd=key[1], stdout=subprocess.PIPE,
                                                 stderr=subprocess.DEVNULL, text=True)
            except OSError:
                pass


def _git(command: tuple, repo_root: Path) -> str | None:
    """The output of a git command (started by `prefetch`, or now); None if it failed."""
    process = _started.pop((command, repo_root), None)
    try:
        if process is None:
            return subprocess.run(command, cwd=repo_root, capture_output=True, text=True, check=True).stdout
        out, _ = process.communicate()
        return out if process.returncode == 0 else None
    except (OSError, subprocess.CalledProcessError):
        return None


@lru_cache(maxsize=None)
def _last_commit_dates(repo_root: Path) -> dict[str, dt.date]:
    """Map every path (relative to repo_root, POSIX) to the date of the last commit that touched it."""
    out = _git(_LOG, repo_root)
    if out is None:
        return {}  # not a git checkout, or no commit yet
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in out.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(line, current)  # log is newest first: keep the first date seen
    return dates


@lru_cache(maxsize=None)
def _uncommitted(repo_root: Path) -> frozenset[str]:
    """Paths with changes not yet committed (modified, added or untracked)."""
    out = _git(_STATUS, repo_root)
    if out is None:
        return frozenset()
    return frozenset(line[3:].strip('"') for line in out.splitlines() if len(line) > 3)


@lru_cache(maxsize=None)
def _resolved(repo_root: Path) -> Path:
    return repo_root.resolve()


def clear_cache() -> None:
    """Forget what git said: call before each build so `mkdocs serve` sees new commits and edits."""
    for process in _started.values():
        process.kill()
        process.wait()
    _started.clear()
    _last_commit_dates.cache_clear()
    _uncommitted.cache_clear()
    _last_updated.cache_clear()


def last_updated(path: str | os.PathLike, repo_root: Path) -> dt.date:
    """The date `path` last changed: its last commit, or its mtime when it has uncommitted changes."""
    return _last_updated(os.fspath(path), repo_root)


@lru_cache(maxsize=None)  # two hooks ask for each page's date
def _last_updated(path_text: str, repo_root: Path) -> dt.date:
    root = _resolved(repo_root)
    rel = _relative(os.path.abspath(path_text), os.fspath(root))  # abspath: no system call per page
    committed = _last_commit_dates(root).get(rel)
    if committed is None or rel in _uncommitted(root):
        return dt.date.fromtimestamp(os.stat(path_text).st_mtime)
    return committed


def _relative(path: str, root: str) -> str:
    """`path` relative to the directory `root`, in POSIX form; both absolute. String operations, not
    pathlib's (25 µs a page against 3 µs). A path that reaches the root only through a symbolic link
    is resolved first."""
    prefix = root.rstrip("/") + "/"
    if not path.startswith(prefix):
        path = os.path.realpath(path)
        if not path.startswith(prefix):
            raise ValueError(f"{path} is not under {root}")
    return path[len(prefix):]


def format_date(date: dt.date, locale: str) -> str:
    """A reader-facing date: "16 December 2015" in English, "2015年12月16日" in Chinese."""
    if locale == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {date.strftime('%B')} {date.year}"
