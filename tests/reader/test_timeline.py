"""The visual timeline: every event carries its date, region, kind and countries for the filter and
the reader, its notes, and a link to the section that discusses it; the filter offers what occurs."""

from __future__ import annotations

from scripts.content.data import KINDS, REGIONS
from tests.reader.helpers import PREFIXES, resolve, timeline_data


def test_every_event_carries_its_date_region_kind_countries_and_notes(pages):
    data = timeline_data()
    for prefix in PREFIXES:
        events = pages[f"{prefix}timeline/index.html"].select("article.timeline-event")
        assert [e.h3["id"] for e in events] == sorted(data, key=lambda i: (str(data[i]["date"]), i))
        for event in events:
            entry = data[event.h3["id"]]
            assert event["data-region"] == entry["region"] and event["data-kind"] == entry["kind"]
            assert event["data-countries"].split() == entry.get("countries", [])
            assert event.select_one(".timeline-meta time")["datetime"] == str(entry["date"])
            tags = [t.get_text() for t in event.select(".timeline-meta .timeline-tag")]
            assert tags == [REGIONS[entry["region"]][bool(prefix)], KINDS[entry["kind"]][bool(prefix)]]
            assert event.select("a.footnote-ref"), event.h3["id"]  # linked to its notes
            assert event.select_one("h3 a.headerlink")["href"] == "#" + event.h3["id"]


def test_every_event_links_to_the_section_that_discusses_it(pages, built_site):
    data = timeline_data()
    for prefix in PREFIXES:
        path = f"{prefix}timeline/index.html"
        for event in pages[path].select("article.timeline-event"):
            page = data[event.h3["id"]].get("page")
            if not page:
                continue
            file, fragment = resolve(path, event.select("p")[-1].a["href"], built_site.base_url)
            rel, _, anchor = page.partition("#")
            assert file == f"{prefix}{rel.removesuffix('.md')}/index.html" and fragment == anchor
            assert pages[file].find(id=fragment) is not None, (path, page)


def test_filter_offers_the_regions_and_kinds_that_occur_and_starts_hidden(pages):
    data = timeline_data()
    for prefix, label in zip(PREFIXES, ("Region", "地区")):
        form = pages[f"{prefix}timeline/index.html"].select_one("form.timeline-filter")
        assert form.has_attr("hidden")  # shown by the script; without it readers get the whole list
        for key in ("region", "kind"):
            select = form.select_one(f"select[name={key}]")
            assert form.select_one(f'label[for="{select["id"]}"]') is not None
            values = [o["value"] for o in select.select("option")]
            assert values[0] == "" and set(values[1:]) == {e[key] for e in data.values()}
        assert form.select_one("label").get_text() == label
        assert form.select_one('[role="status"][aria-live="polite"]') is not None
        assert "{shown}" in form["data-count"] and "{total}" in form["data-count"]
