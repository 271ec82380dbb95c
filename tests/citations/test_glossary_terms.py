"""Hover definitions for glossary terms in page HTML."""

from __future__ import annotations

from pathlib import Path

from scripts.content.data import Entry
from scripts.site.glossary_terms import annotate, build_terms

ENTRIES = [
    Entry(Path("cyber-sovereignty.yml"), {"id": "cyber-sovereignty", "hanzi": "网络主权",
          "definition": {"en": "Each country's right to choose its own path [@src].", "zh": "各国自主选择网络发展道路的权利[@src]。"},
          "translations": [{"text": "cyber sovereignty", "cite": ["src"]}]}),
    Entry(Path("cyberspace-community.yml"), {"id": "cyberspace-community", "hanzi": "网络空间命运共同体",
          "definition": {"en": "The concept [@src]."}, "translations": [{"text": "community with a shared future in cyberspace"}]}),
    Entry(Path("community.yml"), {"id": "community", "hanzi": "命运共同体", "definition": {"en": "A community of common destiny [@src]."},
          "translations": [{"text": "community of common destiny"}]}),
]


def test_terms_in_text_get_a_definition_without_the_citation():
    html = "<p>Respect for Cyber Sovereignty matters.</p>"
    out = annotate(html, build_terms(ENTRIES, "en"))
    assert '<abbr title="Each country&#x27;s right to choose its own path." tabindex="0">Cyber Sovereignty</abbr>' in out
    zh = annotate("<p>网络主权</p>", build_terms(ENTRIES, "en"))
    assert zh == '<p><abbr title="Each country&#x27;s right to choose its own path." tabindex="0">网络主权</abbr></p>'


def test_only_the_first_mention_of_a_concept_is_marked_in_either_language():
    html = ("<p>Respect for Cyber Sovereignty (网络主权).</p><p>cyber sovereignty again, and the "
            "community of common destiny, and 命运共同体.</p>")
    out = annotate(html, build_terms(ENTRIES, "en"))
    assert out.count("<abbr") == 2
    assert '<abbr title="Each country&#x27;s right to choose its own path." tabindex="0">Cyber Sovereignty</abbr> (网络主权)' in out
    assert '<abbr title="A community of common destiny." tabindex="0">community of common destiny</abbr>' in out


def test_links_headings_code_and_partial_words_are_left_alone():
    html = ('<h2>cyber sovereignty</h2><p><a href="x">cyber sovereignty</a> <code>cyber sovereignty</code> '
            "cyber sovereignty-based and cyber sovereignty.</p>")
    out = annotate(html, build_terms(ENTRIES, "en"))
    assert out.count("<abbr") == 1
    assert out.endswith('and <abbr title="Each country&#x27;s right to choose its own path." tabindex="0">cyber sovereignty</abbr>.</p>')


def test_chinese_terms_match_inside_chinese_text_longest_first():
    html = "<p>各国应该共同构建网络空间命运共同体，尊重网络主权。</p>"
    zh = annotate(html, build_terms(ENTRIES, "zh"))
    assert zh == '<p>各国应该共同构建网络空间命运共同体，尊重<abbr title="各国自主选择网络发展道路的权利。" tabindex="0">网络主权</abbr>。</p>'
    en = annotate(html, build_terms(ENTRIES, "en"))
    assert '<abbr title="The concept." tabindex="0">网络空间命运共同体</abbr>' in en and en.count("<abbr") == 2


def test_a_long_definition_is_cut_at_a_word_boundary():
    from scripts.site.glossary_terms import MAX_TITLE, _short
    english = _short("word " * 100)
    assert len(english) <= MAX_TITLE and english.endswith("word…")
    chinese = _short("网络空间命运共同体，" * 40)
    assert chinese.endswith("网络空间命运共同体…")


def test_a_term_links_to_its_glossary_entry():
    out = annotate("<p>cyber sovereignty</p>", build_terms(ENTRIES, "en"), "../glossary/")
    assert 'data-entry="../glossary/#' in out
