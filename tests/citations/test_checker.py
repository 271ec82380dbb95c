"""One fixture per finding of the offline checker, and its command-line contract."""

from __future__ import annotations

import json
import subprocess
import sys

from scripts.citations.checker import check
from tests.citations.project import NEWSPAPER_ZH, REPORT_EN, make_project

SOURCES = {"xinhua-keynote": NEWSPAPER_ZH, "fh-2018": REPORT_EN}

EN_PAGE = """\
# Origin

Xi Jinping proposed the concept at the second World Internet Conference in 2015 [@xinhua-keynote].

Freedom House reported seminars with 36 out of the 65 countries it assessed [@fh-2018, p. 4].
"""
ZH_PAGE = """\
# 理念的提出

2015年，习近平在第二届世界互联网大会上提出这一理念[@xinhua-keynote]。

自由之家称，中国与其评估的65个国家中的36个举办过研讨会[@fh-2018]。
"""


def run(tmp_path, pages, sources=SOURCES, **kwargs):
    return check(make_project(tmp_path, sources=sources, pages=pages, **kwargs))


def codes(findings):
    return sorted(f.code for f in findings if f.severity == "error")


def test_a_clean_project_has_no_findings(tmp_path):
    assert run(tmp_path, {"en/origin.md": EN_PAGE, "zh/origin.md": ZH_PAGE}) == []


def test_unknown_key_with_did_you_mean(tmp_path):
    page = EN_PAGE.replace("[@fh-2018, p. 4]", "[@fh-2019, p. 4]")
    findings = run(tmp_path, {"en/origin.md": page})
    (unknown,) = [f for f in findings if f.code == "unknown-key"]
    column = page.splitlines()[4].index("[@fh-2019") + 1
    assert (unknown.path, unknown.line, unknown.col) == ("docs/en/origin.md", 5, column)
    assert "did you mean 'fh-2018'" in unknown.message


def test_registered_source_nobody_cites(tmp_path):
    page = EN_PAGE.replace(" [@fh-2018, p. 4]", " [@xinhua-keynote]")
    findings = run(tmp_path, {"en/origin.md": page})
    assert [(f.code, f.path) for f in findings] == [("unused-source", "data/sources/fh-2018.yml")]


def test_exact_quotation_passes_and_edited_one_fails(tmp_path):
    exact = "Freedom House counted “36 out of the 65 countries assessed” [@fh-2018].\n"
    edited = "Freedom House counted “36 of the 65 countries assessed” [@fh-2018].\n"
    invented = 'Freedom House called China "the worst abuser" [@fh-2018].\n'
    base = EN_PAGE + "\n"
    assert codes(run(tmp_path / "a", {"en/origin.md": base + exact})) == []
    findings = run(tmp_path / "b", {"en/origin.md": base + edited + "\n" + invented})
    mismatches = [f for f in findings if f.code == "quote-mismatch"]
    expected = [(7, edited.index("“") + 1), (9, invented.index('"') + 1)]
    assert [(f.line, f.col) for f in mismatches] == expected


def test_quotation_with_an_ellipsis_matches_in_order(tmp_path):
    ok = "It said officials “held trainings … with representatives from 36” countries [@fh-2018].\n"
    wrong_order = "It said officials “with representatives from 36 … held trainings” [@fh-2018].\n"
    assert codes(run(tmp_path / "a", {"en/origin.md": EN_PAGE + "\n" + ok})) == []
    assert codes(run(tmp_path / "b", {"en/origin.md": EN_PAGE + "\n" + wrong_order})) == ["quote-mismatch"]


def test_chinese_quotation_matches_despite_punctuation_width(tmp_path):
    # The stored page has an ASCII comma; our page uses the full-width one.
    page = ZH_PAGE + "\n新华社报道，习近平呼吁“共同构建网络空间命运共同体，推动网络空间互联互通”[@xinhua-keynote]。\n"
    assert codes(run(tmp_path / "a", {"en/origin.md": EN_PAGE, "zh/origin.md": page})) == []
    changed = page.replace("互联互通”", "互联互通、开放共享”")
    assert codes(run(tmp_path / "b", {"en/origin.md": EN_PAGE, "zh/origin.md": changed})) == ["quote-mismatch"]


def test_quotation_without_a_following_citation_is_not_checked(tmp_path):
    page = EN_PAGE + '\nSome call this a "shared future" in general terms.\n'
    findings = run(tmp_path, {"en/origin.md": page}, floor=0.5)
    assert "quote-mismatch" not in codes(findings)


