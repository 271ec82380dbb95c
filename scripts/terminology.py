"""Term base: the canonical mainland Chinese form of each glossary term, and the variants to avoid
(literal renderings, Taiwanese or traditional forms), drawn from data/glossary/*.yml.

The check flags a variant in a Chinese page (or a Chinese data text) with file, line and the
canonical form. A variant inside quotation marks is a mention, not a use (e.g. when a page explains
that a commentary wrote 数位丝绸之路), and is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.citations.markdown import LineIndex, find_quotations, mask
from scripts.citations.pages import load_pages
from scripts.content_data import load_glossary
from scripts.findings import Finding, relpath
from scripts.languages import CHINESE


@dataclass(frozen=True)
class Variant:
    text: str
    canonical: str
    entry: str


def term_base(settings) -> list[Variant]:
    entries, _ = load_glossary(settings)
    variants = [Variant(str(v), str(e.data.get("hanzi", "")), e.id) for e in entries for v in e.data.get("avoid") or []]
    return sorted(variants, key=lambda v: len(v.text), reverse=True)


def find_variants(text: str, variants: list[Variant]) -> list[tuple[int, Variant]]:
    """(offset, variant) for each variant used outside code and quotations."""
    masked = mask(text)
    quoted = [(q.start, q.end) for q in find_quotations(masked)]
    found, taken = [], set()
    for variant in variants:
        start = masked.find(variant.text)
        while start >= 0:
            span = range(start, start + len(variant.text))
            if not any(a <= start < b for a, b in quoted) and not taken.intersection(span):
                found.append((start, variant))
                taken.update(span)
            start = masked.find(variant.text, start + 1)
    return sorted(found, key=lambda item: item[0])


def check(settings) -> list[Finding]:
    variants = term_base(settings)
    out = []
    for page in load_pages(settings.docs_dir, [CHINESE.locale])[CHINESE.locale].values():
        index = LineIndex(page.text)
        for offset, variant in find_variants(page.text, variants):
            line, col = index.position(offset)
            out.append(Finding(relpath(page.path, settings.root), line, col, "terminology",
                               f"{variant.text!r} is not the mainland form; write {variant.canonical!r} "
                               f"(glossary entry {variant.entry})"))
    return out
