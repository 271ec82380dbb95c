"""The parallel view in a real browser: rows aligned by section, notes of each column opening their
own note, interleaved on a phone, two columns on paper, no axe violation, and the home page's view, one
level down, with the site's styles, scripts, search and language switcher."""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from scripts.bench.search import ranked_pages
from tests.browser.test_reader import switch_language

pytestmark = pytest.mark.browser
ROWS = """() => Array.from(document.querySelectorAll('.parallel__row[data-section]')).map(row => {
  const cells = Array.from(row.querySelectorAll(':scope > .parallel__cell'));
  const heads = cells.map(c => c.querySelector(':scope > h3'));
  return {section: row.dataset.section, table: !!row.querySelector('table'), ids: heads.map(h => h && h.id),
          tops: heads.map(h => h && Math.round(h.getBoundingClientRect().top)),
          lefts: cells.map(c => Math.round(c.getBoundingClientRect().left))};
})"""


@pytest.mark.parametrize("url,first", [("origin-parallel/", "en"), ("zh/origin-parallel/", "zh")])
def test_sections_side_by_side_on_wide_screens_and_interleaved_on_phones(browser, site_url, url, first):
    second = "zh" if first == "en" else "en"
    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(site_url + url)
    rows = [r for r in wide.evaluate(ROWS) if r["section"] not in ("top", "notes")]
    assert len(rows) >= 5
    assert sum(not row["table"] for row in rows) >= 4
    for row in rows:
        assert [i.split("--", 1) for i in row["ids"]] == [[first, row["section"]], [second, row["section"]]]
        if row["table"]:                                 # a wide table takes the whole width
            assert row["tops"][0] < row["tops"][1] and row["lefts"][0] == row["lefts"][1]
        else:
            assert row["tops"][0] == row["tops"][1]      # the two headings of a row on one line
            assert row["lefts"][0] < row["lefts"][1]     # the reader's language on the left
    wide.close()
    phone = browser.new_page(viewport={"width": 390, "height": 800})
    phone.goto(site_url + url)
    rows = [r for r in phone.evaluate(ROWS) if r["section"] not in ("top", "notes")]
    tops = [t for r in rows for t in r["tops"]]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)   # EN, ZH, EN, ZH ... down the page
    assert all(r["lefts"][0] == r["lefts"][1] for r in rows)
    phone.close()


def test_a_note_in_each_column_opens_its_own_note(page, site_url):
    page.goto(site_url + "origin-parallel/")
    for locale in ("en", "zh"):
        ref = page.locator(f'.parallel__cell[data-locale="{locale}"] a.footnote-ref').first
        target = ref.get_attribute("href")[1:]
        assert target.startswith(f"{locale}--fn:")
        ref.hover()
        preview = page.locator("#note-preview")
        preview.wait_for(state="visible")
        note_text = page.evaluate("id => document.getElementById(id).textContent", target)
        assert preview.inner_text().strip()[:20] in " ".join(note_text.split())
        page.mouse.move(0, 0)
        ref.click()
        assert page.url.endswith("#" + target.replace(":", "%3A")) or page.url.endswith("#" + target)
        assert page.locator(f'[id="{target}"]').is_visible()   # the closed notes list opened on it
        assert page.evaluate(f"document.getElementById('{target}').closest('.parallel__cell').dataset.locale") == locale


def test_printing_the_view_gives_both_languages_side_by_side(page, site_url):
    page.set_viewport_size({"width": 700, "height": 1000})
    page.goto(site_url + "zh/origin-parallel/")
    page.emulate_media(media="print")
    rows = [r for r in page.evaluate(ROWS) if r["section"] not in ("top", "notes")]
    assert rows and all(r["lefts"][0] < r["lefts"][1] and r["tops"][0] == r["tops"][1] for r in rows)  # tables too
    assert page.locator(".md-header").is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_the_views(browser, site_url, scheme):
    tab = browser.new_page(color_scheme=scheme)
    for url in ("origin-parallel/", "zh/origin-parallel/", "zh/about-parallel/", "regions/africa-parallel/",
                "zh/glossary-parallel/", "timeline-parallel/", "home-parallel/", "zh/home-parallel/"):
        tab.goto(site_url + url)
        tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        tab.evaluate(AXE_SCRIPT)
        result = tab.evaluate("() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
                              ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' ')))")
        assert result == [], (url, result)
    tab.close()


HOME_VIEWS = [("home-parallel/", "zh", "zh/home-parallel/", "Uganda", "regions/africa/"),
              ("zh/home-parallel/", "en", "home-parallel/", "乌干达", "zh/regions/africa/")]


@pytest.mark.parametrize("url,language,other,query,found", HOME_VIEWS)
def test_the_home_view_one_level_down_keeps_the_styles_scripts_search_and_switcher(
        page, site_url, url, language, other, query, found):
    """The home page's view is one level deeper than the home page: its chrome's links were rebased."""
    page.goto(site_url + url)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("getComputedStyle(document.querySelector('.parallel__row[data-section=start]'))"
                         ".gridTemplateColumns").count("px") == 2          # parallel.css: two columns
    assert found in ranked_pages(page, query)[:3]                         # Pagefind, from the site root
    assert page.recorder.errors == [] and page.recorder.off_origin() == []
    page.goto(site_url + url)
    switch_language(page, language)
    assert page.url.split("#")[0] == site_url + other
    assert page.locator(".parallel-view h1").is_visible()
