"""Terminology, typography, structural parity and translation status, on small throwaway projects."""

from __future__ import annotations

import subprocess

from scripts.checks import structure, terminology, typography
from scripts.citations import pages
from scripts.translation import status as translation_status
from tests.citations.project import NEWSPAPER_ZH, make_project

GLOSSARY = """\
id: digital-silk-road
hanzi: 数字丝绸之路
pinyin: shùzì sīchóu zhī lù
literal: digital silk road
definition:
  en: The technology strand of the Belt and Road [@xinhua-keynote].
translations:
  - text: Digital Silk Road
    used: 2017–
    cite: [xinhua-keynote]
avoid: [数位丝绸之路, 數位絲綢之路]
"""
EN = """\
# Origin

## The keynote {#keynote}

Xi spoke in Wuzhen [@xinhua-keynote]. See [the white paper](white-paper.md#principles).

## Reception {#reception}

It was reported widely [@xinhua-keynote].
"""
ZH = """\
# 理念的提出

## 主旨演讲 {#keynote}

习近平在乌镇发表演讲[@xinhua-keynote]。参见[白皮书](white-paper.md#principles)。

## 反响 {#reception}

各方广泛报道[@xinhua-keynote]。
"""


def project(tmp_path, zh=ZH, en=EN):
    settings = make_project(tmp_path, sources={"xinhua-keynote": NEWSPAPER_ZH},
                            pages={"en/origin.md": en, "zh/origin.md": zh})
    glossary = settings.root / "data" / "glossary"
    glossary.mkdir(parents=True)
    (glossary / "digital-silk-road.yml").write_text(GLOSSARY, encoding="utf-8")
    return settings


def test_variant_is_flagged_with_line_and_canonical_form_but_a_quoted_mention_is_not(tmp_path):
    zh = ZH + "\n评论写作“数位丝绸之路”[@xinhua-keynote]。\n\n数位丝绸之路是错误写法[@xinhua-keynote]。\n"
    (finding,) = terminology.check(project(tmp_path, zh=zh))
    assert (finding.path, finding.line, finding.col) == ("docs/zh/origin.md", 13, 1)
    assert "write '数字丝绸之路'" in finding.message


def test_typography_convention(tmp_path):
    zh = ZH + '\n他说,网络主权(见上文)很重要。"引文"和「引文」。5G 基站建于 2022 年[@xinhua-keynote]。\n'
    findings = typography.check(project(tmp_path, zh=zh))
    assert {f.code for f in findings} == {"half-width-punctuation", "half-width-parenthesis", "quotation-marks", "cjk-latin-space"}
    assert all(f.line == 11 for f in findings)
    clean = ZH + "\n他说，网络主权（见上文）很重要。“引文”。5G基站建于2022年，见[链接](https://example.org/a,b)[@xinhua-keynote]。\n"
    assert typography.check(project(tmp_path / "clean", zh=clean)) == []


def test_structure_parity_names_the_difference(tmp_path):
    assert structure.check(project(tmp_path)) == []
    renamed = ZH.replace("{#reception}", "{#reaction}")
    (heading,) = structure.check(project(tmp_path / "a", zh=renamed))
    assert heading.code == "structure-headings" and heading.line == 7 and "'## #reception' at docs/en/origin.md:7" in heading.message
    no_link = ZH.replace("参见[白皮书](white-paper.md#principles)。", "")
    (link,) = structure.check(project(tmp_path / "b", zh=no_link))
    assert link.code == "structure-links" and "'white-paper.md#principles'" in link.message
    missing_id = ZH.replace(" {#reception}", "")
    codes = sorted(f.code for f in structure.check(project(tmp_path / "c", zh=missing_id)))
    assert codes == ["heading-id", "structure-headings"]


def test_front_matter_that_is_not_yaml_is_named_with_its_line(tmp_path):
    # MkDocs drops such front matter without a word and shows its lines as the first paragraph.
    bad = "---\ndescription: [unclosed\ncoverage: false\n---\n" + EN
    (finding,) = [f for f in structure.check(project(tmp_path, en=bad)) if f.code == "front-matter"]
    assert (finding.path, finding.line, finding.col) == ("docs/en/origin.md", 3, 9)
    assert finding.severity == "error" and "quote a value" in finding.message
    assert pages.front_matter_problem("---\n- a list\n---\n# T\n")[2] == "it is not a list of `key: value` lines"
    assert pages.front_matter_problem("---\ndescription: \"a: b\"\n---\n# T\n") is None
    assert pages.front_matter_problem("# No front matter\n\n---\n") is None


