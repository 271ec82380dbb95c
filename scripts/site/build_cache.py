"""What the build's work beside it (scripts/site/beside.py) found last time, kept in .cache/build/
(safe to delete), so that a rebuild whose inputs have not changed does not do it again: the
support check of an unchanged project, the Chinese words of an unchanged page. Entries are keyed by
digests of everything the work reads, its code included."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

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


def save(name: str, data: dict) -> None:
    """Written whole, then renamed into place: a build running beside another reads all or nothing."""
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        temporary = CACHE_DIR / f".{name}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(CACHE_DIR / f"{name}.json")
    except OSError:
        pass   # a cache that cannot be written costs time, never a result
