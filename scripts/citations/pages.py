"""The site's Markdown pages as the citation tools see them: which language, which file, which title,
and which sources each one cites."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from scripts.citations.markdown import Citation, Malformed, find_citations, mask

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.DOTALL)
_TITLE = re.compile(r"^#\s+(.+?)(?:\s+\{[^}]*\})?\s*$", re.MULTILINE)


def front_matter_problem(text: str) -> tuple[int, int, str] | None:
    """(line, column, what is wrong) if the page opens with front matter (between two `---` lines)
    that is not a YAML mapping; None if it is one, or if the page has none. MkDocs says nothing of
    such front matter: it drops its fields and shows its lines as the page's first paragraph."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 2, mark.column + 1) if mark else (2, 1)   # + 1 for the opening ---
        return line, column, f"{exc.problem or exc}"
    except yaml.YAMLError as exc:
        return 2, 1, str(exc)
    if data is not None and not isinstance(data, dict):
        return 2, 1, "it is not a list of `key: value` lines"
    return None


@dataclass
class PageSource:
    path: Path      # the file
    locale: str     # en, zh
    rel: str        # path inside the language folder, e.g. "regions/africa.md"
    text: str = field(repr=False)

    @cached_property
    def masked(self) -> str:
        return mask(self.text)

    @cached_property
    def _citations(self) -> tuple[list[Citation], list[Malformed]]:
        return find_citations(self.text, self.masked)

    @property
    def citations(self) -> list[Citation]:
        return self._citations[0]

    @property
    def malformed(self) -> list[Malformed]:
        return self._citations[1]

    @cached_property
    def meta(self) -> dict:
        match = _FRONT_MATTER.match(self.text)
        if not match or front_matter_problem(self.text):
            return {}   # `check` and the build report bad front matter (front_matter_problem)
        return yaml.safe_load(match.group(1)) or {}

    @cached_property
    def title(self) -> str:
        if self.meta.get("title"):
            return str(self.meta["title"])
        match = _TITLE.search(self.masked)
        return match.group(1).strip() if match else self.rel

    def cited_keys(self) -> set[str]:
        return {key for citation in self.citations for key in citation.keys}


def load_pages(docs_dir: Path, locales: list[str]) -> dict[str, dict[str, PageSource]]:
    """{locale: {rel: page}} for every Markdown file under docs/<locale>/.

    A language's pages are read again only when a file was added, removed or changed (by size and
    modification time): in a build, the Sources page, the feeds, the data pages and the translation
    status each ask.
    """
    out: dict[str, dict[str, PageSource]] = {}
    for locale in locales:
        root = docs_dir / locale
        out[locale] = dict(_read_pages(root, locale, tuple(_markdown_files(root))))
    return out


def _markdown_files(root: Path) -> list[tuple[str, int, int]]:
    """(path relative to root, size, modification time) of every *.md file under root, in path order.

    With os.scandir, not Path.rglob and Path.stat: this runs for every caller of load_pages, and the
    Path objects made it take several times longer on a large site."""
    found = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.name.endswith(".md"):
                    stat = entry.stat()
                    found.append((prefix + entry.name, stat.st_size, stat.st_mtime_ns))

    if root.is_dir():
        walk(os.fspath(root), "")
    return sorted(found, key=lambda item: item[0].split("/"))   # the order Path sorting gave


@lru_cache(maxsize=4)
def _read_pages(root: Path, locale: str, stamp: tuple) -> dict[str, PageSource]:
    """`stamp` keys the cache: (rel, size, mtime) of each file."""
    pages = {}
    for rel, *_ in stamp:
        path = root / rel
        pages[rel] = PageSource(path, locale, rel, path.read_text(encoding="utf-8"))
    return pages


def cited_by(pages: dict[str, PageSource], found: dict[str, list[str]], resolve) -> dict[str, list[PageSource]]:
    """{source id: pages of one language that cite it}, in the pages' order. `found` gives {rel: keys}
    for pages whose citations the caller has already found (the build, in the page as rendered);
    the others' are found in their files. `resolve` gives the id a key names (Registry.resolve: a
    source may be cited by its kept citation-key)."""
    index: dict[str, list[PageSource]] = {}
    for rel, page in pages.items():
        keys = found[rel] if rel in found else page.cited_keys()
        for key in sorted({resolve(key) or key for key in keys}):
            index.setdefault(key, []).append(page)
    return index
