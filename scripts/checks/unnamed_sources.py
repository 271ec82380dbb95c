"""No pointing at unnamed commentary: a sentence that says "some commentary", "a commentary",
"commentators", 有评论, 有文章, 评论称 ... must cite, in that same sentence, the source it means.
A reader cannot look up "some commentary"; every claim the site assesses names who made it.

The check runs over the pages of every language and the data texts (timeline, glossary, claims).
"""

from __future__ import annotations

import re

from scripts.citations.markdown import LineIndex, find_citations, mask
from scripts.citations.pages import load_pages
from scripts.findings import Finding, relpath
from scripts.translation.languages import LANGUAGES

UNNAMED = re.compile(
    r"\b(?:some|a|an|one|another|other|many|several|much|chinese|western|online)\s+commentar(?:y|ies)\b"
    r"|\bcommentators?\b|\bcommentary\s+(?:that\s+)?(?:this site|we)\b"
    r"|(?:^|(?<=[\s*>|]))commentary\s+(?:often\s+|also\s+|sometimes\s+)?(?:says|claims|reports|writes|argues)\b"
    r"|本站(?:核查|审阅)的(?:那|一)?篇|有评论|有文章|一些评论|一篇评论|另有评论|某些评论|部分评论|评论(?:常|也|则)?称|评论人士|中[国文]的?评论",
    re.IGNORECASE)
# A sentence ends at . ! ? (followed by a space or the end), at 。！？, at a blank line or a table cell.
_END = re.compile(r"(?<=[.!?])(?=\s)|(?<=[。！？])|\n\s*\n|\|")
# ... except after an abbreviation ("p. 4", "e.g. this", "U.S. officials") or an initial.
_ABBREVIATION = re.compile(r"(?:\b(?:p|pp|para|paras|ch|sec|no|vol|e\.g|i\.e|cf|vs|mr|ms|dr|st|u\.s)|\b[A-Z])\.$",
                           re.IGNORECASE)


def sentences(masked: str, citations) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a masked text; its citations count as part of the sentence
    they sit in (their locators' full stops end nothing)."""
    shielded = list(masked)
    for citation in citations:
        shielded[citation.start:citation.end] = "x" * (citation.end - citation.start)
    text, spans, start = "".join(shielded), [], 0
    for match in _END.finditer(text):
        if _ABBREVIATION.search(text, max(0, match.start() - 6), match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [s for s in spans if text[s[0]:s[1]].strip()]


def unnamed(text: str) -> list[tuple[int, str]]:
    """(offset, words) of each pointer at unnamed commentary in a sentence that cites nothing."""
    masked = mask(text)
    citations = find_citations(text, masked)[0]
    starts = [c.start for c in citations]
    out = []
    for start, end in sentences(masked, citations):
        match = UNNAMED.search(masked, start, end)
        if match and not any(start <= s < end for s in starts):
            out.append((match.start(), match.group(0)))
    return out


def _message(words: str) -> str:
    return (f"“{words}” points at unnamed commentary without a citation in the same sentence; name who "
            "said it and cite the source [@id], or state what the sources show without it")


def check(settings) -> list[Finding]:
    from scripts.content import claims
    from scripts.content.data import citing_texts

    findings = []
    pages = load_pages(settings.docs_dir, [lang.locale for lang in LANGUAGES])
    for locale_pages in pages.values():
        for page in locale_pages.values():
            index = LineIndex(page.text)
            for offset, words in unnamed(page.text):
                line, col = index.position(offset)
                findings.append(Finding(relpath(page.path, settings.root), line, col, "unnamed-commentary",
                                        _message(words)))
    for item in citing_texts(settings) + claims.citing_texts(settings):
        findings += [Finding(item.path, item.line, 1, "unnamed-commentary",
                             f"{item.field}.{item.locale}: {_message(words)}") for _, words in unnamed(item.text)]
    return findings
