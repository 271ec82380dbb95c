"""What a reader does, in a real browser: switch language, search, and read pages that load nothing
from another origin and log no error."""

from __future__ import annotations

import re

from urllib.parse import urlsplit

import pytest

from tests.conftest import page_url

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def switch_language(page, hreflang: str) -> None:
    page.click("header .md-select button")  # the language menu opens on click (and on hover)
    page.click(f'header a.md-select__link[hreflang="{hreflang}"]')
    page.wait_for_load_state("load")


def test_switcher_leads_to_the_same_page_and_back(page, site_url):
    page.goto(site_url + "about/")
    switch_language(page, "zh")
    assert page.url == site_url + "zh/about/"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert heading(page) == "关于本站"
    switch_language(page, "en")
    assert page.url == site_url + "about/"
    assert heading(page) == "About this site"


def search(page, query: str) -> list[str]:
    """Type a query into the site search like a reader and return the result links."""
    field = page.locator("input.md-search__input")
    field.click()  # on a desktop-width window the search field sits in the header
    field.fill(query)  # types CJK text reliably, where keyboard.type() does not
    field.press("End")  # Material's search listens for key events, which fill() does not send
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    results.first.wait_for(timeout=10_000)
    return [results.nth(i).get_attribute("href") for i in range(results.count())]


@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("", "journalists", "about/"),
        ("zh/", "新闻工作者", "zh/about/"),
    ],
)
def test_search_finds_the_expected_page(page, site_url, start, query, expected):
    page.goto(site_url + start)
    links = search(page, query)
    assert any(urlsplit(href).path == "/" + expected for href in links), links
    # Each language searches its own pages only.
    assert all(urlsplit(href).path.startswith("/zh/") == (start == "zh/") for href in links), links


@pytest.mark.parametrize(
    ("query", "expected"),
    [("数字丝绸之路", "zh/digital-silk-road/"), ("网络主权", "zh/sovereignty/"), ("白皮书", "zh/white-paper/")],
)
def test_chinese_search_finds_the_right_page(page, site_url, query, expected):
    page.goto(site_url + "zh/")
    pages_found = list(dict.fromkeys(urlsplit(link).path for link in search(page, query)))
    assert "/" + expected in pages_found[:3], pages_found  # among the first three pages listed
    assert all(path.startswith("/zh/") for path in pages_found), pages_found


