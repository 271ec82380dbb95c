"""Terminology, typography, structural parity and translation status, on small throwaway projects."""

from __future__ import annotations

import subprocess

from scripts import structure, terminology, translation_status, typography
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
    assert "译文可能已过时" in notice and '<a href="../../origin/">英文版</a>' in notice
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
