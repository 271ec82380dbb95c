"""The map of regional examples: an inline SVG whose highlighted countries are those named in the
timeline data, each linked to an existing section, with a table that says the same."""

from __future__ import annotations

import hashlib
import re

from tests.reader.helpers import PREFIXES, resolve, timeline_data
from tests.sitebuild import ROOT


def countries() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for event_id, entry in timeline_data().items():
        for code in entry.get("countries", []):
            found.setdefault(code, []).append(event_id)
    return found


def test_highlighted_countries_are_those_of_the_timeline_and_link_to_their_section(pages, built_site):
    expected = countries()
    assert expected  # the data names some countries
    for prefix in PREFIXES:
        path = f"{prefix}map/index.html"
        svg = pages[path].select_one("figure.region-map svg")
        links = svg.select("a.region-map__link")
        assert {a["data-country"] for a in links} == set(expected)
        for link in links:
            assert link.title.get_text().strip() and link.select_one("path[d]")
            file, fragment = resolve(path, link["href"], built_site.base_url)
            assert file.startswith(prefix) and pages[file].find(id=fragment) is not None, link["href"]
        # accessible name and description, and nothing loaded from elsewhere
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find(id=title_id).get_text() and svg.find(id=desc_id).get_text()
        assert not svg.select("image, use, foreignObject")


def test_country_names_come_from_cldr_in_each_language(pages):
    en = {a["data-country"]: a.title.get_text() for a in pages["map/index.html"].select("a.region-map__link")}
    zh = {a["data-country"]: a.title.get_text() for a in pages["zh/map/index.html"].select("a.region-map__link")}
    assert en["IR"] == "Iran" and zh["IR"] == "伊朗"
    assert all(re.search(r"[\u4e00-\u9fff]", name) for name in zh.values())
    assert all(en[code] != zh[code] for code in en)


def test_table_gives_the_same_countries_with_their_events(pages, built_site):
    expected = countries()
    for prefix in PREFIXES:
        path = f"{prefix}map/index.html"
        rows = pages[path].select("article table tbody tr")
        assert {row.select_one("[data-country]")["data-country"] for row in rows} == set(expected)
        for row in rows:
            code = row.select_one("[data-country]")["data-country"]
            events = [resolve(path, a["href"], built_site.base_url) for a in row.select("td:nth-of-type(3) a")]
            assert sorted(fragment for _, fragment in events) == sorted(expected[code])
            assert all(file == f"{prefix}timeline/index.html" for file, _ in events)


def test_map_data_is_the_recorded_world_atlas_file():
    readme = (ROOT / "data" / "map" / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"\| countries-110m\.json \| world-atlas@[\d.]+ .*\| ([0-9a-f]{64}) \|", readme).group(1)
    assert hashlib.sha256((ROOT / "data" / "map" / "countries-110m.json").read_bytes()).hexdigest() == recorded
