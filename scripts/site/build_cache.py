"""What a build worked out last time, kept in .cache/build/ (safe to delete), so that a rebuild whose
inputs have not changed does not do it again: the support check of an unchanged project, the
Chinese words of an unchanged page, the source registry read from unchanged files. Entries are
keyed by digests of everything the work reads, its code included."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

from scripts import atomic
from scripts.project import ROOT

CACHE_DIR = ROOT / ".cache" / "build"


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()[:24]


def files_digest(root: Path, patterns: list[str]) -> str:
    """A digest of the paths and contents of the files under `root` that match `patterns` ("docs/**/*.md")."""
    hasher = hashlib.sha256()
    for path in sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()}):
        hasher.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()[:24]


def load(name: str) -> dict:
    try:
        data = json.loads((CACHE_DIR / f"{name}.json").read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def load_pickle(name: str, key: str):
    """What `save_pickle` kept under `name` for `key`, or None. Pickle, for objects that JSON cannot
    hold (the source registry); the folder is this checkout's own, written only by these builds."""
    try:
        kept_key, value = pickle.loads((CACHE_DIR / f"{name}.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return value if kept_key == key else None


def save_pickle(name: str, key: str, value) -> None:
    _write(CACHE_DIR / f"{name}.pickle", pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))


def save(name: str, data: dict) -> None:
    _write(CACHE_DIR / f"{name}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _write(path: Path, content: bytes) -> None:
    """Written whole, then renamed into place: a build running beside another reads all or nothing."""
    try:
        atomic.write_bytes(path, content, durable=False)
    except OSError:
        pass   # a cache that cannot be written costs time, never a result