def test_translation_status_missing_untracked_current_stale_and_mark(tmp_path):
    settings = project(tmp_path)
    (settings.docs_dir / "en" / "wic.md").write_text("# WIC\n", encoding="utf-8")
    states = {s.rel: s.state for s in translation_status.statuses(settings.docs_dir)}
    assert states == {"origin.md": "untracked", "wic.md": "missing"}
    zh_file = settings.docs_dir / "zh" / "origin.md"
    diff = translation_status.mark(settings.docs_dir, zh_file)
    assert "+translated-from: " in diff and zh_file.read_text(encoding="utf-8").startswith("---\ntranslated-from: ")
    assert {s.rel: s.state for s in translation_status.statuses(settings.docs_dir)}["origin.md"] == "current"
    (settings.docs_dir / "en" / "origin.md").write_text(EN + "\nA new paragraph [@xinhua-keynote].\n", encoding="utf-8")
    stale = next(s for s in translation_status.statuses(settings.docs_dir) if s.rel == "origin.md")
    assert stale.state == "stale"
    notice = translation_status.notice_for({stale.rel: stale}, "zh/origin.md", "zh")
    assert "译文可能已过时" in notice and 'href="../../origin/"' in notice
    assert "尚未译成中文" in translation_status.notice_for({}, "en/wic.md", "zh")
    assert translation_status.notice_for({stale.rel: stale}, "en/origin.md", "en") == ""


def test_diff_since_the_translated_revision_comes_from_git(tmp_path):
    settings = project(tmp_path)
    git = lambda *args: subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "one", "--allow-empty")
    translation_status.mark(settings.docs_dir, settings.docs_dir / "zh" / "origin.md")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "two")
    (settings.docs_dir / "en" / "origin.md").write_text(EN.replace("widely", "around the world"), encoding="utf-8")
    stale = next(s for s in translation_status.statuses(settings.docs_dir) if s.rel == "origin.md")
    diff = translation_status.english_diff(settings.docs_dir, stale)
    assert "-It was reported widely [@xinhua-keynote]." in diff
    assert "+It was reported around the world [@xinhua-keynote]." in diff


# Chinese originals, titles, terms and the newer typography rules (issue 19) --------------------------

from scripts.checks import titles  # noqa: E402
from scripts.citations.checker import check as citation_check  # noqa: E402
from tests.citations.project import REPORT_EN  # noqa: E402

CHINA_DAILY_EN = """\
id: chinadaily-theme
type: article-newspaper
tier: state-media
title: World Internet Conference theme
container-title: China Daily
issued: "2015-12-16"
accessed: "2026-11-29"
language: en
URL: https://www.chinadaily.com.cn/world/2015wic/theme.htm
excerpts:
  - text: An Interconnected World Shared and Governed by All
    locator: para. 1
"""


def with_sources(tmp_path, zh, en=EN, extra=None):
    sources = {"xinhua-keynote": NEWSPAPER_ZH, **(extra or {})}
    return make_project(tmp_path, sources=sources, pages={"en/origin.md": en, "zh/origin.md": zh})


def test_a_title_in_book_marks_must_be_attested_in_the_registry(tmp_path):
    attested = ZH + "\n新华社报道《习近平出席第二届世界互联网大会开幕式并发表主旨演讲》[@xinhua-keynote]。\n"
    assert titles.check(with_sources(tmp_path, attested)) == []
    invented = ZH + "\n双方发布《携手构建中非网络空间命运共同体行动计划》[@xinhua-keynote]。\n"
    (finding,) = titles.check(with_sources(tmp_path / "b", invented))
    assert (finding.code, finding.line, finding.col) == ("unattested-title", 11, 5)
    assert "back-translated" in finding.message


def test_title_zh_names_a_foreign_work_but_is_refused_for_a_chinese_source(tmp_path):
    zh = ZH + "\n自由之家发布报告《数字威权主义的兴起》[@xinhua-keynote]。\n"
    assert [f.code for f in titles.check(with_sources(tmp_path, zh))] == ["unattested-title"]
    foreign = REPORT_EN + "title-zh: 网络自由2018：数字威权主义的兴起\n"
    assert titles.check(with_sources(tmp_path / "b", zh, extra={"fh-2018": foreign})) == []
    chinese = CHINA_DAILY_EN + "title-zh: 世界互联网大会主题\n"
    (refused,) = titles.check(with_sources(tmp_path / "c", ZH, extra={"chinadaily-theme": chinese}))
    assert refused.code == "title-zh-chinese-source" and refused.path.endswith("chinadaily-theme.yml")


