"""Notes in both styles, for English and Chinese sources."""

from __future__ import annotations

from pathlib import Path

from scripts.citations.registry import load_source
from scripts.citations.styles import bibliography, chicago_note, gbt_note
from tests.citations.project import NEWSPAPER_ZH, REPORT_EN

FOUR_AUTHORS_ZH = """\
id: four
type: article-journal
tier: analysis
title: 网络空间命运共同体研究
title-en: A study of the community with a shared future in cyberspace
author:
  - {family: 张, given: 三}
  - {family: 李, given: 四}
  - {family: 王, given: 五}
  - {family: 赵, given: 六}
container-title: 国际问题研究
volume: "3"
issue: "2"
issued: "2019-05"
language: zh-Hans
excerpts: [{text: x, locator: p. 1}]
"""

WEBPAGE_EN = """\
id: cmp
type: webpage
tier: analysis
title: Cyber Sovereignty
author: [{literal: China Media Project}]
container-title: China Media Project
issued: "2021-04-16"
accessed: "2026-11-29"
language: en
URL: https://chinamediaproject.org/the_ccp_dictionary/cyber-sovereignty/
excerpts: [{text: x, locator: para. 1}]
"""


def source(tmp_path, text, name="s"):
    path = tmp_path / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    loaded, findings = load_source(path, Path("/"))
    return loaded


def test_chicago_note_for_a_chinese_source_shows_original_title_and_translation(tmp_path):
    note = chicago_note(source(tmp_path, NEWSPAPER_ZH), "para. 3")
    assert note.startswith("Xinhua News Agency, “习近平出席第二届世界互联网大会开幕式并发表主旨演讲” "
                           "[Xi Jinping attends the opening of the 2nd World Internet Conference],")
    assert '<em>中国政府网</em>, 16 December 2015, para. 3, <a href="https://www.gov.cn/' in note
    assert note.endswith("</a>.")


def test_chicago_note_and_bibliography_for_an_english_report(tmp_path):
    report = source(tmp_path, REPORT_EN)
    assert chicago_note(report, "4").startswith(
        "Adrian Shahbaz, <em>Freedom on the Net 2018: The Rise of Digital Authoritarianism</em> "
        '(Washington, DC: Freedom House, October 2018), 4, <a href="https://freedomhouse.org/')
    assert bibliography(report, "en").startswith(
        "Shahbaz, Adrian. <em>Freedom on the Net 2018: The Rise of Digital Authoritarianism</em>. Freedom House, "
        'October 2018. <a href="')


def test_chicago_webpage_puts_the_full_stop_inside_the_quotation_marks(tmp_path):
    entry = bibliography(source(tmp_path, WEBPAGE_EN), "en")
    assert entry.startswith('China Media Project. “Cyber Sovereignty.” China Media Project, 16 April 2021. <a href="')


def test_gbt_note_for_a_chinese_newspaper_online(tmp_path):
    note = gbt_note(source(tmp_path, NEWSPAPER_ZH))
    assert note.startswith('新华社. 习近平出席第二届世界互联网大会开幕式并发表主旨演讲[N/OL]. 中国政府网, 2015-12-16[2026-11-29]. <a href="https://www.gov.cn/')


def test_gbt_note_for_an_english_report_uses_surname_capitals_and_type_code(tmp_path):
    note = gbt_note(source(tmp_path, REPORT_EN), "4")
    assert note.startswith('SHAHBAZ A. Freedom on the Net 2018: The Rise of Digital Authoritarianism[R/OL]. '
                           'Washington, DC: Freedom House, 2018: 4[2026-11-29]. <a href="https://freedomhouse.org/')


def test_gbt_journal_with_more_than_three_authors_uses_deng(tmp_path):
    note = gbt_note(source(tmp_path, FOUR_AUTHORS_ZH))
    assert note == "张三, 李四, 王五, 等. 网络空间命运共同体研究[J]. 国际问题研究, 2019, 3(2)."


def test_gbt_webpage_gives_publication_and_citation_dates(tmp_path):
    note = gbt_note(source(tmp_path, WEBPAGE_EN))
    assert note.startswith('China Media Project. Cyber Sovereignty[EB/OL]. China Media Project, (2021-04-16)[2026-11-29]. <a href="')
