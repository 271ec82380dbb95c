"""Language tags for the Chinese and pinyin inside an English page, added to the built HTML.

Without `lang`, Chromium draws Han characters on an English page with whichever CJK font it finds
first, often one with Japanese glyph forms. Every run of Han characters (with the Chinese punctuation
inside or around it, e.g. 《携手构建网络空间命运共同体》) gets `<span lang="zh-Hans">`, and every run of
pinyin with tone marks (wǎngluò kōngjiān) `<span lang="zh-Latn-pinyin">`, so that the style sheet can
give each a font that has its glyphs (site.css). The Markdown stays clean: this runs on the page's
HTML at build.

Only text between tags changes: attributes, <head>, code, scripts, styles, SVG and form options
(which may hold no markup) are left alone, and so is text already inside an element whose `lang` is Chinese.
"""

from __future__ import annotations

import re

from scripts.translation.languages import CHINESE
from scripts.checks.typography import HAN

CHINESE_TAG, PINYIN_TAG = CHINESE.tag, "zh-Latn-pinyin"
# CJK symbols and punctuation, and full-width forms: 《》，。（）、 and the like.
_CJK_MARKS = r"\u3000-\u303f\uff00-\uffef"
HAN_RUN = re.compile(rf"[{_CJK_MARKS}]*[{HAN}][{HAN}{_CJK_MARKS}·]*")
# Pinyin: words that each carry a tone mark, joined by spaces, hyphens or apostrophes, at least one
# of them with a mark only pinyin uses (macron, caron, ü): acute and grave alone are common in other
# languages (México, Bogotá).
_PINYIN_ONLY = "āēīōūǖǎěǐǒǔǚǘǜüĀĒĪŌŪǍĚǏǑǓ"
_MARKED = _PINYIN_ONLY + "áéíóúàèìòùǘǜ"
_WORD = rf"[a-zA-Z{_MARKED}]*[{_MARKED}][a-zA-Z{_MARKED}]*"
_RUNS = re.compile(rf"(?P<han>{HAN_RUN.pattern})|(?<![\w-])(?P<pinyin>{_WORD}(?:[ '’-]{_WORD})*)(?![\w-])")
# Elements whose text is left as it is: their content is not prose, or may not hold a <span>.
_SKIP = {"head", "script", "style", "code", "pre", "kbd", "samp", "textarea", "option", "svg", "math"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--.*?-->", re.DOTALL)
_CHINESE_LANG = re.compile(r"""\slang\s*=\s*["']?zh""", re.IGNORECASE)


def mark(html: str) -> str:
    """The page with its Han and pinyin runs wrapped in spans carrying their language."""
    out, copied, position = [], 0, 0   # copied: how much of `html` is in `out` already
    closing_tag, depth = None, 0  # the element we are inside and left alone, and its nesting depth
    for tag in _TAG.finditer(html):
        text_end = tag.start()
        if not closing_tag and position < text_end and not html[position:text_end].isascii():
            out += [html[copied:position], _mark_text(html[position:text_end])]
            copied = text_end
        position = tag.end()
        name = tag.group(2)
        if name is None:  # a comment
            continue
        name, is_end, attributes = name.lower(), bool(tag.group(1)), tag.group(3)
        if closing_tag:
            if name == closing_tag and not attributes.rstrip().endswith("/"):
                depth += -1 if is_end else 1
                if depth == 0:
                    closing_tag = None
        elif not is_end and (name in _SKIP or _CHINESE_LANG.search(attributes)):
            if not attributes.rstrip().endswith("/") and name not in _VOID:
                closing_tag, depth = name, 1
    if not closing_tag and not html[position:].isascii():
        out += [html[copied:position], _mark_text(html[position:])]
        copied = len(html)
    out.append(html[copied:])
    return "".join(out)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _mark_text(text: str) -> str:
    return text if text.isascii() else _RUNS.sub(_wrap, text)  # neither Han nor pinyin is ASCII


def _wrap(run: re.Match) -> str:
    if run.group("han"):
        return f'<span lang="{CHINESE_TAG}">{run.group(0)}</span>'
    if any(c in _PINYIN_ONLY for c in run.group(0)):
        return f'<span lang="{PINYIN_TAG}">{run.group(0)}</span>'
    return run.group(0)
