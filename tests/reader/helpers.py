"""Shared helpers for the reader-feature tests: the data files, read independently of the build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from scripts.translation.languages import CHINESE, ENGLISH
from tests.conftest import page_url
from tests.sitebuild import ROOT

PREFIXES = (ENGLISH.url_prefix, CHINESE.url_prefix)


def timeline_data() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data" / "timeline").glob("*.yml")}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def source_file(path: str) -> Path:
    """The Markdown file a built page comes from (English when the page is not translated)."""
    lang = CHINESE if path.startswith(CHINESE.url_prefix) else ENGLISH
    stem = page_url(path)[len(lang.url_prefix):].rstrip("/") or "index"
    own = ROOT / "docs" / lang.locale / f"{stem}.md"
    return own if own.exists() else ROOT / "docs" / "en" / f"{stem}.md"


def resolve(path: str, href: str, base_url: str) -> tuple[str, str]:
    """(built file, fragment) that a link on page `path` leads to."""
    target = urlsplit(urljoin(urljoin(base_url, page_url(path)), href))
    file = target.path[len(urlsplit(base_url).path):]
    return (file + "index.html" if file == "" or file.endswith("/") else file), target.fragment


def canonical(soup) -> str:
    return soup.select_one('link[rel="canonical"]')["href"]
