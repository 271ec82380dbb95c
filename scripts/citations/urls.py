"""Page URLs as MkDocs builds them with directory URLs (use_directory_urls: true)."""

from __future__ import annotations

SOURCES_PAGE = "sources.md"


def page_dir(rel: str) -> str:
    """The URL directory of a page: "regions/africa.md" -> "regions/africa", "index.md" -> ""."""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return stem


def relative_url(from_rel: str, to_rel: str) -> str:
    """Relative URL from page `from_rel` to page `to_rel`, e.g. "../../sources/"."""
    return relative_path(page_dir(from_rel), page_dir(to_rel)) + "/"


def relative_path(start: str, target: str) -> str:
    """The relative path from site directory `start` to site path `target` ("" is the site root),
    as posixpath.relpath gives it: "." when they are the same. Written out, not relpath: that makes
    both paths absolute from the working directory first (a tenth of the Sources page's build time)."""
    start_parts, target_parts = _parts(start), _parts(target)
    common = 0
    while common < min(len(start_parts), len(target_parts)) and start_parts[common] == target_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


def _parts(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def sources_href(rel: str) -> str:
    return relative_url(rel, SOURCES_PAGE)
