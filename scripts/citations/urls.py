"""Page URLs as MkDocs builds them with directory URLs (use_directory_urls: true)."""

from __future__ import annotations

import posixpath

SOURCES_PAGE = "sources.md"


def page_dir(rel: str) -> str:
    """The URL directory of a page: "regions/africa.md" -> "regions/africa", "index.md" -> ""."""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return stem


def relative_url(from_rel: str, to_rel: str) -> str:
    """Relative URL from page `from_rel` to page `to_rel`, e.g. "../../sources/"."""
    return posixpath.relpath(page_dir(to_rel) or ".", page_dir(from_rel) or ".") + "/"


def sources_href(rel: str) -> str:
    return relative_url(rel, SOURCES_PAGE)
