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


# Not yet found in the top 3 (measured December 2026): Pagefind ranks the Chinese WIC page below pages
# that mention the conference often. Strict: when it is fixed, this fails and the mark must go.
KNOWN_MISSES = {("zh", "世界互联网大会")}


@pytest.mark.parametrize(("code", "query"), [
    pytest.param(code, q, marks=[pytest.mark.xfail(strict=True, reason="ranked below 3")] if (code, q) in KNOWN_MISSES else [])
    for code, texts in REQUIRED.items() for q in texts])
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


@pytest.mark.parametrize("code", [
    "en",
    # Measured December 2026: MRR 0.871, top-3 93.1 %. Pagefind's Chinese segmenter splits some words
    # in paragraphs that mix Chinese and Latin text (东盟, 查塔姆研究所, 中兴通讯 are not found on
    # their pages). Strict: the day the targets are met, this fails and the mark must go.
    pytest.param("zh", marks=pytest.mark.xfail(strict=True, reason="Chinese below target: see comment")),
])
def test_the_full_query_set_meets_its_targets(browser, site_url, code):
    score = bench.score(browser, site_url, code, QUERIES[code])
    table = bench.report({"pagefind": {code: score}})
    assert score.top3 >= bench.TARGET_TOP3 and score.mrr >= bench.TARGET_MRR, table
