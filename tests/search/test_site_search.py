"""The build side of the site search (scripts/site/site_search.py) and the query set's loader, without a browser."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from scripts.site import pagefind_index, site_search
from scripts.bench import search as bench
from scripts.content.data import Entry

ARTICLE = site_search.ARTICLE


def entry(**data) -> Entry:
    return Entry(path=Path("data/glossary/x.yml"), data=data)


def test_pinyin_is_indexed_as_typed_without_tones():
    assert site_search.toneless("wǎngluò zhǔquán") == "wangluo zhuquan"
    assert site_search.toneless("Zhōng-Fēi hùliánwǎng") == "zhong fei hulianwang"
    assert site_search.toneless("lǜsè") == "lvse"  # ü is typed v


def test_glossary_terms_go_to_the_page_that_treats_them():
    glossary = [entry(term="cyber sovereignty", hanzi="网络主权", pinyin="wǎngluò zhǔquán", page="sovereignty.md#definition",
                      translations=[{"text": "sovereignty in cyberspace (WIC)"}])]
    assert site_search.page_terms(glossary, "en") == {"sovereignty.md": ["网络主权", "wangluo zhuquan"]}
    assert site_search.page_terms(glossary, "zh") == {
        "sovereignty.md": ["网络主权", "wangluo zhuquan", "cyber sovereignty", "sovereignty in cyberspace"]}


def test_a_searchable_page_gets_its_article_indexed_with_its_index_only_text():
    page = (f'<html lang="zh-Hans"><body><nav>menu</nav>{ARTICLE}<h1>东盟</h1><p>中国与东盟合作</p></article>'
            f"<footer>页脚</footer></body></html>")
    marked = site_search.mark_page(page, True, ["wangluo zhuquan"], summary="东南亚")
    assert f"{ARTICLE[:-1]} data-pagefind-body>" in marked and site_search.is_marked(marked)
    assert 'data-search-terms="wangluo zhuquan"' in marked and 'data-search-summary="东南亚"' in marked
    assert site_search.mark_page(page, False, ["x"]) == page  # excluded pages are left alone
    # What Pagefind reads: the language and the marked article, and the words' suffixes on Chinese pages
    copy = site_search.index_copy(marked)
    assert '<html lang="zh-Hans">' in copy and "data-search-summary" in copy and "menu" not in copy and "页脚" not in copy
    with_pieces = site_search.with_pieces(copy, " ".join(site_search.han_suffixes(copy)))
    assert "盟" in with_pieces.split('data-search-pieces="')[1].split('"')[0].split()  # 东盟's suffix
    assert with_pieces.index("data-search-summary") < with_pieces.index("data-search-pieces") < with_pieces.index("<h1>")
    with pytest.raises(ValueError, match="not a page marked for the search"):
        site_search.index_copy(page)


def test_a_boosted_page_carries_its_weight_and_a_weight_out_of_range_is_refused():
    page = f"<html><body>{ARTICLE}<h1>大事记</h1><p>世界互联网大会</p></article></body></html>"
    marked = site_search.mark_page(page, True, [], weight=0.2)
    assert f'{ARTICLE[:-1]} data-pagefind-weight="0.2" data-pagefind-body>' in marked
    with pytest.raises(ValueError, match="outside Pagefind's weights"):
        site_search.mark_page(page, True, [], weight=12)


def test_the_pages_that_list_other_pages_are_ranked_below_them(pages):
    for path in ("timeline/index.html", "zh/glossary/index.html", "zh/claims/index.html", "sources/index.html"):
        assert pages[path].select_one("article[data-pagefind-body]")["data-pagefind-weight"] == "0.2", path
    assert not pages["origin/index.html"].select_one("article[data-pagefind-body]").get("data-pagefind-weight")


def test_the_query_set_loader_names_what_is_wrong(tmp_path):
    path = tmp_path / "queries.yml"
    path.write_text("en:\n  - {q: Uganda, page: regions/africa/}\nzh:\n  - {q: 乌干达, page: regions/africa/}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"zh, query '乌干达': page 'regions/africa/' is not a path of this language"):
        bench.load_queries(path)
    path.write_text("en:\n  - {q: Uganda}\nzh: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="en, query 1: write"):
        bench.load_queries(path)
    path.write_text("en: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="one list of queries for each language"):
        bench.load_queries(path)


def indexed_text(site_dir, url: str) -> str:
    """The text Pagefind keeps for the page at `url` ("/origin/"): what excerpts are cut from."""
    for path in (site_dir / pagefind_index.OUTPUT / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        if fragment["url"] == url:
            return fragment["content"].replace("\u200b", "")
    raise AssertionError(f"no page {url} in the search index")


@pytest.mark.parametrize(("url", "theme_parts"), [
    ("/origin/", ["Cite this page", "Last updated", "English and Chinese side by side", "Cyberspace Community Explainer ·"]),
    ("/zh/origin/", ["引用本页", "最后更新", "中英对照", "网络空间命运共同体：资料与解读 ·"]),
])
def test_what_the_theme_adds_around_the_article_is_not_indexed(built_site, pages, url, theme_parts):
    soup = pages[url.lstrip("/") + "index.html"]
    assert all(part in soup.select_one("article").get_text() for part in theme_parts)  # on the page
    text = indexed_text(built_site.site_dir, url)
    assert soup.select_one("article h1").get_text().rstrip("¶") in text  # the page itself is indexed
    assert [part for part in theme_parts if part in text] == []
