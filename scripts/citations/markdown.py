"""Find citations, quotations and prose units in a page's Markdown, with line and column.

Citations use Pandoc's syntax: `[@key]`, `[@key, p. 5]`, `[@a; @b]`. They are not citations inside
fenced or inline code, HTML comments, after a backslash (`\\[@key]`), or when the brackets are a link
(`[@name](url)`) or a reference/footnote definition. An e-mail address is never one: the `@` must
follow the opening bracket.

Work happens on a *masked* copy of the text, the same length, with code, comments and front matter
blanked out, so offsets found there are offsets in the original file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

KEY = r"\w[\w:.#$%&+?<>~/-]*"  # Pandoc's: a letter (any script), digit or _ first
_PART = re.compile(rf"^\s*(-?)@({KEY})\s*(?:,\s*(.*?))?\s*$", re.DOTALL)
# "[" not after a backslash. The bracket comes first so that the regex engine can skip to each "[":
# with the look-behind first it tried every position, and took ten times as long.
_OPEN = re.compile(r"\[(?<!\\\[)(?=\s*-?@)")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})", re.MULTILINE)
_INLINE_CODE = re.compile(r"(?<!\\)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class CiteItem:
    key: str
    locator: str = ""
    suppress_author: bool = False


@dataclass(frozen=True)
class Citation:
    items: tuple[CiteItem, ...]
    start: int  # offset of "[" in the text
    end: int    # offset just past "]"
    line: int
    col: int

    @property
    def keys(self) -> list[str]:
        return [item.key for item in self.items]


@dataclass(frozen=True)
class Malformed:
    text: str
    line: int
    col: int
    reason: str


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask(text: str) -> str:
    """Blank out front matter, fenced code, HTML comments and inline code, keeping offsets and lines.

    Each pattern is tried only if the text holds what it must start with: tried at every position of
    a page, the patterns took as long as finding the citations.
    """
    if text.startswith("---"):
        text = _FRONT_MATTER.sub(_blank, text, count=1)
    if "```" in text or "~~~" in text:
        text = _mask_fences(text)
    if "<!--" in text:
        text = _COMMENT.sub(_blank, text)
    if "`" in text:
        text = _INLINE_CODE.sub(_blank, text)
    return text


def _mask_fences(text: str) -> str:
    out = []
    pos = 0
    while True:
        opening = _FENCE.search(text, pos)
        if not opening:
            break
        marker = opening.group(2)
        line_end = text.find("\n", opening.end())
        info = text[opening.end():line_end if line_end >= 0 else len(text)]
        if marker[0] == "`" and "`" in info:
            # CommonMark: a backtick fence's info string has no backtick, so this is inline code.
            out.append(text[pos:opening.end()])
            pos = opening.end()
            continue
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}\s*$", re.MULTILINE)
        close = closing.search(text, line_end + 1) if line_end >= 0 else None
        end = close.end() if close else len(text)
        out.append(text[pos:opening.start()])
        out.append(re.sub(r"[^\n]", " ", text[opening.start():end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


_NEWLINE = re.compile("\n")


class LineIndex:
    """Offset -> (line, column), both 1-based."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def find_citations(text: str, masked: str | None = None) -> tuple[list[Citation], list[Malformed]]:
    """All citations in `text`, in order, and bracket groups that look like citations but are not valid.

    `masked` is mask(text), for a caller that has it already; without it the result is remembered for
    the last few texts, since two build hooks ask about each page's Markdown in turn.
    """
    if masked is None:
        citations, malformed = _recent_citations(text)
        return list(citations), list(malformed)
    return _find_citations(text, masked)


@lru_cache(maxsize=8)
def _recent_citations(text: str) -> tuple[tuple[Citation, ...], tuple[Malformed, ...]]:
    citations, malformed = _find_citations(text, mask(text))
    return tuple(citations), tuple(malformed)


def _find_citations(text: str, masked: str) -> tuple[list[Citation], list[Malformed]]:
    index = LineIndex(text)
    citations, malformed = [], []
    for opening in _OPEN.finditer(masked):
        start = opening.start()
        close = masked.find("]", start)
        newline_para = masked.find("\n\n", start)
        if close < 0 or (0 <= newline_para < close):
            line, col = index.position(start)
            malformed.append(Malformed(masked[start:start + 40].split("\n")[0], line, col, "no closing ']'"))
            continue
        after = masked[close + 1:close + 2]
        if after in ("(", "[") or (after == ":" and _at_line_start(masked, start)):
            continue  # a link or a reference definition, not a citation
        body = masked[start + 1:close]
        items, reason = _parse_items(body)
        line, col = index.position(start)
        if items is None:
            malformed.append(Malformed(masked[start:close + 1], line, col, reason))
            continue
        citations.append(Citation(tuple(items), start, close + 1, line, col))
    return citations, malformed


