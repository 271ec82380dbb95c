"""No pointing at unnamed commentary: "some commentary", 有评论 ... need a citation in the same sentence."""

from __future__ import annotations

import pytest

from scripts.checks.unnamed_sources import check, unnamed
from tests.citations.project import REPORT_EN, make_project


@pytest.mark.parametrize("text, words", [
    ("Some commentary says the concept dates from 2014. It does not [@fh-2018].", ["Some commentary"]),
    ("A commentary this site reviewed lists four principles.", ["A commentary"]),
    ("Commentators call it a model. Freedom House says so [@fh-2018].", ["Commentators"]),
    ("Commentary also says the hospital was showcased.", ["Commentary also says"]),
    ("The English-language commentary this site checks mentions only the Amazon.", ["commentary this site"]),
    ("有评论称，该医院曾在大会上展示。自由之家如此记载[@fh-2018]。", ["有评论"]),
    ("另有文章提到这一点。", ["有文章"]),
    ("本站审阅的一篇评论称，白皮书提出了四项原则。", ["本站审阅的一篇"]),
    ("| 评论称该倡议涵盖基础设施 | 需更正 [@fh-2018] |", ["评论称"]),
])
def test_a_pointer_at_unnamed_commentary_without_a_citation_is_found(text, words):
    assert [w for _, w in unnamed(text)] == words


@pytest.mark.parametrize("text", [
    "A November 2022 commentary on the Jiangsu news portal gives one example per region [@fh-2018].",
    "Some commentary says so [@fh-2018, p. 4]. The rest of the page names its sources [@fh-2018].",
    "A commentary in the *Hebei Daily* says he first proposed it (p. 2) [@fh-2018, para. 1].",
    "河北新闻网2017年的一篇评论称，习近平首次提出这一理念[@fh-2018]。",
    "The commentary names Ecuador [@fh-2018]. Nothing else.",
    "```\nSome commentary in a code block\n```\n",
])
def test_a_named_and_cited_commentary_passes(text):
    assert unnamed(text) == []


def test_the_checker_reports_file_line_and_column(tmp_path):
    settings = make_project(tmp_path, sources={"fh-2018": REPORT_EN}, pages={
        "en/a.md": "# A\n\nIt is cited [@fh-2018]. Some commentary disagrees.\n",
        "zh/a.md": "# A\n\n这一说法有出处[@fh-2018]。有评论对此表示异议[@fh-2018]。\n"})
    findings = check(settings)
    assert [(f.path, f.line, f.col, f.code) for f in findings] == [
        ("docs/en/a.md", 3, 25, "unnamed-commentary")]
    assert "“Some commentary”" in findings[0].message and "cite the source" in findings[0].message