def test_translation_parity(tmp_path):
    zh = ZH_PAGE.replace("[@fh-2018]", "")
    findings = run(tmp_path, {"en/origin.md": EN_PAGE, "zh/origin.md": zh}, floor=0.5)
    (parity,) = [f for f in findings if f.code == "parity"]
    assert parity.path == "docs/zh/origin.md"
    assert "docs/en/origin.md:5 cites 'fh-2018'" in parity.message


def test_parity_compares_the_sequence_of_sources_not_the_number_of_notes(tmp_path):
    # English cites a source twice (two notes), Chinese once: the same sequence, no finding
    en = EN_PAGE + "\nIt was repeated later [@xinhua-keynote].\n"
    assert not [f for f in run(tmp_path / "same", {"en/origin.md": en, "zh/origin.md": ZH_PAGE}, floor=0.5)
                if f.code.startswith("parity")]
    # the same sources first cited in another order: a warning at the first that differs
    swapped = "# 理念的提出\n\n自由之家的统计[@fh-2018]。\n\n习近平提出这一理念[@xinhua-keynote]。\n"
    (order,) = [f for f in run(tmp_path / "order", {"en/origin.md": EN_PAGE, "zh/origin.md": swapped}, floor=0.5)
                if f.code.startswith("parity")]
    assert (order.code, order.severity, order.line) == ("parity-order", "warning", 3)
    assert "source 1 in order of first citation is 'fh-2018', in docs/en/origin.md it is 'xinhua-keynote'" \
        in order.message


def test_coverage_floor_and_exemptions(tmp_path):
    page = EN_PAGE + (
        "\nThis paragraph makes a claim but cites nothing at all.\n"
        "\n## Read next\n\n- [The white paper](white-paper.md)\n\n```\nuncited code [@nothing]\n```\n"
        "\n| Year | Event |\n|---|---|\n| 2015 | Keynote [@xinhua-keynote] |\n"
    )
    findings = run(tmp_path, {"en/origin.md": page})
    (coverage,) = [f for f in findings if f.code == "coverage"]
    assert coverage.line == 7
    assert "75% of prose units carry a citation (3/4)" in coverage.message
    assert codes(run(tmp_path / "b", {"en/origin.md": page}, floor=0.75)) == []
    exempt = "---\ncoverage: false\n---\n" + page
    assert codes(run(tmp_path / "c", {"en/origin.md": exempt})) == []


def cli(*args, cwd):
    from tests.sitebuild import ROOT

    return subprocess.run([sys.executable, "-m", "scripts", "--root", str(cwd), *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_cli_exit_codes_and_formats(tmp_path):
    make_project(tmp_path, sources=SOURCES, pages={"en/origin.md": EN_PAGE.replace("fh-2018,", "fh-2019,")})
    result = cli("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert {d["code"] for d in data if d["severity"] == "error"} == {"unknown-key", "unused-source"}
    github = cli("check", "--format", "github", cwd=tmp_path)
    column = EN_PAGE.splitlines()[4].index("[@fh") + 1
    assert f"::error file=docs/en/origin.md,line=5,col={column},title=unknown-key::" in github.stdout
    text = cli("check", cwd=tmp_path)
    assert f"docs/en/origin.md:5:{column}: error: unknown source key 'fh-2019'" in text.stdout
    (tmp_path / "pyproject.toml").write_text("[tool.explainer]\ncoverage-floor = 3\n")
    assert cli("check", cwd=tmp_path).returncode == 2
    assert cli("nonsense", cwd=tmp_path).returncode == 2
    (tmp_path / "pyproject.toml").unlink()
    (tmp_path / "docs/en/origin.md").write_text(EN_PAGE)
    assert cli("check", cwd=tmp_path).returncode == 0


TIMELINE = """\
id: 2015-12-16-keynote
date: "2015-12-16"
region: global
kind: speech
title:
  en: Keynote
summary:
  en: Xi called for a “community of shared future” [@xinhua-keynote] and more [@fh-2019].
  zh: 习近平在乌镇发表主旨演讲[@fh-2018]。
page: origin.md
"""


def test_citations_in_timeline_data_are_checked_with_file_and_line(tmp_path):
    settings = make_project(tmp_path, sources=SOURCES, pages={"en/origin.md": EN_PAGE, "zh/origin.md": ZH_PAGE})
    (tmp_path / "data" / "timeline").mkdir()
    (tmp_path / "data" / "timeline" / "2015-12-16-keynote.yml").write_text(TIMELINE, encoding="utf-8")
    findings = [f for f in check(settings) if f.path.startswith("data/timeline")]
    assert sorted((f.code, f.line) for f in findings) == [("parity", 9), ("quote-mismatch", 8), ("unknown-key", 8)]
    assert "did you mean 'fh-2018'" in next(f.message for f in findings if f.code == "unknown-key")
