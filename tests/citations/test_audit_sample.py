"""The audit sample: every cited source in every sentence is one citation, and a seed draws the same
sample again."""

from __future__ import annotations

from scripts.citations.audit_sample import draw, population
from tests.citations.project import REPORT_EN, make_project


def test_each_cited_source_in_each_sentence_is_one_citation_and_the_seed_repeats_the_draw(tmp_path):
    settings = make_project(tmp_path, sources={"fh-2018": REPORT_EN}, pages={
        "en/a.md": "# A\n\nOne claim [@fh-2018, p. 4]. Another [@fh-2018; @fh-2018, p. 5].\n\n| Row | [@fh-2018] |\n",
        "zh/a.md": "# A\n\n一个说法[@fh-2018]。\n"})
    cited = population(settings)
    assert [(path, line, locator, text) for path, line, _, locator, text in cited] == [
        ("docs/en/a.md", 3, "p. 4", "One claim [@fh-2018, p. 4]."),
        ("docs/en/a.md", 3, "", "Another [@fh-2018; @fh-2018, p. 5]."),
        ("docs/en/a.md", 3, "p. 5", "Another [@fh-2018; @fh-2018, p. 5]."),
        ("docs/en/a.md", 5, "", "| Row | [@fh-2018] |"),
        ("docs/zh/a.md", 3, "", "一个说法[@fh-2018]。")]
    assert draw(settings, 7, 3) == draw(settings, 7, 3)
    assert set(draw(settings, 7, 3)) <= set(cited)
