"""Where things are, and the project's check settings (read from pyproject.toml, [tool.explainer])."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    root: Path
    docs_dir: Path
    sources_dir: Path
    coverage_floor: float          # share of prose units that must carry a citation, per page
    missing_archive: str           # "warning" or "error"


def settings(root: Path = ROOT) -> Settings:
    """The settings in root/pyproject.toml. Read again only when the file changes: the build asks for
    them once per page."""
    pyproject = root / "pyproject.toml"
    try:
        stamp = pyproject.stat().st_mtime_ns
    except FileNotFoundError:
        stamp = None
    return _settings(root, stamp)


@lru_cache(maxsize=16)
def _settings(root: Path, stamp: int | None) -> Settings:
    pyproject = root / "pyproject.toml"
    table = {}
    if stamp is not None:
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("explainer", {})
    floor = float(table.get("coverage-floor", 0.95))
    if not 0 <= floor <= 1:
        raise ValueError(f"{pyproject}: [tool.explainer] coverage-floor must be between 0 and 1, not {floor}")
    missing_archive = table.get("missing-archive", "warning")
    if missing_archive not in {"warning", "error"}:
        raise ValueError(f"{pyproject}: [tool.explainer] missing-archive must be 'warning' or 'error'")
    return Settings(
        root=root,
        docs_dir=root / table.get("docs-dir", "docs"),
        sources_dir=root / table.get("sources-dir", "data/sources"),
        coverage_floor=floor,
        missing_archive=missing_archive,
    )
