"""Structural parity between the English and Chinese versions of each page: the same headings (by
explicit id, in the same order), the same internal links, and the same notes (citations, in order).
Every heading below the title needs an explicit id, so a link to /origin/#keynote and its twin
/zh/origin/#keynote land on the same section. Each page's front matter must be valid YAML.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from scripts.citations.markdown import LineIndex
from scripts.citations.pages import PageSource, front_matter_problem, load_pages
from scripts.citations.registry import load_registry
from scripts.findings import Finding, relpath
from scripts.translation.languages import CHINESE, DEFAULT

_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*$", re.MULTILINE)
_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Item:
    value: str
    line: int


def headings(page: PageSource) -> tuple[list[Item], list[Item]]:
    """(headings with an id, headings without one)."""
    index, with_id, without = LineIndex(page.text), [], []
    for match in _HEADING.finditer(page.masked):
        line = index.position(match.start())[0]
        found = _ID.search(match.group(2))
        (with_id if found else without).append(Item(f"{match.group(1)} #{found.group(1)}" if found else match.group(2), line))
    return with_id, without


def internal_links(page: PageSource) -> list[Item]:
    index = LineIndex(page.text)
    return [Item(m.group(1), index.position(m.start())[0]) for m in _LINK.finditer(page.masked)
            if not re.match(r"^[a-z]+:", m.group(1))]


def notes(page: PageSource, resolve=lambda key: None) -> list[Item]:
    """The page's notes, each as the sources it cites; `resolve` gives the id a kept citation-key names
    (Registry.resolve), so that one version may cite a source by either."""
    return [Item(" + ".join(resolve(key) or key for key in c.keys), c.line) for c in page.citations]


def check(settings) -> list[Finding]:
    pages = load_pages(settings.docs_dir, [DEFAULT.locale, CHINESE.locale])
    registry = load_registry(settings.sources_dir, settings.root)
    out = []
    for locale_pages in pages.values():
        for page in locale_pages.values():
            problem = front_matter_problem(page.text)
            if problem:
                line, column, what = problem
                out.append(Finding(relpath(page.path, settings.root), line, column, "front-matter",
                                   f"the front matter (between the two --- lines) is not valid YAML: {what}; "
                                   "write one `key: value` per line, and quote a value that holds a colon, "
                                   "a bracket or a # (description: \"...\")"))
            for item in headings(page)[1]:
                out.append(Finding(relpath(page.path, settings.root), item.line, 1, "heading-id",
                                   f"heading {item.value!r} has no explicit id; add one, the same in both "
                                   "languages, e.g. {#section-name}"))
    for rel, translated in pages[CHINESE.locale].items():
        original = pages[DEFAULT.locale].get(rel)
        if original is not None:
            out += _compare(original, translated, settings, registry.resolve)
    return out


def _compare(original: PageSource, translated: PageSource, settings, resolve) -> list[Finding]:
    where, other = relpath(translated.path, settings.root), relpath(original.path, settings.root)
    out = []
    for label, get in (("headings", lambda p: headings(p)[0]), ("notes", lambda p: notes(p, resolve))):
        a, b = get(original), get(translated)
        for i, (x, y) in enumerate(zip(a, b)):
            if x.value != y.value:
                out.append(Finding(where, y.line, 1, f"structure-{label}",
                                   f"{label} differ from {other}: item {i + 1} is {y.value!r} here but "
                                   f"{x.value!r} at {other}:{x.line}"))
                break
        else:
            if len(a) != len(b):
                extra, side = (a[len(b)], other) if len(a) > len(b) else (b[len(a)], where)
                out.append(Finding(where, b[-1].line if b else 1, 1, f"structure-{label}",
                                   f"{label} differ from {other}: {len(b)} here, {len(a)} there; first unmatched: "
                                   f"{extra.value!r} at {side}:{extra.line}"))
    links_a, links_b = Counter(i.value for i in internal_links(original)), Counter(i.value for i in internal_links(translated))
    for target in sorted((links_a - links_b) + (links_b - links_a)):
        here = next((i.line for i in internal_links(translated) if i.value == target), 1)
        out.append(Finding(where, here, 1, "structure-links",
                           f"internal link to {target!r} appears {links_b[target]} time(s) here and "
                           f"{links_a[target]} time(s) in {other}; both versions link the same pages"))
    return out
