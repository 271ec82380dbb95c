"""Sentence-level support: one fixture that triggers each finding and one that passes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from scripts.citations.build import CitationBuild
from scripts.support import derived
from scripts.support.checker import analyse
from scripts.support.figures import figures, supported, tokens
from tests.citations.project import NEWSPAPER_ZH, REPORT_EN, make_project
from tests.sitebuild import ROOT

ACTORS = """\
- id: xi-jinping
  kind: person
  en: [Xi Jinping, Xi]
  zh: [习近平]
- id: xinhua
  kind: organisation
  en: [Xinhua]
  zh: [新华社]
- id: freedom-house
  kind: organisation
  en: [Freedom House]
  zh: [自由之家]
"""
TRANSLATED = NEWSPAPER_ZH.replace("id: xinhua-keynote", "id: translated").replace(
    "    locator: para. 1\n",
    "    locator: para. 1\n  - text: 习近平在第二届世界互联网大会上发表讲话\n    locator: para. 2\n"
    "    translation: On 16 December 2015 Xi spoke at the conference\n")


def run(tmp_path, pages, sources=None):
    settings = make_project(tmp_path, sources=sources or {"xinhua-keynote": NEWSPAPER_ZH, "fh-2018": REPORT_EN},
                            pages=pages)
    (tmp_path / "data" / "actors.yml").write_text(ACTORS, encoding="utf-8")
    return analyse(settings)


def found(result, code):
    return [f for f in result.findings if f.code == code]


@pytest.mark.parametrize("a, b", [
    ("24 August 2021", "2021年8月24日"), ("2021-08-24", "August 24, 2021"), ("fourteen", "十四个"),
    ("14 countries", "十四个国家"), ("1.2 billion", "12亿"), ("12,000", "1.2万人"), ("第十一届", "11th"),
    ("45%", "百分之四十五"), ("45.5 trillion yuan", "45.5万亿元"), ("45 per cent", "45%"), ("16 to 18 December 2015", "2015年12月16日至18日"),
])
def test_forms_of_one_figure_give_the_same_tokens(a, b):
    assert tokens(a) == tokens(b)


def test_a_year_is_supported_by_any_date_in_it_but_not_the_reverse():
    assert supported("Y:2015", tokens("16 December 2015"))
    assert supported("M:2015-12", tokens("2015-12-16"))
    assert not supported("D:2015-12-16", tokens("December 2015"))


def test_words_that_are_not_figures():
    assert figures("one of the G20 members and 5G networks, COVID-19") == []
    assert figures("推进一带一路，统一认识，进一步合作") == []
    assert [f.text for f in figures("四项原则和五点主张")] == ["四", "五"]
    assert figures("the second conference, 第二届大会") == []  # ordinals up to ten are words
    assert figures("paragraph 72 of the Tunis Agenda, 《突尼斯议程》第72段") == []  # labels
    assert figures("Article 19 of the Covenant, 公约第十九条, 第三章") == []  # labels in Chinese numerals too
    assert figures("millions of posts, 数百万条帖子, 几十个国家") == []  # magnitudes, not figures
    assert [f.text for f in figures("第十九届大会")] == ["第十九"]  # an ordinal past ten is still a figure


def test_supported_figures_and_names_pass_in_both_languages(tmp_path):
    result = run(tmp_path, {
        "en/a.md": "# A\n\nFreedom House reported seminars with 36 of the 65 countries in its 2018 report [@fh-2018].\n",
        "zh/a.md": "# A\n\n自由之家称，其评估的65个国家中有36个参加过研讨[@fh-2018]。\n",
    })
    assert result.findings == []
    assert (result.stats["en"].figures_checked, result.stats["en"].figures_supported) == (3, 3)
    assert result.stats["en"].by_publication_year == 1
    assert (result.stats["zh"].names_checked, result.stats["zh"].names_supported) == (1, 1)


def test_a_figure_not_in_the_excerpts_is_reported_where_it_is(tmp_path):
    page = "# A\n\nFreedom House reported seminars with 37 of the 65 countries [@fh-2018].\n"
    (finding,) = found(run(tmp_path, {"en/a.md": page}), "unsupported-figure")
    assert (finding.path, finding.line, finding.col) == ("docs/en/a.md", 3, page.splitlines()[2].index("37") + 1)
    assert finding.severity == "error" and "fh-2018" in finding.message


def test_findings_are_errors_in_a_language_whose_pages_are_clean(monkeypatch, tmp_path):
    from scripts.support import checker

    page = {"zh/a.md": "# A\n\n自由之家称有37个国家参加[@fh-2018]。\n"}
    (finding,) = found(run(tmp_path / "a", page), "unsupported-figure")
    assert finding.severity == "error"   # Chinese reached 100 % on 6 December 2026
    monkeypatch.setattr(checker, "ERROR_LOCALES", {"en"})   # a language still being worked on
    (finding,) = found(run(tmp_path / "b", page), "unsupported-figure")
    assert finding.severity == "warning"


def test_a_date_is_checked_across_languages_and_against_a_recorded_translation(tmp_path):
    sources = {"xinhua-keynote": NEWSPAPER_ZH, "translated": TRANSLATED}
    ok = "# A\n\nOn 16 December 2015 Xi Jinping spoke at the second conference [@translated].\n"
    wrong = "# A\n\nOn 17 December 2015 Xi Jinping spoke at the second conference [@translated].\n"
    assert run(tmp_path / "ok", {"en/a.md": ok}, sources).findings == []
    (finding,) = found(run(tmp_path / "wrong", {"en/a.md": wrong}, sources), "unsupported-figure")
    assert "17 December 2015" in finding.message


def test_a_name_in_no_excerpt_and_not_the_author_is_reported(tmp_path):
    result = run(tmp_path, {"en/a.md": "# A\n\nXinhua said seminars drew 36 of the 65 countries [@fh-2018].\n"})
    (finding,) = found(result, "unsupported-name")
    assert "'Xinhua'" in finding.message and finding.col == 1


def test_a_name_is_supported_by_the_author_or_by_an_alias_in_the_other_language(tmp_path):
    page = "# A\n\nXinhua reported that Xi called for a community in cyberspace [@translated].\n"
    result = run(tmp_path, {"en/a.md": page}, {"xinhua-keynote": NEWSPAPER_ZH, "translated": TRANSLATED})
    assert result.findings == []
    assert result.stats["en"].names_supported == 2


def test_a_note_at_the_end_of_a_paragraph_does_not_cover_an_earlier_sentence(tmp_path):
    page = ("# A\n\nXi Jinping spoke in Wuzhen in 2015. Freedom House counted 36 of the 65 countries "
            "[@fh-2018].\n")
    result = run(tmp_path, {"en/a.md": page})
    (finding,) = found(result, "support-placement")
    assert (finding.line, finding.col) == (3, 1)
    fixed = page.replace("in 2015.", "in 2015 [@xinhua-keynote].")
    assert found(run(tmp_path / "fixed", {"en/a.md": fixed}), "support-placement") == []


def test_a_derived_figure_with_correct_working_passes(tmp_path):
    page = "# A\n\nFreedom House counted 29 of the 65 countries without seminars {calc: 65 - 36 = 29} [@fh-2018].\n"
    assert run(tmp_path, {"en/a.md": page}).findings == []


def test_a_derived_figure_needs_correct_working_and_supported_operands(tmp_path):
    wrong_sum = "# A\n\nFreedom House counted 28 countries without seminars {calc: 65 - 36 = 28} [@fh-2018].\n"
    (finding,) = found(run(tmp_path / "a", {"en/a.md": wrong_sum}), "derived-figure")
    assert "not 28" in finding.message
    bad_operand = "# A\n\nFreedom House counted 30 countries without seminars {calc: 66 - 36 = 30} [@fh-2018].\n"
    (finding,) = found(run(tmp_path / "b", {"en/a.md": bad_operand}), "unsupported-figure")
    assert "'66'" in finding.message


def test_a_derived_figure_is_shown_with_its_working():
    assert derived.render("29 {calc: 65 - 36 = 29} x", "en") == '29 <span class="calc">(calculated: 65 - 36 = 29)</span> x'
    assert "（计算：65 - 36 = 29）" in derived.render("29 {calc: 65 - 36 = 29}", "zh")


def test_the_build_renders_the_working(tmp_path):
    page = "# A\n\nFreedom House counted 28 countries {calc: 65 - 37 = 28} [@fh-2018].\n"
    settings = make_project(tmp_path, sources={"fh-2018": REPORT_EN}, pages={"en/a.md": page})
    build = CitationBuild(settings, "en")
    assert '<span class="calc">(calculated: 65 - 37 = 28)</span>' in build.render(page, "en/a.md").markdown


def test_the_strict_build_fails_on_a_figure_no_excerpt_supports(tmp_path):
    """The real site's build, on a copy of the project with one figure added that no cited excerpt
    states: the support check (run beside the build, scripts/site/beside.py) fails it, naming the
    file, line and figure."""
    root = tmp_path / "project"
    for name in ("docs", "data", "overrides", "scripts"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    page = root / "docs" / "en" / "origin.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if re.search(r"\w \[@", line))
    lines[number] = re.sub(r" \[@", " in 1,234,567 places [@", lines[number], count=1)
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert f"docs/en/origin.md:{number + 1}:" in log and "the figure '1,234,567'" in log and "[unsupported-figure]" in log


def test_timeline_and_glossary_texts_are_checked_and_reported_at_their_field(tmp_path):
    from scripts.citations.registry import load_registry
    from scripts.content.data import CitingText
    from scripts.support.checker import Stats, check_data_text
    from scripts.support.names import load_actors

    settings = make_project(tmp_path, sources={"fh-2018": REPORT_EN})
    (tmp_path / "data" / "actors.yml").write_text(ACTORS, encoding="utf-8")
    registry, actors = load_registry(settings.sources_dir, tmp_path), load_actors(tmp_path)[0]
    text = CitingText("data/timeline/2018-fh.yml", 9, "summary", "en", "Seminars with 37 of 65 countries [@fh-2018].")
    (finding,) = check_data_text(text, registry, actors, Stats())
    assert (finding.path, finding.line, finding.code) == ("data/timeline/2018-fh.yml", 9, "unsupported-figure")
    assert finding.message.startswith("summary.en: the figure '37'")
    fixed = CitingText(text.path, 9, "summary", "en", "Seminars with 36 of 65 countries [@fh-2018].")
    assert check_data_text(fixed, registry, actors, Stats()) == []
