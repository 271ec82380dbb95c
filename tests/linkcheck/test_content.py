"""Content drift: excerpts looked for in fetched HTML (any encoding) and PDF, served on loopback."""

from __future__ import annotations

import asyncio

import pytest

from scripts.citations.registry import Excerpt
from scripts.linkcheck.check import judge
from scripts.linkcheck.client import Client, Limits
from scripts.linkcheck.content import decode, extract_text, python_codec
from scripts.linkcheck.targets import ExcerptRef
from tests.linkcheck.conftest import EXCERPT_EN, EXCERPT_PDF, EXCERPT_ZH, PDF_WITH, gbk_page

pytestmark = pytest.mark.timeout(30)


def refs(*texts: str) -> list[ExcerptRef]:
    return [ExcerptRef("src", "data/sources/src.yml", Excerpt(t, "para. 1", 10 + i)) for i, t in enumerate(texts)]


def check(url: str, excerpts: list[ExcerptRef], limits: Limits | None = None):
    limits = limits or Limits(retries=0)

    async def go():
        async with Client(limits) as client:
            fetched = await client.fetch(url, want_body=True)
        return judge(fetched, excerpts, limits.max_body)
    return asyncio.run(go())


def test_html_excerpt_found_across_markup(site):
    result = check(site.url("/article"), refs(EXCERPT_EN))
    assert (result.outcome, result.content, result.missing) == ("ok", "html", [])


def test_soft_404_is_drift_not_dead(site):
    result = check(site.url("/soft-404"), refs(EXCERPT_EN))
    assert result.outcome == "drift" and result.status == 200
    assert [m.text for m in result.missing] == [EXCERPT_EN]


def test_only_missing_excerpts_are_reported(site):
    result = check(site.url("/article"), refs(EXCERPT_EN, "a sentence the article never had"))
    assert result.outcome == "drift"
    assert [m.text for m in result.missing] == ["a sentence the article never had"]


def test_text_in_scripts_does_not_count(site):
    result = check(site.url("/article"), refs("in a script is not text"))
    assert result.outcome == "drift"


def test_gbk_page_with_excerpt(site):
    """Declared gb2312, holds GBK-only characters, ASCII commas where the excerpt has full-width ones."""
    result = check(site.url("/gbk"), refs(EXCERPT_ZH, "镕基"))
    assert (result.outcome, result.encoding) == ("ok", "gb18030")


def test_gbk_page_without_excerpt(site):
    assert check(site.url("/gbk"), refs("网络主权原则")).outcome == "drift"


def test_pdf_with_excerpt(site):
    """The excerpt runs over a line break in the PDF."""
    result = check(site.url("/report.pdf"), refs(EXCERPT_PDF))
    assert (result.outcome, result.content) == ("ok", "pdf")


def test_pdf_without_excerpt(site):
    assert check(site.url("/empty.pdf"), refs(EXCERPT_PDF)).outcome == "drift"


def test_excerpt_beyond_the_size_cap_is_unverified_not_drift(site):
    result = check(site.url("/huge"), refs("text that would be past the cap"), Limits(max_body=50_000, retries=0))
    assert result.outcome == "unverified" and "50,000 bytes" in result.note


def test_unread_content_type_is_unverified(site):
    result = check(site.url("/binary"), refs("anything"))
    assert result.outcome == "unverified" and "application/octet-stream" in result.note


def test_dead_and_blocked_need_no_content(site):
    assert check(site.url("/missing"), refs(EXCERPT_EN)).outcome == "broken"
    assert check(site.url("/forbidden"), refs(EXCERPT_EN)).outcome == "blocked"


def test_encoding_labels_widen_to_supersets():
    assert python_codec("GB2312") == python_codec("gbk") == "gb18030"
    assert python_codec("iso-8859-1") == "cp1252"
    assert python_codec("no-such-charset") is None


def test_mislabelled_utf8_header_gives_way_to_what_decodes():
    body = gbk_page(EXCERPT_ZH)
    text, encoding = decode(body, "utf-8")
    assert encoding == "gb18030" and "网络空间命运共同体" in text


def test_encoding_guessed_without_any_declaration():
    body = ("<html><body><p>" + EXCERPT_ZH * 3 + "</p></body></html>").encode("gb18030")
    text = extract_text(body, "text/html")
    assert EXCERPT_ZH in text.text


def test_pdf_is_sniffed_without_a_content_type():
    assert extract_text(PDF_WITH, "application/octet-stream").kind == "pdf"


def test_archived_copies_are_read_raw():
    from scripts.linkcheck.archive import raw_snapshot_url

    snap = "https://web.archive.org/web/20151217000000/https://www.gov.cn/a.htm"
    assert raw_snapshot_url(snap) == "https://web.archive.org/web/20151217000000id_/https://www.gov.cn/a.htm"
    assert raw_snapshot_url(snap.replace("000000/", "000000if_/")) == raw_snapshot_url(snap)
    assert raw_snapshot_url("https://archive.ph/abcde") == "https://archive.ph/abcde"
