"""The site search through the real header search box (Pagefind, scripts/site_search.py): a
representative part of the committed query set (data/search-queries.yml) in both languages, the
whole query set against its targets, results in the reader's language only, and the whole query
highlighted on the page a result opens."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.bench import search as bench

pytestmark = pytest.mark.browser

REQUIRED = {"en": ["cyber sovereignty", "Uganda", "wangluo zhuquan", "网络主权"],
            "zh": ["网络主权", "世界互联网大会", "四项原则", "五点主张", "数字丝绸之路", "乌干达", "白皮书",
                   "wangluo zhuquan", "cyber sovereignty"]}
QUERIES = bench.load_queries()


def test_the_query_set_is_large_enough_and_covers_the_required_queries(content_pages):
    for code, queries in QUERIES.items():
        assert len(queries) >= 40, code
        texts = [q.text for q in queries]
        assert not [q for q in REQUIRED[code] if q not in texts], code
        # Every expected page exists in the build.
        missing = [p for q in queries for p in q.pages if p + "index.html" not in content_pages]
        assert missing == [], missing


@pytest.mark.parametrize(("code", "query"), [(code, q) for code, texts in REQUIRED.items() for q in texts])
def test_a_reader_finds_the_page_in_the_top_three(page, site_url, code, query):
    expected = next(q for q in QUERIES[code] if q.text == query)
    page.goto(site_url + ("zh/" if code == "zh" else ""))
    found = bench.ranked_pages(page, query)
    assert bench.rank(found, expected) is not None and bench.rank(found, expected) <= 3, found
    assert all(path.startswith("zh/") == (code == "zh") for path in found), found  # the reader's language only


def test_the_whole_query_is_highlighted_on_the_page_opened(page, site_url):
    page.goto(site_url + "zh/")
    bench.ranked_pages(page, "世界互联网大会")
    link = page.locator(".md-search-result__item > a.md-search-result__link").first
    assert parse_qs(urlsplit(link.get_attribute("href")).query)["h"] == ["世界互联网大会"]
    with page.expect_navigation():
        link.click()
    marks = page.locator("article mark[data-md-highlight]").all_text_contents()
    assert marks and set(marks) == {"世界互联网大会"}, marks


@pytest.mark.parametrize("code", ["en", "zh"])
def test_the_full_query_set_meets_its_targets(browser, site_url, code):
    """Top-3 >= 95 % and MRR >= 0.9 (measured December 2026: en 100 %, 0.917; zh 98.3 %, 0.904)."""
    score = bench.score(browser, site_url, code, QUERIES[code])
    table = bench.report({"pagefind": {code: score}})
    assert score.top3 >= bench.TARGET_TOP3 and score.mrr >= bench.TARGET_MRR, table
