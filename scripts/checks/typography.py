"""Typography of the Chinese pages, by the convention of mainland news and government publishing:

- full-width punctuation inside Chinese sentences: ，。；：？！（） (not , . ; : ? ! ( ) next to hanzi);
- one quotation-mark style: “ ” (nested ‘ ’), not straight quotes or corner brackets 「」『』;
- no space between Chinese characters and Latin letters or digits (5G基站, 2015年, ITU项目);
- “一带一路” always in quotation marks, as official texts print it;
- no italics on Chinese text (browsers fake the slant of hanzi): “ ” for a word mentioned, bold for stress;
- ordinal sessions in Chinese numerals: 第十一届, not 第11届;
- no 顿号 between consecutive quoted items or titles (GB/T 15834-2011): “发展”“安全”, 《甲》《乙》;
- publication names in 《》 when they name the paper: 《人民日报》, 《中国日报》 (not 人民日报社, 中国日报网).

Code, URLs, link targets, HTML tags, attribute lists ({#id}) and citations are not checked.
"""

from __future__ import annotations

import re

from scripts.citations.markdown import LineIndex, mask
from scripts.citations.pages import load_pages
from scripts.content.data import citing_texts
from scripts.findings import Finding, relpath
from scripts.translation.languages import CHINESE

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
FULL_WIDTH = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# Newspapers and periodicals whose Chinese names take 《》; the title check accepts them too.
PUBLICATIONS = ("人民日报", "中国日报", "光明日报", "经济日报", "解放军报", "环球时报", "新民晚报", "北京周报",
                "上海日报", "南华早报", "求是")
# A publication name that is part of an organisation's or a website's name (人民日报社, 中国日报网) is not the paper.
_PUBLICATION = re.compile(rf"(?<!《)(?:{'|'.join(PUBLICATIONS)})(?![》社网])")
_EMPHASIS = re.compile(r"(?<!\*)\*(?![*\s])[^*\n]*?(?<![*\s])\*(?!\*)|(?<![_\w])_(?![_\s])[^_\n]*?(?<![_\s])_(?![_\w])")


class _ItalicHan:
    """Single-* or _ emphasis spans that hold hanzi. Spans are paired left to right first, so the
    hanzi between two italic English titles (*Asia Policy*）……（*The China Quarterly*) are not one span."""

    def finditer(self, text: str):
        return (m for m in _EMPHASIS.finditer(text) if re.search(f"[{HAN}]", m.group(0)))


RULES = [
    ("half-width-punctuation", re.compile(rf"(?<=[{HAN}])[,;:?!]|[,;:?!](?=[{HAN}])|(?<=[{HAN}])\.(?![\w.])"),
     "half-width {found!r} next to Chinese text; write {fix!r}"),
    ("half-width-parenthesis", re.compile(rf"\((?=[^)\n]*[{HAN}])|(?<=[{HAN}])\)|(?<=[{HAN}])\("),
     "half-width {found!r} around Chinese text; write {fix!r}"),
    ("quotation-marks", re.compile(rf"[「」『』]|\"(?=[^\"\n]*[{HAN}])"),
     "write Chinese quotations with “ ” (nested ‘ ’), not {found!r}"),
    ("cjk-latin-space", re.compile(rf"(?<=[{HAN}]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=[{HAN}])"),
     "no space between Chinese and Latin letters or digits (e.g. 5G基站, 2015年)"),
    ("belt-and-road-quotes", re.compile(r"(?<!“)一带一路|一带一路(?!”)"),
     "write “一带一路” with its quotation marks, as official texts do"),
    ("italic-hanzi", _ItalicHan(),
     "no italics on Chinese text (the slant is faked); use “ ” for a word mentioned, or **bold** for stress"),
    ("ordinal-numerals", re.compile(r"第\d+届"),
     "write the session in Chinese numerals ({found!r} → {fix!r})"),
    ("enumeration-comma", re.compile(r"[”》]、[“《]"),
     "no 顿号 between consecutive quoted items or titles (GB/T 15834-2011): write {fix!r}"),
    ("publication-title", _PUBLICATION,
     "put the newspaper's name in 《》: {fix!r}"),
]
# Markup whose text is not prose: link targets, URLs, HTML tags, {#id} lists, citations, table rules,
# and admonition markers (!!! note "标题", whose quotes are Markdown syntax).
_NOT_PROSE = re.compile(r"\]\([^)]*\)|<[^>\n]+>|https?://\S+|\{[#:.][^}\n]*\}|\[-?@[^\]\n]*\]"
                        r"|^\|?[\s:|-]+\|[\s:|-]*$|^[ \t]*(?:!!!|\?\?\?\+?)[^\n]*$", re.MULTILINE)


def chinese_numeral(n: int) -> str:
    """11 → 十一, 20 → 二十, 105 → 一百零五 (ordinals of sessions and congresses)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    return digits[n // 100] + "百" + ("" if not rest else ("零" + digits[rest] if rest < 10 else
                                                          ("一" if rest < 20 else "") + chinese_numeral(rest)))


def _fix(code: str, found: str) -> str:
    if code == "ordinal-numerals":
        return f"第{chinese_numeral(int(found[1:-1]))}届"
    if code == "enumeration-comma":
        return found.replace("、", "")
    if code == "publication-title":
        return f"《{found}》"
    return FULL_WIDTH.get(found.strip(), "")


def prose_only(text: str) -> str:
    """The page with code and markup blanked out (same length), so that offsets stay true."""
    return _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), mask(text))


def find_problems(text: str) -> list[tuple[int, str, str]]:
    prose = prose_only(text)
    out = []
    for code, pattern, message in RULES:
        for match in pattern.finditer(prose):
            found = match.group(0)
            out.append((match.start(), code, message.format(found=found, fix=_fix(code, found))))
    return sorted(out)


def check(settings) -> list[Finding]:
    out = []
    for page in load_pages(settings.docs_dir, [CHINESE.locale])[CHINESE.locale].values():
        index = LineIndex(page.text)
        rel = relpath(page.path, settings.root)
        for offset, code, message in find_problems(page.text):
            line, col = index.position(offset)
            out.append(Finding(rel, line, col, code, message))
    for item in citing_texts(settings):  # timeline and glossary texts in Chinese
        if item.locale == CHINESE.locale:
            out += [Finding(item.path, item.line, 1, code, f"{item.field}.zh: {message}")
                    for _, code, message in find_problems(item.text)]
    return out
