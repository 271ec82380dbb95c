"""Pagefind's index of the site, built beside the build, one language at a time, as its pages are
written.

Pagefind does not read the built site. Each searchable page goes, as it is built, to its language's
indexing process (scripts/site/beside.py), as a copy of what Pagefind indexes of it: its `<html lang>`
and its marked `<article>` (scripts/site/site_search.py, `index_copy`). On Chinese pages that
process adds the suffixes of the page's words (`site_search.Pieces`), which only the index needs.
It hands each copy to a Pagefind service (scripts/site/pagefind_service.py), which indexes it at
once, on the machine's other core, while the build goes on. Once its language's last page is sent,
the process takes the language's files from Pagefind, re-cuts its word index
(scripts/site/pagefind_chunks.py) and writes them into the site's `pagefind/` folder: English while
the Chinese pages are built. A bundle keeps each language in files of its own, listed in
`pagefind-entry.json`, which `Indexer.finish` writes from every language's; the result is what
Pagefind makes of the same pages at once (tested word by word: tests/search/test_pagefind_chunks.py).

Indexing the built site once every page was written, then re-cutting it, had taken the last 1.8 s
of the build; it read 96 pages, half of which (the print pages, 1.3 MB each, and the parallel
views) it then dropped. `make bench-build` has the figures.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from scripts import atomic
from scripts.site import beside, pagefind_chunks

OUTPUT = "pagefind"
ENTRY = pagefind_chunks.ENTRY
# Pagefind's ready-made interfaces, which the site does not use (search.js drives its JS API).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def page_url(dest_uri: str) -> str:
    """The URL Pagefind gives the page written to `dest_uri`: "zh/origin/index.html" -> "/zh/origin/"."""
    return "/" + dest_uri.removesuffix("index.html")


class LanguageIndex:
    """One language's index: `add` its pages' copies, then `write` its files into the site's bundle."""

    def __init__(self, output: Path, exclude: str, pieces: bool) -> None:
        from scripts.site import pagefind_service, site_search

        self._output, self._site_search = output, site_search
        self._pieces = site_search.Pieces() if pieces else None
        self._service = pagefind_service.PagefindService([exclude])

    def preload(self) -> None:
        if self._pieces is not None:
            self._pieces.preload()

    def add(self, url: str, copy: str) -> None:
        if self._pieces is not None:
            copy = self._site_search.with_pieces(copy, self._pieces.of(copy))
        self._service.add(url, copy)

    def write(self) -> dict:
        """Re-cut the word index and write the language's files into the bundle (all but
        pagefind-entry.json, which `merge_entries` makes of every language's); its entry."""
        files = pagefind_chunks.rechunk_files(self._service.files())  # a query fetches a few KiB of index, not 70
        if self._pieces is not None:
            self._pieces.save()
        for name, content in files.items():
            if name not in UNUSED and name != ENTRY:
                _write_shared(self._output / name, content)
        return json.loads(files[ENTRY])

    def close(self) -> None:
        self._service.close()


def _write_shared(path: Path, content: bytes) -> None:
    """Write a file of the bundle, which another language's process may write too (Pagefind's script,
    worker and WebAssembly, the same for every language): whole, then renamed into place, and never
    over a different file of that name."""
    if path.exists():
        if path.read_bytes() != content:
            raise RuntimeError(f"{path}: another language's search index has a different file of that name")
        return
    atomic.write_bytes(path, content, durable=False)


def index_beside(lines) -> dict:
    """A `LanguageIndex` in a second process. The first line is {"output", "exclude", "pieces"}; each
    next one a page, {"url", "copy"}; the input ends with the language's pages. Its answer: the
    language's entry."""
    lines = iter(lines)
    task = json.loads(next(lines))
    index = LanguageIndex(Path(task["output"]), task["exclude"], task["pieces"])
    try:
        index.preload()
        for line in lines:
            page = json.loads(line)
            index.add(page["url"], page["copy"])
        return index.write()
    finally:
        index.close()


def merge_entries(entries: list[dict]) -> dict:
    """One pagefind-entry.json of every language, from each language's own: Pagefind's version and
    settings must be the same in each, and each language in one."""
    if not entries:
        raise RuntimeError("no language's search index was built")
    merged = {**entries[0], "languages": dict(entries[0]["languages"])}
    for entry in entries[1:]:
        if {k: v for k, v in entry.items() if k != "languages"} != {k: v for k, v in merged.items() if k != "languages"}:
            raise RuntimeError("the languages' search indexes were made by different Pagefind versions or settings")
        twice = set(entry["languages"]) & set(merged["languages"])
        if twice:
            raise RuntimeError(f"language {', '.join(sorted(twice))} is in two languages' search indexes: "
                               f"a page of one language's build has another's <html lang>")
        merged["languages"].update(entry["languages"])
    return merged


class Indexer:
    """The indexing of every language, for one build: `begin` as the whole build begins (each
    language's process starts, and loads what it needs while waiting for pages); `add` each page's
    copy; `end` a language once its pages are written; `finish` once every language's are.
    Without a second process, a language is indexed in this one (the same steps)."""

    def __init__(self, exclude: str) -> None:
        self._exclude = exclude
        self._output: Path | None = None
        self._slots: dict[str, beside.Slot] = {}
        self._here: dict[str, LanguageIndex] = {}   # languages indexed in this process

    def begin(self, site_dir: Path, locales: list[str], with_pieces: set[str]) -> None:
        self._close_here()   # what a failed build left
        self._output = site_dir / OUTPUT
        if self._output.exists():
            shutil.rmtree(self._output)
        for locale in locales:
            task = {"output": str(self._output), "exclude": self._exclude, "pieces": locale in with_pieces}
            process = self._slots.setdefault(locale, beside.Slot()).put(beside.start("scripts.site.pagefind_index:index_beside", niceness=5))
            if process is None or not beside.send(process, task):
                self._slots[locale].put(None)
                self._here[locale] = LanguageIndex(self._output, self._exclude, task["pieces"])

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
        """Every page of the language is sent: its files are written beside the build."""
        process = self._slots[locale].current if locale in self._slots else None
        if process is not None:
            beside.end_input(process)

    def finish(self, locales: list[str]) -> None:
        """Wait for each language's files, then write the bundle's entry of them all."""
        try:
            entries = [self._here.pop(locale).write() if locale in self._here else self._collect(locale)
                       for locale in locales]
            (self._output / ENTRY).write_text(json.dumps(merge_entries(entries), ensure_ascii=False,
                                                         separators=(",", ":")), encoding="utf-8")
        finally:
            self._close_here()

    def _collect(self, locale: str) -> dict:
        process = self._slots[locale].take() if locale in self._slots else None
        if process is None:
            raise RuntimeError(f"the search index of {locale} was not begun: Indexer.begin was not called")
        return beside.collect(process, f"indexing the {locale} pages for the search (scripts/site/pagefind_index.py)")

    def _close_here(self) -> None:
        for index in self._here.values():
            index.close()
        self._here.clear()
