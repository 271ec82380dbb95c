"""Pagefind's word index re-cut into small chunks (scripts/site/pagefind_chunks.py), on the real
site's index: the same words as Pagefind writes for the same pages, each in the one chunk that a
query word it starts with leads the browser to, and chunks small enough that a query fetches a few KiB."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.project import ROOT
from scripts.site import pagefind_chunks, pagefind_index, site_search


def chunk_list(bundle: Path, language: str) -> list[tuple[str, str, Path]]:
    """(from, to, file) of each word-index chunk of `language`, from its metadata, as the browser reads it."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    path = bundle / f"pagefind.{entry['languages'][language]['hash']}.pf_meta"
    meta = pagefind_chunks._unpack(path)
    fields = pagefind_chunks._array_items(meta, 0, path)
    chunks = []
    for start, _ in pagefind_chunks._array_items(meta, fields[2][0], path):
        texts = [pagefind_chunks._text(meta, at, path) for at, _ in pagefind_chunks._array_items(meta, start, path)]
        chunks.append((texts[0], texts[1], bundle / "index" / f"{texts[2]}.pf_index"))
    return chunks


def words(bundle: Path, language: str) -> list[pagefind_chunks.Word]:
    return [word for _, _, path in chunk_list(bundle, language) for word in pagefind_chunks._words(path)]


def page_urls(bundle: Path, language: str) -> list[str]:
    """The URL of each page number of the language's index (its metadata lists the pages' fragments)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    path = bundle / f"pagefind.{entry['languages'][language]['hash']}.pf_meta"
    meta = pagefind_chunks._unpack(path)
    fields = pagefind_chunks._array_items(meta, 0, path)
    hashes = [pagefind_chunks._text(meta, start + 1, path) for start, _ in pagefind_chunks._array_items(meta, fields[1][0], path)]
    return [json.loads(gzip.decompress((bundle / "fragment" / f"{h}.pf_fragment").read_bytes())[len(b"pagefind_dcd"):])["url"]
            for h in hashes]


def word_pages(bundle: Path, language: str) -> dict[str, list[tuple[str, bytes]]]:
    """{word: [(page URL, the rest of its entry: locations and weights, as Pagefind wrote them), ...]}.
    A word's entries give each page's number as the difference from the entry before; the numbers
    follow the order Pagefind received the pages in, which this leaves out."""
    urls, found = page_urls(bundle, language), {}
    for word in words(bundle, language):
        data, path = word.item, Path(word.text)
        _, at = pagefind_chunks._array_head(data, 0, path)
        count, at = pagefind_chunks._array_head(data, pagefind_chunks._skip(data, at, path), path)
        number, entries = 0, []
        for _ in range(count):
            end = pagefind_chunks._skip(data, at, path)
            _, at = pagefind_chunks._array_head(data, at, path)
            _, delta, at = pagefind_chunks._read_head(data, at, path)
            number += delta
            entries.append((urls[number], data[at:end]))
            at = end
        found[word.text] = sorted(entries)
    return found


@pytest.fixture(scope="module")
def pagefind_own(built_site, tmp_path_factory) -> Path:
    """Pagefind's own index, as it cuts it, of what the build gives it to index: each searchable
    page's copy (site_search.index_copy), with its words' suffixes on Chinese pages."""
    copies = tmp_path_factory.mktemp("copies")
    pieces = site_search.Pieces()
    for page in built_site.site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if site_search.is_marked(text):
            copy = site_search.index_copy(text)
            if '<html lang="zh-Hans">' in copy:
                copy = site_search.with_pieces(copy, pieces.of(copy))
            target = copies / page.relative_to(built_site.site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(copy, encoding="utf-8")
    bundle = tmp_path_factory.mktemp("pagefind") / "bundle"
    subprocess.run([sys.executable, "-m", "pagefind_bin_extended", "--site", str(copies), "--output-path",
                    str(bundle), "--exclude-selectors", site_search.EXCLUDE, "--silent"], check=True)
    return bundle


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_site_index_holds_pagefinds_words_in_small_chunks(built_site, pagefind_own, language):
    bundle = built_site.site_dir / pagefind_index.OUTPUT
    assert len(chunk_list(pagefind_own, language)) <= 6  # Pagefind's own cut: 30 to 40 KiB a chunk
    # Every word on the same pages at the same places: indexed beside the build, language by
    # language, merged and re-cut, the index is what Pagefind makes of the same pages at once.
    assert word_pages(bundle, language) == word_pages(pagefind_own, language)
    assert [w.text for w in words(bundle, language)] == [w.text for w in words(pagefind_own, language)]
    chunks = chunk_list(bundle, language)
    assert sorted(path.name for _, _, path in chunks) == sorted(p.name for p in (bundle / "index").glob(f"{language}_*"))
    for _, _, path in chunks:  # at most TARGET locations, or the words of one first character
        chunk = pagefind_chunks._words(path)
        assert (sum(w.locations for w in chunk) <= pagefind_chunks.TARGET
                or len({w.text[0] for w in chunk}) == 1), path
    # A few KiB: the median chunk a quarter of Pagefind's smallest full one (its last holds what is left).
    sizes = sorted(path.stat().st_size for _, _, path in chunks)
    full = min(path.stat().st_size for _, _, path in chunk_list(pagefind_own, language)[:-1])
    assert sizes[len(sizes) // 2] < full / 4, (sizes, full)


def test_a_dirty_build_keeps_every_page_in_the_index(built_site, tmp_path):
    """`mkdocs build --dirty` renders only the pages changed since the site was written; the others
    go to the index from their pages as written (scripts/site/mkdocs_hooks.py, _end_language)."""
    site = tmp_path / "site"
    shutil.copytree(built_site.site_dir, site)   # newer than every source: no page is rendered again
    # (not strict: MkDocs warns of every dirty build)
    env = {**os.environ, "SITE_URL": built_site.base_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    for language in ("en", "zh-hans"):
        assert word_pages(site / pagefind_index.OUTPUT, language) == \
            word_pages(built_site.site_dir / pagefind_index.OUTPUT, language)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_query_word_leads_to_the_chunk_of_every_word_it_starts(built_site, language):
    """The browser loads, for each query word, the first chunk whose range holds it, and matches the
    word to the start of the words there (pagefind_web: try_request_indexes)."""
    chunks = chunk_list(built_site.site_dir / pagefind_index.OUTPUT, language)

    def chunk_of(term: str) -> int | None:
        # Rust compares strings byte by byte
        return next((i for i, (low, high, _) in enumerate(chunks)
                     if low.encode() <= term.encode() <= high.encode()), None)

    misled = []
    for number, (_, _, path) in enumerate(chunks):
        for word in pagefind_chunks._words(path):
            misled += [(prefix, word.text) for prefix in {word.text[:n] for n in range(1, len(word.text) + 1)}
                       if chunk_of(prefix) != number]
    assert misled == []


def test_an_index_of_an_unknown_pagefind_version_stops_the_build(built_site, tmp_path):
    bundle = tmp_path / "pagefind"
    shutil.copytree(built_site.site_dir / pagefind_index.OUTPUT, bundle)
    entry = bundle / "pagefind-entry.json"
    entry.write_text(entry.read_text(encoding="utf-8").replace('"version":"', '"version":"9.9.9-'), encoding="utf-8")
    with pytest.raises(pagefind_chunks.FormatError, match=r"Pagefind 9\.9\.9-.* add it to KNOWN_VERSIONS"):
        pagefind_chunks.rechunk(bundle)
