"""Reader features in a real browser: filtering the timeline, following the map, citing a page,
and printing with notes as endnotes."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml

from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser


def timeline() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data" / "timeline").glob("*.yml")}


def visible_events(page) -> list[str]:
    return page.eval_on_selector_all(
        "article.timeline-event", "els => els.filter(e => e.offsetParent !== null).map(e => e.querySelector('h3').id)")


def test_timeline_filters_by_region_and_kind_with_the_keyboard(page, site_url):
    data = timeline()
    page.goto(site_url + "timeline/")
    region = page.get_by_label("Region")
    assert region.is_visible()  # the script showed the filter
    region.focus()
    region.select_option("africa")
    shown = visible_events(page)
    assert set(shown) == {i for i, e in data.items() if e["region"] == "africa"}
    status = page.locator(".timeline-filter__status")
    assert status.inner_text() == f"Showing {len(shown)} of {len(data)} events"
    assert "region=africa" in page.url
    page.keyboard.press("Tab")  # on to the second filter, as a keyboard user would
    assert page.evaluate("document.activeElement.name") == "kind"
    page.get_by_label("Kind").select_option("conference")
    both = {i for i, e in data.items() if e["region"] == "africa" and e["kind"] == "conference"}
    assert set(visible_events(page)) == both
    hidden_years = page.eval_on_selector_all(".timeline-year[hidden] h2", "els => els.map(e => e.id)")
    assert hidden_years and all(not any(i.startswith(y[1:]) and i in both for i in data) for y in hidden_years)
    # a filtered view can be shared: the address restores it, in Chinese too
    page.goto(site_url + "zh/timeline/?kind=speech")
    assert set(visible_events(page)) == {i for i, e in data.items() if e["kind"] == "speech"}
    assert page.get_by_label("类型").input_value() == "speech"
    assert re.fullmatch(r"显示\d+条中的\d+条", page.locator(".timeline-filter__status").inner_text())


def test_map_country_leads_to_its_section(page, site_url):
    page.goto(site_url + "map/")
    iran = page.locator('a.region-map__link[data-country="IR"]')
    iran.focus()
    assert page.evaluate("document.activeElement.dataset.country") == "IR"  # reachable by keyboard
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(site_url + "regions/middle-east/#")
    section = page.locator("#" + page.url.split("#", 1)[1])
    assert section.is_visible()
    assert page.recorder.off_origin() == []


def test_cite_this_page_shows_the_reference_and_downloads_bibtex(page, site_url):
    page.goto(site_url + "zh/regions/africa/")
    box = page.locator("details.cite-page")
    box.locator("summary").click()
    text = box.locator(".cite-page__text").inner_text()
    today = dt.date.today().isoformat()
    assert "[EB/OL]" in text and f"[{today}]" in text  # the access date is the reader's today
    with page.expect_download() as info:
        box.get_by_text("BibTeX").click()
    download = info.value
    assert download.suggested_filename == "cyberspace-community-zh-regions-africa.bib"
    content = download.path().read_text(encoding="utf-8")
    assert "url = {" + site_url + "zh/regions/africa/}" in content


def test_the_downloads_carry_the_readers_access_date_and_keep_the_pages_own(page, site_url):
    """A reader citing the page years after the build gets that day as the access date, in the
    reference shown and in all three downloads; the page's last-update date stays as it was."""
    page.clock.set_fixed_time(dt.datetime(2031, 5, 6, 10, 0))
    page.goto(site_url + "zh/regions/africa/")
    box = page.locator("details.cite-page")
    box.locator("summary").click()
    updated = box.locator(".cite-page__facts time").get_attribute("datetime")
    assert "[2031-05-06]" in box.locator(".cite-page__text").inner_text()
    texts = {}
    for label in ("BibTeX", "RIS", "CSL-JSON"):
        with page.expect_download() as info:
            box.get_by_text(label, exact=True).click()
        texts[label] = info.value.path().read_bytes().decode("utf-8")  # RIS lines end in CR LF
    assert "urldate = {2031-05-06}" in texts["BibTeX"] and f"date = {{{updated}}}" in texts["BibTeX"]
    assert "Y2  - 2031/05/06\r\n" in texts["RIS"] and f"DA  - {updated.replace('-', '/')}\r\n" in texts["RIS"]
    item = json.loads(texts["CSL-JSON"])[0]
    assert item["accessed"] == {"date-parts": [[2031, 5, 6]]}
    assert item["issued"] == {"date-parts": [[int(part) for part in updated.split("-")]]}
    title = page.locator("article h1").inner_text().rstrip("¶").strip()
    assert item["title"] == title and re.search(r"[\u4e00-\u9fff]", title)  # Chinese text survived the rewrite
    assert page.recorder.errors == []


def test_printing_shows_notes_as_endnotes_with_their_addresses(page, site_url):
    page.goto(site_url + "origin/")
    page.emulate_media(media="print")
    assert not page.locator("header.md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    link = page.locator("div.citation-notes a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    # a URL shown short on screen prints in full, once: its short label is not printed
    short = page.locator("div.citation-notes a.short-url").first
    assert short.evaluate("a => getComputedStyle(a, '::after').content") == f'"{short.get_attribute("href")}"'
    assert short.locator(".short-url__label").evaluate("s => getComputedStyle(s).display") == "none"
    heading = page.locator("div.citation-notes").evaluate("d => getComputedStyle(d, '::before').content")
    assert "Notes" in heading
    # On paper the notes show even though no script opened their section (::details-content).
    assert page.locator("details.citation-notes-section").get_attribute("open") is None
    assert page.locator("li#fn\\:cite-1").is_visible()


def test_claims_filter_by_verdict_and_region(page, site_url):
    data = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data" / "claims").glob("*.yml")}
    visible = "els => els.filter(e => e.offsetParent !== null).map(e => e.querySelector('h3').id)"
    page.goto(site_url + "claims/")
    verdict = page.get_by_label("Verdict")
    assert verdict.is_visible()  # the script showed the filter
    verdict.select_option("qualified")
    shown = page.eval_on_selector_all("article.claim-review", visible)
    assert set(shown) == {i for i, c in data.items() if c["verdict"] == "qualified"}
    assert page.locator(".timeline-filter__status").inner_text() == f"Showing {len(shown)} of {len(data)} claims"
    page.get_by_label("Region").select_option("africa")
    both = {i for i, c in data.items() if c["verdict"] == "qualified" and c["region"] == "africa"}
    assert set(page.eval_on_selector_all("article.claim-review", visible)) == both
    hidden = page.eval_on_selector_all(".filtered-group[hidden] h2", "els => els.map(e => e.id)")
    assert set(hidden) == {c["region"] for c in data.values()} - {"africa"}
    page.goto(site_url + "zh/claims/?verdict=contested")
    assert set(page.eval_on_selector_all("article.claim-review", visible)) == {
        i for i, c in data.items() if c["verdict"] == "contested"}
    assert page.get_by_label("结论").input_value() == "contested"
