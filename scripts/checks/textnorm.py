"""Text normalisation for matching quotations against recorded excerpts and fetched pages.

CJK-aware: stored copies of Chinese pages often use ASCII commas and stray spaces inside Chinese
sentences, while our pages use full-width punctuation. Both sides are reduced to the same form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

# Quotation marks of every style we meet, removed before comparing (a quote inside a quote keeps its
# words, not its marks).
QUOTE_MARKS = "\"'“”‘’„‟«»‹›「」『』〝〞〟＂＇`´"
DASHES = "‐‑‒–—―−﹘﹣－"
_QUOTE_TABLE = str.maketrans({c: None for c in QUOTE_MARKS} | {c: "-" for c in DASHES})
_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
# CJK punctuation that NFKC leaves alone, mapped to the ASCII form stored pages tend to use.
_CJK_PUNCT = str.maketrans({"、": ",", "。": ".", "〈": "<", "〉": ">", "《": "<", "》": ">", "【": "[", "】": "]", "…": "..."})


@functools.cache
def _simplified_table() -> dict[int, str]:
    """Traditional → simplified, character by character, from OpenCC's table (its first simplified
    form), so that a quotation written in simplified characters matches an excerpt that a Hong Kong,
    Taiwan or big5-gateway page prints in traditional ones. Phrases (網際網路) are not converted."""
    import opencc  # opencc-python-reimplemented; only its data file is used

    table = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        if len(traditional) == 1 and simplified:
            table[ord(traditional)] = simplified.split()[0]
    return table


def normalize(text: str) -> str:
    """Fold width, case, quote marks, dashes, punctuation style, white space and traditional characters."""
    text = unicodedata.normalize("NFKC", text)  # full-width ， ： （ → , : (
    text = text.translate(_simplified_table())
    text = text.translate(_CJK_PUNCT).translate(_QUOTE_TABLE)
    text = _SPACES.sub(" ", text)
    text = _SPACE_NEAR_CJK.sub("", text)
    return text.strip().casefold()


# An ellipsis or a bracketed insertion inside a quotation marks words left out or added by the editor.
_GAPS = re.compile(r"\s*(?:\.\.\.|…|\[[^\]]*\])\s*")


def quote_fragments(quote: str) -> list[str]:
    """The normalised pieces of a quotation that must appear in the source, in order."""
    pieces = (normalize(part) for part in _GAPS.split(quote))
    return [p.strip(" ,.;:") for p in pieces if p.strip(" ,.;:")]


def contains_quote(haystack: str, quote: str) -> bool:
    """True when every fragment of `quote` occurs in `haystack`, in order (both normalised here)."""
    text = normalize(haystack)
    position = 0
    for fragment in quote_fragments(quote):
        found = text.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True