def test_dark_scheme_follows_the_system_and_the_toggle_switches_it(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.click("label.md-header__button[for^='__palette']:visible")
    assert body.get_attribute("data-md-color-scheme") == "default"
    context.close()


# Records changes to <body>'s colour attributes made once the page's content is there: each one
# restyles the whole page. (Material's script at the top of <body> sets them before there is any.)
_WATCH_BODY = """
window.__bodyChanges = [];
new MutationObserver(records => records.forEach(r => {
    if (document.querySelector("article")) window.__bodyChanges.push(r.attributeName);
  }))
  .observe(document, {attributes: true, subtree: true, attributeFilter: [
    "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent", "data-md-color-media",
    "data-md-color-switching"]});
"""


def test_the_chosen_scheme_is_kept_across_pages_without_restyling_them(browser, site_url):
    context = browser.new_context(color_scheme="light")
    context.add_init_script(_WATCH_BODY)
    page = context.new_page()
    page.goto(site_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    assert page.locator("input[name='__palette']:checked").get_attribute("id") == "__palette_0"
    # A first visit (nothing stored) restyles nothing either: no <body> change, and no color-scheme
    # meta, which restyles the whole page, for the light scheme that needs none.
    page.wait_for_function("document.querySelector('meta[name=theme-color]')")  # the idle work has run
    assert page.evaluate("window.__bodyChanges") == []
    assert page.locator("meta[name='color-scheme']").count() == 0
    page.focus("#__palette_0")            # the light scheme's toggle, as the Tab key reaches it
    page.keyboard.press("Enter")          # switches, as a click does
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert page.locator("meta[name='color-scheme']").get_attribute("content") == "dark"
    page.goto(site_url + "zh/origin/", wait_until="load")
    page.wait_for_timeout(300)
    assert body.get_attribute("data-md-color-scheme") == "slate"
    visible = page.locator("label.md-header__button[for^='__palette']:visible")
    assert visible.count() == 1 and "浅色" in visible.get_attribute("title")
    # Material's head script applied the stored scheme before the page was drawn; nothing after it
    # touched <body> (Material's own palette component marked it "switching" on every load).
    assert page.evaluate("window.__bodyChanges") == []
    context.close()


def test_no_page_requests_another_origin_or_logs_an_error(page, site_url, pages):
    visited = 0
    for path in pages:
        page.goto(site_url + page_url(path), wait_until="networkidle")
        visited += 1
    assert visited >= 6  # both languages' pages and both 404 pages
    assert page.recorder.off_origin() == []
    assert page.recorder.errors == []


def test_reader_follows_a_citation_to_its_note_and_source_entry(page, site_url):
    page.goto(site_url + "origin/")
    first_ref = page.locator("article a.footnote-ref").first
    first_ref.hover()
    preview = page.locator("#note-preview")  # reader.js's note preview
    preview.wait_for(state="visible")
    note_text = page.locator("li#fn\\:cite-1 > p").text_content()  # not rendered: its section is closed
    lead = page.locator("li#fn\\:cite-1").get_attribute("data-lead") or ""
    assert "Source entry" in preview.inner_text()
    assert preview.inner_text().split() == (lead + " " + note_text.replace("\u21a9\ufe0e", "")).split()
    assert first_ref.get_attribute("aria-describedby") == "note-preview"
    note = page.locator("li#fn\\:cite-1")
    assert not note.is_visible()  # the notes' section starts closed; following a number opens it
    first_ref.click()
    assert page.url.endswith("#fn:cite-1")
    note.wait_for(state="visible")
    assert note.evaluate("li => li.getBoundingClientRect().top < innerHeight")
    entry_link = note.locator("a", has_text="Source entry").first
    source_id = entry_link.get_attribute("href").split("#", 1)[1]
    entry_link.click()
    page.wait_for_load_state("load")
    assert page.url == f"{site_url}sources/#{source_id}"
    entry = page.locator(f"div.source-entry[id='{source_id}']")
    assert entry.is_visible() and "Origin" in entry.inner_text()


def test_a_preview_leads_with_publisher_and_date_when_the_title_was_not_recorded(page, site_url):
    # The origin page cites sources whose titles we supplied in square brackets; the build marks
    # their notes with the publisher and date to lead with (data-lead).
    for path in ("origin/", "zh/origin/"):
        page.goto(site_url + path)
        note = page.locator("li[data-lead]").first
        note_id, lead = note.get_attribute("id"), note.get_attribute("data-lead")
        date = re.split(r"[,，]\s*", lead)[-1]
        assert re.search(r"\d{4}", date), lead
        page.locator(f'article a.footnote-ref[href="#{note_id}"]').first.hover()
        preview = page.locator("#note-preview")
        preview.wait_for(state="visible")
        first_line = preview.locator("p").first.inner_text()
        assert date in first_line and not first_line.startswith(("[", "“[", "［")), (path, first_line)
        assert "[" in preview.inner_text() or "［" in preview.inner_text()   # the supplied title follows


def test_switching_language_keeps_the_section(page, site_url):
    page.goto(site_url + "about/#tiers")
    switch_language(page, "zh")
    assert page.url == site_url + "zh/about/#tiers"
    assert page.locator("#tiers").inner_text().startswith("来源如何分类")
    switch_language(page, "en")
    assert page.url == site_url + "about/#tiers"


def test_note_preview_opens_on_focus_stays_under_the_pointer_and_closes_with_escape(page, site_url):
    page.goto(site_url + "zh/origin/")
    refs = page.locator("article a.footnote-ref")
    preview = page.locator("#note-preview")
    refs.nth(1).focus()
    preview.wait_for(state="visible")
    assert "来源条目" in preview.inner_text()
    box, ref_box = preview.bounding_box(), refs.nth(1).bounding_box()
    assert box["y"] >= ref_box["y"] + ref_box["height"]  # below the number, not over it
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert refs.nth(1).get_attribute("aria-describedby") is None
    # Hoverable (WCAG 1.4.13): moving the pointer from the number onto the preview keeps it open.
    refs.nth(2).hover()
    preview.wait_for(state="visible")
    preview.hover()
    page.wait_for_timeout(600)
    assert preview.is_visible()
    page.mouse.move(5, 5)
    preview.wait_for(state="hidden")


def test_glossary_term_shows_its_definition_on_hover_focus_and_tap(page, site_url):
    page.goto(site_url + "zh/origin/")
    term = page.locator("article abbr[tabindex='0']").first  # keeps matching once its title is moved
    definition = term.get_attribute("title")
    preview = page.locator("#note-preview")
    term.hover()
    preview.wait_for(state="visible")
    assert preview.inner_text().strip() == f"{definition} 术语表条目"  # and a link to the entry
    entry = preview.get_by_role("link", name="术语表条目").get_attribute("href")
    assert entry.startswith("../glossary/#") and len(entry) > len("../glossary/#")
    assert term.get_attribute("title") is None  # no native tooltip over the preview meanwhile
    page.mouse.move(5, 5)
    preview.wait_for(state="hidden")
    assert term.get_attribute("title") == definition
    term.focus()  # reachable by keyboard
    preview.wait_for(state="visible")
    assert term.get_attribute("aria-describedby") == "note-preview"
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    term.click()  # a tap shows it too (and stays)
    page.wait_for_timeout(400)
    assert preview.is_visible() and preview.inner_text().strip().startswith(definition)
