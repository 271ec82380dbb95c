"""Hover definitions for glossary terms wherever they appear in a page's text.

The first occurrence on a page of each glossary term (its English headword on English pages, its
hanzi on pages of both languages; either counts for the concept) becomes `<abbr title="short
definition" tabindex="0">`. reader.js shows the definition beside the term when a reader hovers over,
focuses (hence the tabindex) or taps it; without the script the browser shows the title. Only the
first, as reference works link a term at its first mention: marking every one cluttered long pages
(the Sources page had over 300). Text inside links, headings, code,
notes and existing abbreviations is left alone. Plain Python on the page's HTML, so it works for
Chinese text, which has no word boundaries for Markdown's own abbreviation extension to find.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from scripts.content.data import Entry, _headword

_CITATION = re.compile(r"\s*\[-?@[^\]]*\]")
_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "abbr", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "title"}
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
MAX_TITLE = 220


@dataclass(frozen=True)
class Terms:
    pattern: re.Pattern | None
    titles: dict[str, str]  # casefolded term -> tooltip text
    ids: dict[str, str] = field(default_factory=dict)  # casefolded term -> its glossary entry's id


def _short(text: str) -> str:
    """The definition without its citations, cut to MAX_TITLE characters at a word boundary (in
    Chinese, which has no spaces, after a punctuation mark if one is near the end)."""
    text = " ".join(_CITATION.sub("", text).split())
    if len(text) <= MAX_TITLE:
        return text
    cut = text[: MAX_TITLE - 1]
    boundary = max(cut.rfind(" "), *(cut.rfind(mark) + 1 for mark in "，、；：。"))
    if boundary > MAX_TITLE * 2 // 3:
        cut = cut[:boundary]
    return cut.rstrip(" ,;:，、；：") + "…"


def _is_cjk(term: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in term)


def build_terms(entries: list[Entry], locale: str) -> Terms:
    titles: dict[str, str] = {}
    ids: dict[str, str] = {}
    for entry in entries:
        value = entry.data.get("definition") or {}
        definition = str(value.get(locale) or "") if isinstance(value, dict) else ""
        if not definition:  # no fallback: a Chinese page shows no English tooltip
            continue
        words = [str(entry.data.get("hanzi") or "")]
        if locale == "en":
            words.append(_headword(entry))
        for word in words:
            if word and len(word) >= 2:
                titles.setdefault(word.casefold(), _short(definition))
                ids.setdefault(word.casefold(), entry.id)
    if not titles:
        return Terms(None, {})
    alternatives = []
    for term in sorted(titles, key=len, reverse=True):  # longest first: 网络空间命运共同体 before 命运共同体
        escaped = re.escape(term)
        alternatives.append(escaped if _is_cjk(term) else rf"(?<![\w-]){escaped}(?![\w-])")
    return Terms(re.compile("|".join(alternatives), re.IGNORECASE), titles, ids)


def annotate(content_html: str, terms: Terms, glossary_url: str = "") -> str:
    """Wrap the first occurrence of each glossary term in the text of `content_html` in <abbr title=...
    tabindex="0">; with the glossary page's URL (relative to this page), the abbr's `data-entry`
    gives the address of the term's entry, which the preview links to."""
    if terms.pattern is None:
        return content_html
    out, skip_depth, done = [], 0, set()

    def first_only(match: re.Match) -> str:
        title = terms.titles[html.unescape(match.group(0)).casefold()]
        if title in done:
            return match.group(0)
        done.add(title)
        entry_id = terms.ids.get(html.unescape(match.group(0)).casefold())
        entry = f' data-entry="{html.escape(glossary_url)}#{entry_id}"' if glossary_url and entry_id else ""
        return f'<abbr title="{html.escape(title)}" tabindex="0"{entry}>{match.group(0)}</abbr>'

    for piece in _TAG.split(content_html):
        if piece.startswith("<"):
            match = _TAG_NAME.match(piece)
            if match and match.group(2).lower() in _SKIP and not piece.endswith("/>"):
                skip_depth += -1 if match.group(1) else 1
                skip_depth = max(skip_depth, 0)
            out.append(piece)
        elif skip_depth or not piece.strip():
            out.append(piece)
        else:
            out.append(terms.pattern.sub(first_only, piece))
    return "".join(out)
