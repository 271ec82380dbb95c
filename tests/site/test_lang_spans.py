"""Chinese and pinyin inside English pages carry their language (scripts/site/lang_spans.py)."""

from __future__ import annotations

import re

from scripts.site.lang_spans import mark
from scripts.checks.typography import HAN
from tests.conftest import language_of
from scripts.translation.languages import ENGLISH


def test_han_and_pinyin_runs_are_wrapped():
    html = "<p>The term (网络空间命运共同体, <em>wǎngluò kōngjiān</em>) and 《携手构建》。</p>"
    assert mark(html) == (
        '<p>The term (<span lang="zh-Hans">网络空间命运共同体</span>, '
        '<em><span lang="zh-Latn-pinyin">wǎngluò kōngjiān</span></em>) and '
        '<span lang="zh-Hans">《携手构建》。</span></p>')


def test_attributes_code_scripts_and_tagged_text_are_left_alone():
    html = ('<head><title>中文</title></head><p title="中文"><code>中文</code><pre>中</pre>'
            '<span lang="zh-Hant">中<b>文</b></span><select><option>中文</option></select></p>'
            '<script>var a = "中";</script><!-- 中 --><svg><text>中</text></svg>')
    assert mark(html) == html


def test_accents_of_other_languages_are_not_pinyin():
    assert mark("<p>México, Bogotá and São Paulo</p>") == "<p>México, Bogotá and São Paulo</p>"


def test_every_han_character_of_an_english_page_is_tagged_chinese(content_pages):
    untagged = {}
    for path, soup in content_pages.items():
        if language_of(path) is not ENGLISH:
            continue
        for text in soup.body.find_all(string=re.compile(f"[{HAN}]")):
            if text.find_parent(["script", "style", "code", "pre", "option", "svg"]):
                continue
            if not text.find_parent(lang=re.compile("^zh")):
                untagged.setdefault(path, []).append(str(text)[:40])
    assert not untagged, untagged
