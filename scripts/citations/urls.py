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
    # By hand, not posixpath.relpath: both are site-relative directories, and relpath makes each one
    # absolute from the working directory first (a tenth of the Sources page's build time).
    start, target = _parts(page_dir(from_rel)), _parts(page_dir(to_rel))
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:] + [""]) or "./"


def _parts(directory: str) -> list[str]:
    return [part for part in directory.split("/") if part]


def sources_href(rel: str) -> str:
    return relative_url(rel, SOURCES_PAGE)
