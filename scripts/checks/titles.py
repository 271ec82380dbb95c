"""Titles in 《》 on Chinese pages and in Chinese data texts must be attested in the source registry.

A title in 《》 tells the reader "this is what the work is called in Chinese". When the Chinese
title was never read, a translator tends to back-translate the English one (《携手构建中非网络空间命运
共同体行动计划（2025-2026）》 from an English-only report), which reads as a quotation of a title that
may not exist. So the text between 《 and 》 must occur in the registry: in a source's Chinese title,
container title or publisher, in an excerpt, or in `title-zh` / `container-title-zh`, our Chinese
name for a work first published in another language (refused for a Chinese author or publisher,
whose own Chinese title must be found and recorded instead). Newspapers named in 《》 (typography's
PUBLICATIONS) and the UN Charter are accepted as they are. Errors carry file, line and column.
"""

from __future__ import annotations

import re

from scripts.citations.chinese_voice import is_chinese_voice
from scripts.citations.markdown import LineIndex, mask
from scripts.citations.pages import load_pages
from scripts.citations.registry import Registry, load_registry
from scripts.content.data import citing_texts
from scripts.findings import Finding, relpath
from scripts.translation.languages import CHINESE
from scripts.checks.textnorm import normalize
from scripts.checks.typography import PUBLICATIONS

TITLE = re.compile(r"《([^《》\n]+)》")
# Titles attested outside the registry: UN treaties whose Chinese text is one of the authentic texts
# (the Charter, Art. 111; the ICCPR, Art. 53), so their Chinese titles are not translations.
# Newspapers named in 《》 are listed in scripts/checks/typography.py.
AUTHENTIC_TITLES = ("联合国宪章", "公民权利和政治权利国际公约")
NATIVE_FIELDS = ("title", "container-title", "publisher", "title-short")
TRANSLATED_FIELDS = ("title-zh", "container-title-zh")


def attested_texts(registry: Registry) -> list[str]:
    """Every registry text a title in 《》 may be taken from, normalised for comparison."""
    texts = []
    for source in registry.sources.values():
        fields = NATIVE_FIELDS + (() if is_chinese_voice(source) else TRANSLATED_FIELDS)
        texts += [source.get(key) for key in fields if source.get(key)]
        texts += [excerpt.text for excerpt in source.excerpts]
    return [normalize(t) for t in texts]


def unattested(text: str, attested: list[str]) -> list[re.Match]:
    """The 《》 titles in `text` (already masked) that no registry text contains; a newspaper's name is
    matched whole (《北京周报》 is attested by the list, 《北京》 is not)."""
    return [m for m in TITLE.finditer(text) if not _attested(normalize(m.group(1)), attested)]


_NAMES = {normalize(name) for name in PUBLICATIONS + AUTHENTIC_TITLES}


def _attested(title: str, attested: list[str]) -> bool:
    return title in _NAMES or any(title in t for t in attested)


def _message(title: str) -> str:
    return (f"《{title}》 is not a title found in the source registry (a Chinese title, excerpt or title-zh); "
            "a title back-translated from English must not be presented as the Chinese title: record a Chinese "
            "source that prints it, or describe the document without 《》")


def translated_title_findings(registry: Registry, settings) -> list[Finding]:
    """title-zh on a Chinese author's or publisher's source would let a back-translated title through."""
    return [Finding(relpath(s.path, settings.root), s.line_of(key), 1, "title-zh-chinese-source",
                    f"'{key}' is for works first published in another language; {s.id} has a Chinese author or "
                    "publisher, so record its own Chinese title (an excerpt of a Chinese source) instead")
            for s in registry.sources.values() if is_chinese_voice(s) for key in TRANSLATED_FIELDS if s.get(key)]


def check(settings) -> list[Finding]:
    registry = load_registry(settings.sources_dir, settings.root)
    attested = attested_texts(registry)
    out = translated_title_findings(registry, settings)
    for page in load_pages(settings.docs_dir, [CHINESE.locale])[CHINESE.locale].values():
        index = LineIndex(page.text)
        for match in unattested(mask(page.text), attested):
            line, col = index.position(match.start())
            out.append(Finding(relpath(page.path, settings.root), line, col, "unattested-title", _message(match.group(1))))
    for item in citing_texts(settings):
        if item.locale == CHINESE.locale:
            out += [Finding(item.path, item.line, 1, "unattested-title", f"{item.field}.zh: {_message(m.group(1))}")
                    for m in unattested(item.text, attested)]
    return out
