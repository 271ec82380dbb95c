"""Term base: the canonical mainland Chinese form of each glossary term, and the variants to avoid
(literal renderings, Taiwanese or traditional forms), drawn from data/glossary/*.yml.

The check flags a variant in a Chinese page or in a Chinese timeline or glossary text with file, line
and the canonical form. A variant inside quotation marks is a mention, not a use (e.g. when a page
explains that a commentary wrote 数位丝绸之路), and is allowed.

It also flags 北京 as the subject of a verb standing for the Chinese government (北京认为, 北京试图):
foreign-media shorthand that a mainland explainer does not use; name the actor (中国政府, 外交部).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.citations.markdown import LineIndex, find_quotations, mask
from scripts.citations.pages import load_pages
from scripts.content.data import citing_texts, load_glossary
from scripts.findings import Finding, relpath
from scripts.translation.languages import CHINESE


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


# 北京 followed by a verb of intent or policy: the capital standing for the government.
BEIJING_AS_ACTOR = re.compile(r"北京(?:方面|当局)|北京(?=(?:一直|始终|也|则|便|还|又)?(?:认为|希望|试图|主张|强调|声称|坚持|"
                              r"围绕|寻求|推动|推广|利用|拒绝|否认|回应|表示|批评|指责|反对|支持|打算|意在|力图|致力|影响|借此|所)"
                              r"|的(?:现实诉求|诉求|立场|意图|努力|目标|做法|主张|战略))")


def _variant_message(variant: Variant) -> str:
    return f"{variant.text!r} is not the mainland form; write {variant.canonical!r} (glossary entry {variant.entry})"


def _beijing_message(found: str) -> str:
    return (f"{found!r}: 北京 standing for the government reads as foreign-media prose; name the actor "
            "(中国政府, 中方, 外交部 …)")


def find_problems(text: str, variants: list[Variant]) -> list[tuple[int, str]]:
    """(offset, message) for each variant to avoid and each 北京 used for the government, outside
    code and quotations."""
    out = [(offset, _variant_message(v)) for offset, v in find_variants(text, variants)]
    masked = mask(text)
    quoted = [(q.start, q.end) for q in find_quotations(masked)]
    out += [(m.start(), _beijing_message(m.group(0))) for m in BEIJING_AS_ACTOR.finditer(masked)
            if not any(a <= m.start() < b for a, b in quoted)]
    return sorted(out)


def check(settings) -> list[Finding]:
    variants = term_base(settings)
    out = []
    for page in load_pages(settings.docs_dir, [CHINESE.locale])[CHINESE.locale].values():
        index = LineIndex(page.text)
        for offset, message in find_problems(page.text, variants):
            line, col = index.position(offset)
            out.append(Finding(relpath(page.path, settings.root), line, col, "terminology", message))
    for item in citing_texts(settings):
        if item.locale == CHINESE.locale:
            out += [Finding(item.path, item.line, 1, "terminology", f"{item.field}.zh: {message}")
                    for _, message in find_problems(item.text, variants)]
    return out
