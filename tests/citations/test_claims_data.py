"""The claims validator: the schema, the claim's appearance in a registry source, the page section,
the review's evidence; every finding with its file and line."""

from __future__ import annotations

import textwrap

from scripts.content.claims import validate
from tests.citations.project import REPORT_EN, make_project
from tests.sitebuild import ROOT

GOOD = """\
id: fh-seminars
region: global
page: a.md#verdicts
claim:
  en: Chinese officials held seminars with 36 of 65 countries.
  zh: 中国官员与65个国家中的36个举办了研讨会。
author:
  type: Organization
  name:
    en: Freedom House
    zh: 自由之家
appearance:
  source: fh-2018
  excerpt: Chinese officials held trainings and seminars on new media or information management with representatives from 36 out of the 65 countries assessed.
  locator: Key findings
verdict: confirmed
review:
  en: The report says so [@fh-2018, Key findings].
  zh: 报告如此记载[@fh-2018, Key findings]。
reviewed: '2026-12-06'
"""


def run(tmp_path, claim: str, stem: str = "fh-seminars"):
    settings = make_project(tmp_path, sources={"fh-2018": REPORT_EN}, pages={"en/a.md": "# A {#a}\n"})
    folder = tmp_path / "data" / "claims"
    folder.mkdir(parents=True)
    (folder / f"{stem}.yml").write_text(textwrap.dedent(claim), encoding="utf-8")
    (tmp_path / "data" / "schemas").mkdir()
    (tmp_path / "data" / "schemas" / "claim.schema.json").write_text(
        (ROOT / "data" / "schemas" / "claim.schema.json").read_text(encoding="utf-8"), encoding="utf-8")
    return [(f.path, f.line, f.code) for f in validate(settings)]


def test_a_complete_claim_passes(tmp_path):
    assert run(tmp_path, GOOD) == []


def test_an_unknown_verdict_is_reported_on_its_line(tmp_path):
    assert run(tmp_path, GOOD.replace("verdict: confirmed", "verdict: mostly-true")) == [
        ("data/claims/fh-seminars.yml", 16, "claim-schema")]


def test_a_claim_without_its_author_fails(tmp_path):
    text = GOOD.replace("author:\n  type: Organization\n  name:\n    en: Freedom House\n    zh: 自由之家\n", "")
    assert run(tmp_path, text) == [("data/claims/fh-seminars.yml", 1, "claim-schema")]


def test_the_appearance_must_be_a_recorded_excerpt_of_a_registry_source(tmp_path):
    assert run(tmp_path, GOOD.replace("from 36 out of the 65", "from 40 out of the 65")) == [
        ("data/claims/fh-seminars.yml", 14, "claim-excerpt")]
    assert run(tmp_path / "2", GOOD.replace("source: fh-2018", "source: some-commentary")) == [
        ("data/claims/fh-seminars.yml", 13, "unknown-key")]


def test_a_review_without_evidence_and_a_missing_page_are_reported(tmp_path):
    text = GOOD.replace(" [@fh-2018, Key findings].", ".").replace("page: a.md#", "page: b.md#")
    assert run(tmp_path, text) == [("data/claims/fh-seminars.yml", 3, "bad-page"),
                                   ("data/claims/fh-seminars.yml", 18, "coverage")]