def test_an_english_quotation_of_a_chinese_source_on_a_chinese_page_is_a_warning(tmp_path):
    english = ZH + "\n大会主题英文为“An Interconnected World Shared and Governed by All”[@chinadaily-theme]。\n"
    en = EN + "\nThe theme [@chinadaily-theme].\n"
    settings = with_sources(tmp_path, english, en=en, extra={"chinadaily-theme": CHINA_DAILY_EN})
    (warning,) = [f for f in citation_check(settings) if f.code == "english-quote"]
    assert (warning.line, warning.severity) == (11, "warning") and "chinadaily-theme" in warning.message
    chinese = ZH + "\n习近平呼吁“推动网络空间互联互通、共享共治”[@xinhua-keynote]。\n"
    assert not [f for f in citation_check(with_sources(tmp_path / "b", chinese)) if f.code == "english-quote"]


def test_new_typography_rules_fail_and_pass(tmp_path):
    bad = ZH + ("\n一带一路倡议在第11届论坛上提出，*清朗*的网络空间，“发展”、“安全”，"
                "人民日报报道[@xinhua-keynote]。\n")
    findings = typography.check(project(tmp_path, zh=bad))
    codes = sorted(f.code for f in findings)
    assert codes == ["belt-and-road-quotes", "enumeration-comma", "italic-hanzi", "ordinal-numerals", "publication-title"]
    (ordinal,) = [f for f in findings if f.code == "ordinal-numerals"]
    assert "'第十一届'" in ordinal.message
    good = ZH + ("\n“一带一路”倡议在第十一届论坛上提出，“清朗”的网络空间，“发展”“安全”，《人民日报》报道，"
                 "人民日报社和中国日报网也转载，见*Asia Policy*（2020年）与*The China Quarterly*[@xinhua-keynote]。\n")
    assert typography.check(project(tmp_path / "good", zh=good)) == []


def test_chinese_numerals_for_ordinals():
    assert [typography.chinese_numeral(n) for n in (2, 10, 11, 20, 21, 105, 111)] == \
        ["二", "十", "十一", "二十", "二十一", "一百零五", "一百一十一"]


def test_four_basic_principles_and_beijing_as_actor_are_flagged(tmp_path):
    settings = project(tmp_path, zh=ZH + "\n2017年战略提出四项基本原则，北京认为这很重要，会议在北京举行[@xinhua-keynote]。\n")
    glossary = settings.root / "data" / "glossary" / "four-principles.yml"
    glossary.write_text(GLOSSARY.replace("digital-silk-road", "four-principles").replace("数字丝绸之路", "四项原则")
                        .replace("[数位丝绸之路, 數位絲綢之路]", "[四项基本原则]"), encoding="utf-8")
    messages = [f.message for f in terminology.check(settings)]
    assert len(messages) == 2 and "'四项原则'" in messages[0] and "'北京'" in messages[1]
    assert "name the actor" in messages[1]
    clean = ZH + "\n2017年战略提出和平、主权、共治、普惠四项原则，中国政府认为这很重要，会议在北京举行[@xinhua-keynote]。\n"
    assert terminology.check(project(tmp_path / "clean", zh=clean)) == []


def test_a_simplified_quotation_matches_a_traditional_excerpt_and_belt_and_road_is_not_a_quotation(tmp_path):
    traditional = NEWSPAPER_ZH.replace("各国应该共同构建网络空间命运共同体,推动网络空间互联互通、共享共治",
                                       "各國應該共同構建網絡空間命運共同體,推動網絡空間互聯互通、共享共治")
    zh = ZH + "\n习近平呼吁“共同构建网络空间命运共同体”，并提及“一带一路”倡议[@xinhua-keynote]。\n"
    settings = make_project(tmp_path, sources={"xinhua-keynote": traditional},
                            pages={"en/origin.md": EN, "zh/origin.md": zh})
    assert [f for f in citation_check(settings) if f.code == "quote-mismatch"] == []
    wrong = zh.replace("共同构建网络空间命运共同体”", "共同建设网络空间命运共同体”")
    settings = make_project(tmp_path / "b", sources={"xinhua-keynote": traditional},
                            pages={"en/origin.md": EN, "zh/origin.md": wrong})
    assert [f.code for f in citation_check(settings) if f.code == "quote-mismatch"] == ["quote-mismatch"]
