"""Finding one's way, in a real browser (issue 20): the timeline's filter and its table of contents,
the map's targets on a phone, and the language switcher keeping the reader's place, also in a copy
of the site served under another path."""

from __future__ import annotations

import pytest

from tests.browser.test_reader import switch_language
from tests.sitebuild import free_port, serve

pytestmark = pytest.mark.browser


def toc_entries(page) -> list[str]:
    return page.eval_on_selector_all(
        ".md-sidebar--secondary .md-nav--secondary a.md-nav__link",
        "links => links.filter(a => a.offsetParent !== null).map(a => a.hash.slice(1))")


def test_the_timeline_opens_on_an_overview_and_its_contents_follow_the_filter(page, site_url):
    page.goto(site_url + "timeline/")
    first_event = page.locator("article.timeline-event").first.bounding_box()["y"]
    overview = page.get_by_text("Key moments").bounding_box()["y"]
    assert overview < first_event
    everything = toc_entries(page)
    page.get_by_label("Region").select_option("africa")
    shown = page.eval_on_selector_all("article.timeline-event, section.timeline-year",
                                      "els => els.filter(e => e.offsetParent !== null)"
                                      ".map(e => e.querySelector('h2, h3').id)")
    assert set(toc_entries(page)) == set(shown) and len(shown) < len(everything)


def test_an_empty_timeline_says_so_and_offers_a_reset(page, site_url):
    page.goto(site_url + "zh/timeline/?region=africa&kind=agreement")  # no African agreement
    status = page.locator(".timeline-filter__status")
    assert status.inner_text().startswith("显示") and "没有同时符合" in status.inner_text()
    reset = page.get_by_role("button", name="显示全部事件")
    reset.click()
    assert page.locator(".timeline-filter__status").inner_text().endswith("条")
    assert "region=" not in page.url
    assert not reset.is_visible()
    assert page.evaluate("document.activeElement.name") == "region"


def test_switching_language_keeps_the_timeline_filter(page, site_url):
    page.goto(site_url + "timeline/?region=middle-east")
    switch_language(page, "zh")
    assert "region=middle-east" in page.url
    assert page.get_by_label("地区").input_value() == "middle-east"


def test_every_map_country_has_a_target_of_24_px_and_the_table_does_not_scroll_sideways(phone, site_url):
    for prefix in ("", "zh/"):
        phone.goto(site_url + prefix + "map/")
        on_map = phone.eval_on_selector_all("a.region-map__link", "els => els.map(e => e.dataset.country)")
        targets = {}
        for link in phone.locator("a.region-map__link, a.region-map__country-link").all():
            box = link.bounding_box()
            if box["width"] >= 24 and box["height"] >= 24:
                targets.setdefault(link.get_attribute("data-country"), set()).add(link.get_attribute("href"))
        assert set(on_map) <= set(targets), set(on_map) - set(targets)
        hrefs = phone.eval_on_selector_all("a.region-map__link", "els => els.map(e => [e.dataset.country, "
                                           "e.getAttribute('href')])")
        assert all(href in targets[code] for code, href in hrefs)  # the same place as on the map
        table = phone.locator("article .region-map-table table")
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1 && "
                              "t.getBoundingClientRect().right <= document.documentElement.clientWidth")


def test_switching_language_keeps_the_section_being_read_without_a_hash(page, site_url):
    page.goto(site_url + "origin/")
    heading = page.locator("article h2[id]").nth(2)
    heading_id = heading.get_attribute("id")
    heading.evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 60 + 150)")
    assert "#" not in page.url
    switch_language(page, "zh")
    assert page.url == f"{site_url}zh/origin/#{heading_id}"
    assert page.locator(f"[id='{heading_id}']").bounding_box()["y"] < 200  # the reader is at that section


def test_a_copy_served_under_another_path_switches_language(browser, built_site):
    port = free_port()
    server = serve(built_site.site_dir, port, prefix="/mirror/copy/")
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        for start, hreflang, expected in [("", "zh", "zh/"), ("zh/", "en", ""), ("zh/wic/", "en", "wic/")]:
            page.goto(f"http://127.0.0.1:{port}/mirror/copy/{start}")
            switch_language(page, hreflang)
            assert page.url.split("#")[0] == f"http://127.0.0.1:{port}/mirror/copy/{expected}"
            assert page.locator("article h1").is_visible()
        context.close()
    finally:
        server.shutdown()


def test_the_sources_page_is_grouped_filterable_and_short_on_a_phone(phone, site_url):
    phone.goto(site_url + "sources/")
    entries = phone.locator("article .source-entry")
    total = entries.count()
    kinds = phone.locator("nav.sources-kinds a")
    assert kinds.count() >= 4 and all(k.get_attribute("href").startswith("#tier-") for k in kinds.all())
    assert phone.evaluate("document.documentElement.scrollHeight") < 60_000  # was 90,000 px
    phone.get_by_label("Find a source by author, title or publisher").fill("freedom house")
    shown = [e for e in entries.all() if e.is_visible()]
    assert 0 < len(shown) < total
    references = [e.locator("p").first.inner_text().lower() for e in shown]
    assert all("freedom" in text and "house" in text for text in references)  # every word of the query
    assert phone.locator(".sources-filter__status").inner_text() == f"Showing {len(shown)} of {total} sources"
    hidden_groups = phone.eval_on_selector_all("article h2[id^='tier-']", "hs => hs.filter(h => h.hidden).length")
    assert hidden_groups > 0
    # a note's "Source entry" link opens that entry's excerpts
    source_id = entries.first.get_attribute("id")
    phone.goto(site_url + f"sources/#{source_id}")
    assert phone.locator(f"[id='{source_id}'] details.source-entry__more").get_attribute("open") is not None