def _at_line_start(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return text[line_start:offset].strip() == ""


def _parse_items(body: str) -> tuple[list[CiteItem] | None, str]:
    items = []
    for part in body.split(";"):
        match = _PART.match(part)
        if not match:
            return None, f"{part.strip()!r} is not '@key' or '@key, locator'"
        suppress, key, locator = match.groups()
        key = key.rstrip(".:")  # as Pandoc does: trailing punctuation is not part of the key
        items.append(CiteItem(key, (locator or "").strip(), suppress == "-"))
    return items, ""


# Prose units: paragraphs, list items, block quotes and table rows -----------------------------------

@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    line: int
    kind: str  # paragraph, item, row
    text: str  # the unit's masked text


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$")
_EXEMPT_LINE = re.compile(
    r"^\s*(?:<[A-Za-z/!]|\{:|\*\[|\[\^[^\]]+\]:|\[[^\]]+\]:\s|!!!|\?\?\?|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$)"
)


def prose_units(masked: str) -> list[Unit]:
    """Split masked Markdown into the units that coverage counts.

    Exempt and therefore not returned: headings, code (already masked), raw HTML lines, admonition
    and details markers (their indented content is counted), footnote, link and abbreviation
    definitions, attribute lists, rules, and a table's header and separator rows.
    """
    units: list[Unit] = []
    lines = masked.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    current: list[int] = []
    kind = "paragraph"

    def flush():
        nonlocal current
        if current:
            start, end = offsets[current[0]], offsets[current[-1]] + len(lines[current[-1]])
            units.append(Unit(start, end, current[0] + 1, kind, masked[start:end]))
        current = []

    in_table = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            flush()
            in_table = False
            continue
        if stripped.startswith("|"):
            flush()
            if not in_table:
                in_table = True  # the header row
                continue
            if _TABLE_SEPARATOR.match(line):
                continue
            kind = "row"
            current = [i]
            flush()
            continue
        if _HEADING.match(line) or _EXEMPT_LINE.match(line):
            flush()
            continue
        if _LIST_ITEM.match(line):
            flush()
            kind = "item"
            current = [i]
            continue
        if not current:
            kind = "paragraph"
        current.append(i)
    flush()
    return units


_LINK_ONLY = re.compile(
    r"^[\s\-*+\d.)>]*"                       # list marker
    r"(?:[^\[\]()\n]{1,20}[:：]\s*)?"          # an optional short label, e.g. "Regions:" or "地区："
    r"(?:\[[^\]]*\]\([^)]*\)(?:[\s,;.:、，。–—-]|\band\b|以及|和|及)*)+$"   # links and separators
)


def is_navigation(unit_text: str) -> bool:
    """A unit that is only links (a "read next" list, possibly with a short label) makes no claim."""
    return bool(_LINK_ONLY.match(unit_text.strip()))


# Quotations ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quotation:
    text: str
    start: int
    end: int


_QUOTES = re.compile(r"“([^”]+)”|「([^」]+)」|『([^』]+)』|(?<![\w=])\"([^\"\n]+)\"(?!\w)")
_TAGS_AND_ATTRS = re.compile(r"<[^>\n]+>|\{[:#.][^}\n]*\}|\{\s*[\w-]+=[^}\n]*\}")


# Names whose quotation marks are part of the official form (“一带一路”): not quotations of a source.
NAMES_IN_QUOTATION_MARKS = frozenset({"一带一路"})


def find_quotations(masked: str, start: int = 0, end: int | None = None) -> list[Quotation]:
    """Text in double quotation marks (“…”, "…", 「…」, 『…』) between start and end, except names
    that are always written in quotation marks (NAMES_IN_QUOTATION_MARKS)."""
    region = masked[start:end]
    region = _TAGS_AND_ATTRS.sub(lambda m: " " * len(m.group(0)), region)
    found = []
    for match in _QUOTES.finditer(region):
        text = next(g for g in match.groups() if g is not None)
        if text not in NAMES_IN_QUOTATION_MARKS:
            found.append(Quotation(text, start + match.start(), start + match.end()))
    return found
