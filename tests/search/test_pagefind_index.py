"""The search index built beside the build (scripts/site/pagefind_index.py, scripts/site/pagefind_service.py),
on two small pages: the same bundle from the second processes as from this one, each language's
files written into one bundle with one entry of them all, and clashes refused. The real site's index is compared word by word with
Pagefind's own in tests/search/test_pagefind_chunks.py."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from scripts.site import beside, build_cache, pagefind_index, site_search

PAGES = {
    "en": ("origin/index.html", "en", "<h1>Origin</h1><p>The keynote at Wuzhen in December 2015.</p>"),
    "zh": ("zh/origin/index.html", "zh-Hans", "<h1>由来</h1><p>中国与东盟合作。</p>"),
}


def copy_of(tag: str, body: str) -> str:
    page = (f'<!doctype html><html lang="{tag}"><head><title>t</title></head><body><nav>menu</nav>'
            f"{site_search.ARTICLE}{body}</article><footer>footer</footer></body></html>")
    return site_search.index_copy(site_search.mark_page(page, True, ["wangluo zhuquan"], summary="summary"))


def build(tmp_path: Path, name: str) -> Path:
    indexer = pagefind_index.Indexer(site_search.EXCLUDE)
    site = tmp_path / name
    indexer.begin(site, list(PAGES), with_pieces={"zh"})
    for locale, (dest, tag, body) in PAGES.items():
        indexer.add(locale, dest, copy_of(tag, body))
        indexer.end(locale)
    indexer.finish(list(PAGES))
    return site / pagefind_index.OUTPUT


def fragments(bundle: Path) -> dict[str, str]:
    """{page URL: the text Pagefind keeps of it}."""
    found = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        found[fragment["url"]] = fragment["content"].replace("\u200b", "")
    return found


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(build_cache, "CACHE_DIR", tmp_path / "cache")   # the project's cache stays as it is


def test_each_language_is_indexed_beside_the_build_into_one_bundle(tmp_path, monkeypatch):
    bundle = build(tmp_path, "beside")
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {language: info["page_count"] for language, info in entry["languages"].items()} == {"en": 1, "zh-hans": 1}
    texts = fragments(bundle)
    assert set(texts) == {"/origin/", "/zh/origin/"}
    assert "Wuzhen" in texts["/origin/"] and "menu" not in texts["/origin/"] and "footer" not in texts["/origin/"]
    assert "wangluo zhuquan" in texts["/origin/"]                  # index-only terms
    assert "盟" in texts["/zh/origin/"].replace(".", " ").split()   # 东盟's suffix, on Chinese pages only
    assert not [name for name in pagefind_index.UNUSED if (bundle / name).exists()]
    # Without a second process, the same bundle is made here.
    monkeypatch.setattr(beside, "start", lambda function, niceness=10: None)
    here = build(tmp_path, "here")
    assert sorted(p.relative_to(here).as_posix() for p in here.rglob("*")) == \
        sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*"))
    assert fragments(here) == texts


def test_entries_and_files_that_clash_are_refused(tmp_path):
    english = {"version": "1.5.2", "languages": {"en": {"hash": "en_1", "page_count": 1}}}
    with pytest.raises(RuntimeError, match="language en is in two languages' search indexes"):
        pagefind_index.merge_entries([english, {"version": "1.5.2", "languages": {"en": {"hash": "en_2"}}}])
    with pytest.raises(RuntimeError, match="different Pagefind versions or settings"):
        pagefind_index.merge_entries([english, {"version": "1.5.3", "languages": {"zh-hans": {"hash": "zh-hans_1"}}}])
    merged = pagefind_index.merge_entries([english, {"version": "1.5.2", "languages": {"zh-hans": {"hash": "zh-hans_1"}}}])
    assert list(merged["languages"]) == ["en", "zh-hans"]
    script = tmp_path / "pagefind.js"
    pagefind_index._write_shared(script, b"script")
    pagefind_index._write_shared(script, b"script")   # the same file from the other language: kept
    with pytest.raises(RuntimeError, match="pagefind.js: another language's search index has a different file"):
        pagefind_index._write_shared(script, b"another script")
    assert script.read_bytes() == b"script" and [p.name for p in tmp_path.iterdir()] == ["pagefind.js"]


def test_a_page_for_a_language_not_begun_is_a_clear_error():
    with pytest.raises(RuntimeError, match="search index of en was not begun"):
        pagefind_index.Indexer(site_search.EXCLUDE).add("en", "index.html", "<html></html>")
