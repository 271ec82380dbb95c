"""Figures in a text (numbers, counts, percentages, years, dates), each reduced to comparable tokens.

The same figure written in different ways gives the same token, in either language:
24 August 2021 = August 24, 2021 = 2021-08-24 = 2021年8月24日 -> D:2021-08-24; 14 = fourteen = 十四 -> N:14;
1.2 billion = 12亿 = 1,200,000,000 -> N:1200000000; 11th = 第十一届 -> N:11; 45% = 45 per cent = 百分之四十五
-> N:45. A year is Y:2015, a month M:2015-12, a day without its year MD:12-16.

A figure of a sentence is supported when an excerpt holds it, or a more precise form of it: a year by
any date in that year, a month by any day in it, a day without a year by that day in any year.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation

MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
# "one" is left out: "one of", "no one", "one another" are not figures.
_WORD = r"(?:" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "万": 10**4, "亿": 10**8,
          "万亿": 10**12}
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion)\b|\s*(?:万亿|[万亿])(?![物一众]))?"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_CN = "零〇一二两三四五六七八九十百千万亿"
# A Chinese numeral counts as a figure before a measure word, after 第 or 百分之, or when it is two
# characters or more (十四, 三十六): a lone 一 or 万 is mostly part of a word (统一, 万物).
_CN_MEASURE = "个项届次年月日国名家位条种点大周份篇章岁多余批场轮所款部类方面层倍起原"
_CN_NOT_FIGURES = ("一带一路", "一些", "一起", "一致", "一直", "一道", "一体", "一流", "一切", "一般", "一定",
                   "一系列", "一方面", "进一步", "统一", "唯一", "之一", "万物", "千方百计", "一再", "一同", "一旦",
                   "一边", "一份子", "三亚", "一国", "一是", "二是", "三是", "四是", "五是", "一手", "一方", "一面")

_PATTERNS = [
    # 2021-08-24, 2021-08
    ("iso", re.compile(rf"(?<![\d.]){_YEAR}-(?:0[1-9]|1[0-2])(?:-(?:[0-2]\d|3[01]))?(?![\d])")),
    # 2021年8月24日, 2021年8月, 8月24日, 2021年 (digits or Chinese numerals)
    ("cn-date", re.compile(r"(?:(\d{4}|[〇零一二三四五六七八九]{4})\s*年)?\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                           r"(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]?(?:\s*[至到\-–—]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*)?"
                           r"[日号])?)?")),
    # 24 August 2021, 16 to 18 December 2015, 23–24 November, 24 August
    ("dmy", re.compile(rf"\b({_DAY})(?:\s*(?:[-–—]|to|and)\s*({_DAY}))?\s+({_MONTH})(?:,?\s+({_YEAR}))?\b")),
    # August 24, 2021; August 24-25; August 2021; August 2020 to May 2021
    ("mdy", re.compile(rf"\b({_MONTH})(?:\s+({_DAY})(?:\s*(?:[-–—]|to|and)\s*({_DAY}))?(?!\d))?(?:,?\s+({_YEAR}))?\b")),
    # 45%, 45 per cent, 45 percent; 1.2 billion, 12,000, 12亿
    ("number", re.compile(rf"(?<![A-Za-z0-9_.,/#@])(?<![A-Za-z]-)({_NUMBER})(?:(?:st|nd|rd|th)\b)?({_SCALE})(\s*%|\s*per\s?cent\b)?"
                         r"(?![A-Za-z0-9_])")),
    ("word", re.compile(rf"\b({_WORD})(?:[- ]({_WORD}))?(?:\s+(thousand|million|billion))?\b", re.IGNORECASE)),
    ("cn-percent", re.compile(rf"百分之([{_CN}]+)")),
    ("cn-ordinal", re.compile(rf"第([{_CN}]+)")),
    ("cn-number", re.compile(rf"[{_CN}]+")),
]


@dataclass(frozen=True)
class Figure:
    text: str      # as written
    start: int     # offset in the text searched
    end: int
    tokens: tuple[str, ...]   # what must be found; the figure is supported when any one is


def figures(text: str, in_excerpt: bool = False) -> list[Figure]:
    """Every figure in `text`, left to right, none overlapping. A figure that is part of an earlier
    match (the year of a date, the day of a Chinese date) is not counted again. With `in_excerpt`
    (reading an excerpt, which supports figures rather than stating them), a month named alone ("by
    the end of May", MO:05) and a Chinese ordinal up to 第十 count too: an excerpt's bare month, in the
    year the source was published, supports a sentence's "May 2022"."""
    text = unicodedata.normalize("NFKC", text)
    taken: list[tuple[int, int]] = []
    found: list[Figure] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not match.group(0).strip() or any(s < match.end() and match.start() < e for s, e in taken):
                continue
            for figure in _read(kind, match, text, in_excerpt):
                found.append(figure)
                taken.append((figure.start, figure.end))
    return sorted(found, key=lambda f: f.start)


def _figure(match: re.Match, tokens) -> Figure:
    return Figure(match.group(0).strip(), match.start(), match.end(), tuple(tokens))


def _read(kind: str, m: re.Match, text: str, in_excerpt: bool = False) -> list[Figure]:
    if kind == "iso":
        parts = m.group(0).split("-")
        return [_figure(m, [_date(*map(int, parts))])]
    if kind == "cn-date":
        return _cn_date(m)
    if kind == "dmy":
        day, day2, month, year = m.group(1), m.group(2), MONTHS[m.group(3).rstrip(".").lower()], m.group(4)
        return [_figure(m, [_date(int(year) if year else None, month, int(d))]) for d in (day, day2) if d]
    if kind == "mdy":
        month, day, day2, year = MONTHS[m.group(1).rstrip(".").lower()], m.group(2), m.group(3), m.group(4)
        if m.group(1).rstrip(".") in ("May", "Mar") and not (day or year or in_excerpt):
            return []  # the verb "may", "mar" in a title
        if not (day or year):  # a month alone ("in December") is dated by its sentence's year
            return [_figure(m, [f"MO:{month:02d}"])] if in_excerpt else []
        if not day:
            return [_figure(m, [_date(int(year), month)])]
        return [_figure(m, [_date(int(year) if year else None, month, int(d))]) for d in (day, day2) if d]
    if kind == "number":
        return _number(m, text)
    if kind == "word":
        value = WORDS[m.group(1).lower()] + (WORDS[m.group(2).lower()] if m.group(2) else 0)
        if m.group(3):
            value *= SCALES[m.group(3).lower()]
        return [_figure(m, [f"N:{value}"])]
    if kind == "cn-percent":
        value = cn_value(m.group(1))
        return [_figure(m, [f"N:{_plain(value)}"])] if value is not None else []
    if kind == "cn-ordinal":  # 第二届 is "the second", a word in English; 第十一届 is "the 11th"
        if text[m.end():m.end() + 1] in _CN_LABEL_UNITS:
            return []  # 第十九条, 第三章: a label, as "Article 19" and 第72段 are
        value = cn_value(m.group(1))
        if value is None or (value <= 10 and not in_excerpt):
            return []
        return [_figure(m, [f"N:{_plain(value)}"])]
    if kind == "cn-number":
        return _cn_number(m, text)
    return []


def _date(year: int | None, month: int, day: int | None = None) -> str:
    if year is None:
        return f"MD:{month:02d}-{day:02d}"
    return f"D:{year}-{month:02d}-{day:02d}" if day else f"M:{year}-{month:02d}"


def _cn_date(m: re.Match) -> list[Figure]:
    year, month, day, day2 = m.group(1), m.group(2), m.group(3), m.group(4)
    if not (year or month):
        return []
    to_int = lambda s: int(s) if s.isdigit() else int(cn_value(s) or 0)  # noqa: E731
    y = to_int(year) if year and year.isdigit() else (int("".join(str(CN_DIGITS[c]) for c in year)) if year else None)
    mo = to_int(month) if month else None
    d = to_int(day) if day else None
    if mo is not None and not 1 <= mo <= 12:
        return []
    if mo is None:
        return [_figure(m, [f"Y:{y}"])]
    if d is None:
        return [_figure(m, [_date(y, mo)] if y else [f"MO:{mo:02d}"])]
    days = [d] + ([to_int(day2)] if day2 else [])
    return [_figure(m, [_date(y, mo, n)]) for n in days]


_LABEL = re.compile(r"(?:chapter|section|part|proposal|principle|article|item|no\.|point|para\.|paragraph|"
                    r"table|figure|page|p\.|pp\.)\s*$", re.IGNORECASE)


_CN_LABEL_UNITS = "段条章节款页"
_CN_LABEL = re.compile(rf"第\d+[{_CN_LABEL_UNITS}]")


def _number(m: re.Match, text: str) -> list[Figure]:
    if _LABEL.search(text[max(0, m.start() - 12):m.start()]) or _CN_LABEL.match(text, m.start() - 1):
        return []  # "chapter 3", "proposal 1", 第72段: a label, not a figure
    digits = m.group(1).replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return []
    scale = m.group(2).strip().lower()
    if scale:
        value *= SCALES[scale]
    if not scale and not m.group(3) and re.fullmatch(_YEAR, digits) and not _counted(text, m.end()):
        return [_figure(m, [f"Y:{digits}"])]
    return [_figure(m, [f"N:{_plain(value)}"])]


def _counted(text: str, end: int) -> bool:
    """A four-digit number followed by a noun of counting (2000 participants) is a count, not a year."""
    return bool(re.match(r"\s*(?:[a-z]+\s+)?(?:participants|people|members|delegates|guests|countries|"
                         r"companies|enterprises|attendees|projects|cases|sessions|km|kilometres)\b|\s*[个名位家人余多]",
                         text[end:end + 30]))


def _plain(value: Decimal) -> str:
    value = value.normalize()
    return format(value, "f").rstrip("0").rstrip(".") if "." in format(value, "f") else format(value, "f")


def _cn_number(m: re.Match, text: str) -> list[Figure]:
    run = m.group(0)
    context = text[max(0, m.start() - 3):m.end() + 3]
    if any(word in context and _overlaps(text, m, word) for word in _CN_NOT_FIGURES):
        return []
    after = text[m.end():m.end() + 1]
    if text[m.start() - 1:m.start()] == "第":
        return []  # an ordinal: see cn-ordinal
    if m.start() and text[m.start() - 1] in "数几":
        return []  # 数百万, 几十: a magnitude ("millions", "dozens"), as the English words are not figures
    if len(run) == 1 and (run in "一万亿千百" or after not in _CN_MEASURE):
        return []
    if len(run) >= 2 and all(c in "一万亿千百" for c in run) and after not in _CN_MEASURE:
        return []  # 一万, 千万 as words
    value = cn_value(run)
    return [_figure(m, [f"N:{_plain(value)}"])] if value is not None else []


def _overlaps(text: str, m: re.Match, word: str) -> bool:
    for hit in re.finditer(re.escape(word), text[max(0, m.start() - 4):m.end() + 4]):
        start = max(0, m.start() - 4) + hit.start()
        if start < m.end() and m.start() < start + len(word):
            return True
    return False


def cn_value(run: str) -> Decimal | None:
    """The value of a Chinese numeral (十四 -> 14, 三十六 -> 36, 一百二十 -> 120, 二〇一五 -> 2015)."""
    if all(c in CN_DIGITS for c in run) and len(run) > 1:
        return Decimal("".join(str(CN_DIGITS[c]) for c in run))
    total, section, number = Decimal(0), Decimal(0), Decimal(0)
    for char in run:
        if char in CN_DIGITS:
            number = Decimal(CN_DIGITS[char])
        elif char in ("十", "百", "千"):
            section += (number or 1) * CN_UNITS[char]
            number = Decimal(0)
        elif char in ("万", "亿"):
            total = (total + section + number) * CN_UNITS[char]
            section, number = Decimal(0), Decimal(0)
        else:
            return None
    return total + section + number


def supported(token: str, available: set[str]) -> bool:
    """True when `available` (the tokens of the excerpts) holds the token or a more precise form of it."""
    if token in available:
        return True
    kind, _, value = token.partition(":")
    if kind == "Y":
        return any(t.startswith((f"M:{value}-", f"D:{value}-")) for t in available) or f"N:{value}" in available
    if kind == "M":
        return any(t.startswith(f"D:{value}-") for t in available)
    if kind == "MD":
        return any(t.startswith("D:") and t.endswith(f"-{value}") for t in available)
    if kind == "MO":
        return any(re.match(rf"(?:M:\d{{4}}-|D:\d{{4}}-|MD:){value}\b", t) for t in available)
    return False


@lru_cache(maxsize=8192)  # an excerpt is read for every sentence that cites its source, on every page
def tokens(text: str) -> frozenset[str]:
    """The tokens of every figure in `text`, and the year of each date (an excerpt that dates an event
    to 24 August 2021 supports "in 2021" and "August 2021")."""
    out: set[str] = set()
    for figure in figures(text, in_excerpt=True):
        for token in figure.tokens:
            out.add(token)
            if token.startswith("Y:"):
                out.add("N:" + token[2:])
    return frozenset(out)
