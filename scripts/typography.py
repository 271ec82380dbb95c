"""Typography of the Chinese pages, by the convention of mainland news and government publishing:

- full-width punctuation inside Chinese sentences: ，。；：？！（） (not , . ; : ? ! ( ) next to hanzi);
- one quotation-mark style: “ ” (nested ‘ ’), not straight quotes or corner brackets 「」『』;
- no space between Chinese characters and Latin letters or digits (5G基站, 2015年, ITU项目).

Code, URLs, link targets, HTML tags, attribute lists ({#id}) and citations are not checked.
"""

from __future__ import annotations

import re

from scripts.citations.markdown import LineIndex, mask
from scripts.citations.pages import load_pages
from scripts.findings import Finding, relpath
from scripts.languages import CHINESE

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
FULL_WIDTH = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
RULES = [
    ("half-width-punctuation", re.compile(rf"(?<=[{HAN}])[,;:?!]|[,;:?!](?=[{HAN}])|(?<=[{HAN}])\.(?![\w.])"),
     "half-width {found!r} next to Chinese text; write {fix!r}"),
    ("half-width-parenthesis", re.compile(rf"\((?=[^)\n]*[{HAN}])|(?<=[{HAN}])\)|(?<=[{HAN}])\("),
     "half-width {found!r} around Chinese text; write {fix!r}"),
    ("quotation-marks", re.compile(rf"[「」『』]|\"(?=[^\"\n]*[{HAN}])"),
     "write Chinese quotations with “ ” (nested ‘ ’), not {found!r}"),
    ("cjk-latin-space", re.compile(rf"(?<=[{HAN}]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=[{HAN}])"),
     "no space between Chinese and Latin letters or digits (e.g. 5G基站, 2015年)"),
]
# Markup whose text is not prose: link targets, URLs, HTML tags, {#id} lists, citations, table rules,
# and admonition markers (!!! note "标题", whose quotes are Markdown syntax).
_NOT_PROSE = re.compile(r"\]\([^)]*\)|<[^>\n]+>|https?://\S+|\{[#:.][^}\n]*\}|\[-?@[^\]\n]*\]"
                        r"|^\|?[\s:|-]+\|[\s:|-]*$|^[ \t]*(?:!!!|\?\?\?\+?)[^\n]*$", re.MULTILINE)


def prose_only(text: str) -> str:
    """The page with code and markup blanked out (same length), so that offsets stay true."""
    return _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), mask(text))


def find_problems(text: str) -> list[tuple[int, str, str]]:
    prose = prose_only(text)
    out = []
    for code, pattern, message in RULES:
        for match in pattern.finditer(prose):
            found = match.group(0)
            out.append((match.start(), code, message.format(found=found, fix=FULL_WIDTH.get(found.strip(), ""))))
    return sorted(out)


def check(settings) -> list[Finding]:
    out = []
    for page in load_pages(settings.docs_dir, [CHINESE.locale])[CHINESE.locale].values():
        index = LineIndex(page.text)
        rel = relpath(page.path, settings.root)
        for offset, code, message in find_problems(page.text):
            line, col = index.position(offset)
            out.append(Finding(rel, line, col, code, message))
    return out
