"""The Timeline and Glossary pages show every data entry, and glossary terms carry hover definitions."""

from __future__ import annotations

import yaml

from tests.sitebuild import ROOT


def stems(folder: str) -> set[str]:
    return {p.stem for p in (ROOT / "data" / folder).glob("*.yml")}


def test_timeline_pages_show_every_event_in_date_order(pages):
    for prefix in ("", "zh/"):
        article = pages[f"{prefix}timeline/index.html"].select_one("article")
        ids = [h["id"] for h in article.select("h3[id]")]
        dates = {p.stem: str(yaml.safe_load(p.read_text(encoding="utf-8"))["date"])
                 for p in (ROOT / "data" / "timeline").glob("*.yml")}
        assert ids == sorted(dates, key=lambda i: (dates[i], i))  # every event, oldest first
        assert not article.select_one("h3 + p + p").find_all("a", class_="footnote-ref") == []


def test_glossary_pages_show_every_term_with_its_translations(pages):
    for prefix in ("", "zh/"):
        article = pages[f"{prefix}glossary/index.html"].select_one("article")
        assert {h["id"] for h in article.select("h2[id]")} == stems("glossary")
        assert len(article.select("table")) == len(stems("glossary"))


def test_glossary_terms_carry_hover_definitions_on_content_pages(pages):
    abbrs = pages["sovereignty/index.html"].select("article abbr[title]")
    assert abbrs and all(len(a["title"]) > 20 and "[@" not in a["title"] for a in abbrs)
