"""What a reader meets, in a real browser at phone and desktop widths (issue 20): the home page's
first screen, headings, tables, notes."""

from __future__ import annotations

import pytest

from scripts.citations.figures import count
from scripts.project import settings
from tests.browser.conftest import PHONE
from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix, routes, figures_text", [
    ("", ["New to the concept", "The documents", "The debate"],
     "{notes:,} notes citing {sources} sources, on {pages} pages in each of two languages"),
    ("zh/", ["初识理念", "重要文献", "各方观点"], "共有{notes}条注释，引用{sources}个来源，中英文版本各{pages}个页面"),
])
def test_home_page_says_what_the_site_is_and_offers_three_routes_in_the_first_screen(
        phone, site_url, prefix, routes, figures_text):
    phone.goto(site_url + prefix)
    intro = phone.locator("article h1 ~ p").first
    figures = count(settings(ROOT))
    assert figures_text.format(**vars(figures)) in intro.inner_text()  # the checker's own figures
    links = phone.locator("nav.home-routes a")
    assert [links.nth(i).locator("strong").inner_text() for i in range(3)] == routes
    for i in range(3):
        box = links.nth(i).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], f"route {routes[i]} is below the first screen"
        assert len(links.nth(i).inner_text().split("\n")[-1]) > 10  # a one-line description follows the title
    # the lede follows the routes
    assert phone.evaluate("document.querySelector('nav.home-routes').nextElementSibling.tagName") == "P"


def test_the_hidden_permalink_never_wraps_onto_a_line_of_its_own(page, site_url):
    page.goto(site_url)  # the title just fits one line at 1280 px; its ¶ used to wrap under it
    heights = page.evaluate("""() => { const h = document.querySelector('article h1');
        return [h.getBoundingClientRect().height, parseFloat(getComputedStyle(h).lineHeight)]; }""")
    assert heights[0] == pytest.approx(heights[1], abs=1)


def test_the_number_column_is_as_narrow_as_its_numbers_and_table_notes_are_readable_targets(phone, site_url):
    for prefix in ("", "zh/"):
        phone.goto(site_url + prefix + "origin/")
        table = phone.locator("table[data-numbered]").first
        widths = table.evaluate("""t => ({number: t.querySelector('th').getBoundingClientRect().width,
                                            table: t.getBoundingClientRect().width})""")
        assert widths["number"] <= 52, widths  # was 100 px for one digit
        for ref in table.locator(".footnote-ref").all():
            box, size = ref.bounding_box(), ref.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
            assert box["width"] >= 24 and box["height"] >= 24, box  # WCAG 2.5.8
            assert size >= 11


LINE_STARTS = """() => [...document.querySelectorAll('article sup[id^="fnref"]')].filter(sup => {
    const before = sup.previousSibling;
    if (!before || before.nodeType !== Node.TEXT_NODE) return false;
    const text = before.textContent.replace(/\\u2060/g, '');
    if (!text.trim()) return false;
    const range = document.createRange();
    const end = before.textContent.length - (before.textContent.length - before.textContent.trimEnd().length);
    let last = end; while (last > 0 && before.textContent[last - 1] === '\\u2060') last--;
    range.setStart(before, last - 1); range.setEnd(before, last);
    const char = range.getBoundingClientRect(), note = sup.getBoundingClientRect();
    return note.top >= char.bottom - 1;   // the note sits on a line below its word
}).map(sup => sup.id)"""


@pytest.mark.parametrize("path", ["zh/origin/", "origin/", "zh/wic/", "zh/white-paper/"])
def test_no_line_starts_with_a_lone_note_number(phone, site_url, path):
    phone.goto(site_url + path)
    phone.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert phone.evaluate(LINE_STARTS) == []
    # and English puts no space between a word and its note number
    spaced = phone.evaluate("""() => [...document.querySelectorAll('article sup[id^="fnref"]')]
        .filter(s => s.previousSibling && /\\s$/.test(s.previousSibling.textContent || '')).length""")
    assert spaced == 0


@pytest.mark.parametrize("prefix, site_name", [("", "Cyberspace Community Explainer"), ("zh/", "网络空间命运共同体：资料与解读")])
def test_print_names_the_site_and_prints_each_address_once_in_black_unclipped_notes(page, site_url, prefix, site_name):
    page.goto(site_url + prefix + "origin/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    masthead = page.locator(".print-masthead")
    assert masthead.is_visible() and masthead.inner_text() == f"{site_name} · {site_url}{prefix}origin/"
    notes = page.locator("div.citation-notes")
    printed = notes.evaluate("""d => [...d.querySelectorAll('a[href^="http"]')].map(a => {
        const own = getComputedStyle(a), after = getComputedStyle(a, '::after').content;
        const textShown = parseFloat(own.fontSize) > 0 && own.display !== 'none';
        return (textShown ? a.textContent : '') + ' ' + after; })""")
    for text in printed:  # each address appears once on paper
        addresses = [w for w in text.replace('"', " ").replace("<", " ").replace(">", " ").split() if "://" in w]
        assert len(addresses) == 1 and len(set(addresses)) == 1, text
    assert notes.evaluate("d => [...d.querySelectorAll('a[href*=\"sources/#\"]')]"
                          ".every(a => getComputedStyle(a).display === 'none')")
    colours = notes.evaluate("d => [...new Set([...d.querySelectorAll('li, li p')].map(e => getComputedStyle(e).color))]")
    assert colours == ["rgb(0, 0, 0)"]
    room = notes.evaluate("""d => { const li = d.querySelector('li:last-child'), page = document.querySelector('article');
        return li.getBoundingClientRect().left - page.getBoundingClientRect().left; }""")
    assert room >= 24  # "101." fits left of the note text, inside the page
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_notes_and_cite_this_page_have_different_icons_and_the_phone_header_shows_the_whole_name(phone, site_url):
    phone.goto(site_url + "origin/")
    icons = phone.evaluate("""() => ['details.citation-notes-section', 'details.cite-page'].map(s =>
        getComputedStyle(document.querySelector(s + ' > summary'), '::before').maskImage)""")
    assert icons[0] != icons[1] and all(icon.startswith("url(") for icon in icons)
    name = phone.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1")
    assert name.inner_text().strip() == "Cyberspace Community Explainer"
