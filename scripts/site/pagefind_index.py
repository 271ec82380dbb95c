"""Pagefind's index of the site, built beside the build, one language at a time, as its pages are
written.

Pagefind does not read the built site. Each searchable page goes, as it is built, to its language's
indexing process (scripts/site/beside.py), as a copy of what Pagefind indexes of it: its `<html lang>`
and its marked `<article>` (scripts/site/site_search.py, `index_copy`). On Chinese pages that
process adds the suffixes of the page's words (`site_search.Pieces`), which only the index needs.
It hands each copy to a Pagefind service (scripts/site/pagefind_service.py), which indexes it at
once, on the machine's other core, while the build goes on. Once its language's last page is sent,
the process writes that language's bundle and re-cuts its word index (scripts/site/pagefind_chunks.py),
English while the Chinese pages are built; `Indexer.finish` merges the bundles into the site's
`pagefind/` folder. A bundle keeps each language in files of its own, listed in
`pagefind-entry.json`, so the merge is what Pagefind writes for the whole site (tested:
tests/search/test_pagefind_index.py).

Indexing the built site once every page was written, then re-cutting it, had taken the last 1.8 s
of the build; it read 96 pages, half of which (the print pages, 1.3 MB each, and the parallel
views) it then dropped. `make bench-build` has the figures.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from scripts.site import beside, pagefind_chunks

OUTPUT = "pagefind"
ENTRY = "pagefind-entry.json"
# Pagefind's ready-made interfaces, which the site does not use (search.js drives its JS API).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def page_url(dest_uri: str) -> str:
    """The URL Pagefind gives the page written to `dest_uri`: "zh/origin/index.html" -> "/zh/origin/"."""
    return "/" + dest_uri.removesuffix("index.html")


class LanguageIndex:
    """One language's index: `add` its pages' copies, then `write` its bundle."""

    def __init__(self, bundle: Path, exclude: str, pieces: bool) -> None:
        from scripts.site import pagefind_service, site_search

        self._bundle, self._site_search = bundle, site_search
        self._pieces = site_search.Pieces() if pieces else None
        self._service = pagefind_service.PagefindService([exclude])

    def preload(self) -> None:
        if self._pieces is not None:
            self._pieces.preload()

    def add(self, url: str, copy: str) -> None:
        if self._pieces is not None:
            copy = self._site_search.with_pieces(copy, self._pieces.of(copy))
        self._service.add(url, copy)

    def write(self) -> int:
        """Write the bundle, re-cut its word index; the number of pages indexed."""
        for name, content in self._service.files().items():
            if name not in UNUSED:
                path = self._bundle / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        if self._pieces is not None:
            self._pieces.save()
        pagefind_chunks.rechunk(self._bundle)  # a query fetches a few KiB of word index, not 70
        return self._service.page_count

    def close(self) -> None:
        self._service.close()


def index_beside(lines) -> int:
    """A `LanguageIndex` in a second process. The first line is {"bundle", "exclude", "pieces"}; each
    next one a page, {"url", "copy"}; the input ends with the language's pages."""
    lines = iter(lines)
    task = json.loads(next(lines))
    index = LanguageIndex(Path(task["bundle"]), task["exclude"], task["pieces"])
    try:
        index.preload()
        for line in lines:
            page = json.loads(line)
            index.add(page["url"], page["copy"])
        return index.write()
    finally:
        index.close()


def merge(bundles: list[Path], output: Path) -> None:
    """One bundle of every language in `output`, from bundles of one language each. Their files never
    clash: each language's are named by language and hash, and the rest (Pagefind's script, worker and
    WebAssembly) is the same in every bundle; a clash stops the build."""
    if output.exists():
        shutil.rmtree(output)
    entry: dict | None = None
    for bundle in bundles:
        own = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        if entry is None:
            entry = own
        elif {k: v for k, v in own.items() if k != "languages"} != {k: v for k, v in entry.items() if k != "languages"}:
            raise RuntimeError(f"{bundle / ENTRY}: its Pagefind version or settings differ from {bundles[0] / ENTRY}")
        else:
            twice = set(own["languages"]) & set(entry["languages"])
            if twice:
                raise RuntimeError(f"{bundle / ENTRY}: language {', '.join(sorted(twice))} is in two search bundles: "
                                   f"a page of one language's build has another's <html lang>")
            entry["languages"].update(own["languages"])
        for path in bundle.rglob("*"):
            target = output / path.relative_to(bundle)
            if path.is_dir() or path.name == ENTRY:
                continue
            if target.exists() and target.read_bytes() != path.read_bytes():
                raise RuntimeError(f"{path}: another language's search bundle has a different file of that name")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if entry is None:
        raise RuntimeError("no language's search index was built")
    (output / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


class Indexer:
    """The indexing of every language, for one build: `begin` as the whole build begins (each
    language's process starts, and loads what it needs while waiting for pages); `add` each page's
    copy; `end` a language once its pages are written; `finish` once every language's are.
    Without a second process, a language is indexed in this one (the same steps)."""

    def __init__(self, exclude: str) -> None:
        self._exclude = exclude
        self._root: Path | None = None
        self._slots: dict[str, beside.Slot] = {}
        self._here: dict[str, LanguageIndex] = {}   # languages indexed in this process

    def begin(self, locales: list[str], with_pieces: set[str]) -> None:
        self._remove()   # what a failed build left
        self._root = Path(tempfile.mkdtemp(prefix="site-search-"))
        for locale in locales:
            task = {"bundle": str(self._bundle(locale)), "exclude": self._exclude, "pieces": locale in with_pieces}
            process = self._slots.setdefault(locale, beside.Slot()).put(beside.start("scripts.site.pagefind_index:index_beside"))
            if process is None or not beside.send(process, task):
                self._slots[locale].put(None)
                self._here[locale] = LanguageIndex(self._bundle(locale), self._exclude, task["pieces"])

    def add(self, locale: str, dest_uri: str, copy: str) -> None:
        """Index the copy of the page written to `dest_uri` (site_search.index_copy)."""
        if locale in self._here:
            self._here[locale].add(page_url(dest_uri), copy)
            return
        process = self._slots[locale].current if locale in self._slots else None
        if process is None:
            raise RuntimeError(f"the search index of {locale} was not begun or has ended: Indexer.begin was not called")
        if not beside.send(process, {"url": page_url(dest_uri), "copy": copy}):
            self._collect(locale)   # it has gone: its error says why
            raise RuntimeError(f"the process indexing the {locale} pages for the search ended early")

    def end(self, locale: str) -> None:
        """Every page of the language is sent: its bundle is written beside the build."""
        process = self._slots[locale].current if locale in self._slots else None
        if process is not None:
            beside.end_input(process)

    def finish(self, site_dir: Path, locales: list[str]) -> None:
        """Wait for each language's bundle and merge them into site_dir/pagefind/."""
        try:
            for locale in locales:
                if locale in self._here:
                    self._here.pop(locale).write()
                else:
                    self._collect(locale)
            merge([self._bundle(locale) for locale in locales], site_dir / OUTPUT)
        finally:
            self._remove()

    def _collect(self, locale: str) -> None:
        process = self._slots[locale].take()
        if process is not None:
            beside.collect(process, f"indexing the {locale} pages for the search (scripts/site/pagefind_index.py)")

    def _bundle(self, locale: str) -> Path:
        return self._root / locale

    def _remove(self) -> None:
        for index in self._here.values():
            index.close()
        self._here.clear()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
