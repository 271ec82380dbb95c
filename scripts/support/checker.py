"""Sentence-level support: does each note support the sentence it sits on?

For every sentence of a page, and of a timeline or glossary text, that carries a citation:
- figures: each number, count, percentage, year and date (scripts/support/figures.py) must be in one
  of the sentence's cited excerpts or their recorded translations, unless the sentence derives it
  with a `{calc: ...}` marker (scripts/support/derived.py);
- names: each actor of data/actors.yml named in the sentence must be named in one of its cited
  excerpts or in the cited source's author, publisher, container or title.
And placement: in a paragraph that carries notes, a sentence with figures or names and no note of its
own is reported, since a note group supports only the sentence it ends.

A sentence is split off at . ! ? (English) or 。！？ (Chinese) and, in a table, is one row. Citations
sit before the full stop, so they belong to the sentence they end.

Findings are errors for the languages in ERROR_LOCALES and warnings for the others, so that a
language whose pages are not yet clean can be worked on without failing every build; add a locale
once its pages reach 100 %.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC


from scripts.citations.markdown import Citation, LineIndex, prose_units
from scripts.citations.pages import PageSource, load_pages
from scripts.citations.registry import Registry, Source, load_registry
from scripts.content.data import CitingText, citing_texts
from scripts.findings import ERROR, WARNING, Finding, relpath
from scripts.translation.languages import LANGUAGES
from scripts.project import Settings
from scripts.support import derived, figures
from scripts.support.names import Actor, load_actors, named

ERROR_LOCALES = {"en", "zh"}   # both at 100 % since 6 December 2026
_T2S = OpenCC("t2s")

_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "no", "st", "jan", "feb", "mar", "apr",
                  "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "p", "pp", "para",
                  "ch", "sec", "fig", "al", "cf", "inc", "ltd", "co", "jr", "vol"}
_EN_END = re.compile(r"[.!?][\"”’)\]*_]*(?=\s+[\"“‘(*_\[]*[A-Z0-9\u3400-\u9fff])")
_ZH_END = re.compile(r"[。！？][”’」』）)]*")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_HTML_TAG = re.compile(r"<[^>\n]+>")
_ATTRIBUTES = re.compile(r"\{[:#.][^}\n]*\}|\{\s*[\w-]+=[^}\n]*\}")
_SHORT_LABEL = re.compile(r"^[\s|*_\-+>\d.)]*$")
_LIST_MARKER = re.compile(r"^(\s*)(\d+[.)])(?=\s)", re.MULTILINE)
_BOLD_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?\*\*[^*]+\*\*\s*$")
_ROW_NUMBER = re.compile(r"^(\s*\|\s*)(\d{1,2})(?=\s*\|)", re.MULTILINE)  # a table's "No." column


@dataclass
class Sentence:
    start: int                     # offset in the page
    end: int
    text: str                      # the page's text with citations, link targets and tags blanked
    citations: list[Citation]
    unit: int                      # which prose unit (paragraph, item, row) of the page


@dataclass
class Stats:
    cited_sentences: int = 0
    figures_checked: int = 0
    figures_supported: int = 0
    names_checked: int = 0
    names_supported: int = 0
    placement: int = 0
    by_publication_year: int = 0   # dates supported only by a cited source's date of publication

    def line(self, locale: str) -> str:
        def share(n: int, d: int) -> str:
            return f"{n}/{d} ({n / d:.1%})" if d else "0/0 (100%)"
        return (f"support [{locale}]: {self.cited_sentences} cited sentences; figures supported "
                f"{share(self.figures_supported, self.figures_checked)} ({self.by_publication_year} dates "
                f"only by a cited source's date of publication); names supported "
                f"{share(self.names_supported, self.names_checked)}; {self.placement} sentence(s) "
                f"with figures or names but no note of their own")


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, Stats] = field(default_factory=dict)


def check(settings: Settings) -> list[Finding]:
    return analyse(settings).findings


# What the support check reads: the pages, the data (sources, actors, timeline, glossary), the
# settings, and its own code (with the code it uses).
INPUTS = ["docs/**/*.md", "data/**/*.yml", "pyproject.toml", "scripts/**/*.py"]


def findings_for_build(lines) -> list[dict]:
    """Every finding of `check`, as dicts: what the site's build runs in a second process beside
    itself (scripts/site/beside.py; its input, `lines`, is empty). Kept in .cache/build/ for a
    project whose inputs have not changed (scripts/site/build_cache.py)."""
    from dataclasses import asdict

    from scripts.project import settings
    from scripts.site import build_cache

    project = settings()
    key = build_cache.files_digest(project.root, INPUTS)
    cached = build_cache.load("support")
    if cached.get("key") == key:
        return cached["findings"]
    findings = [asdict(finding) for finding in check(project)]
    build_cache.save("support", {"key": key, "findings": findings})
    return findings


def analyse(settings: Settings) -> Result:
    registry = load_registry(settings.sources_dir, settings.root)
    actors, findings = load_actors(settings.root)
    result = Result(list(findings))
    pages = load_pages(settings.docs_dir, [lang.locale for lang in LANGUAGES])
    for locale, locale_pages in pages.items():
        stats = result.stats.setdefault(locale, Stats())
        for page in locale_pages.values():
            result.findings += check_page(page, registry, actors, relpath(page.path, settings.root), stats)
    for item in citing_texts(settings):
        stats = result.stats.setdefault(item.locale, Stats())
        result.findings += check_data_text(item, registry, actors, stats)
    return result


def check_data_text(item: CitingText, registry: Registry, actors: list[Actor], stats: Stats) -> list[Finding]:
    """A timeline or glossary text, checked like a paragraph; findings point at its field in the file."""
    page = PageSource(Path(item.path), item.locale, item.path, item.text)
    return [Finding(item.path, item.line + f.line - 1, 1, f.code, f"{item.field}.{item.locale}: {f.message}", f.severity)
            for f in check_page(page, registry, actors, item.path, stats)]


def summary_lines(settings: Settings) -> list[str]:
    return [stats.line(locale) for locale, stats in analyse(settings).stats.items()]


def sentences(page: PageSource) -> list[Sentence]:
    """The page's sentences in prose units (paragraphs, list items, table rows), with their citations."""
    clean = _blank_markup(page.masked, page.citations)
    out = []
    for number, unit in enumerate(prose_units(page.masked)):
        cited = [c for c in page.citations if unit.start <= c.start < unit.end]
        if unit.kind == "row":
            spans = [(unit.start, unit.end)]
        else:
            spans = _split(clean, unit.start, unit.end)
        for start, end in spans:
            if _SHORT_LABEL.match(clean[start:end]):
                continue
            out.append(Sentence(start, end, clean[start:end], [c for c in cited if start <= c.start < end], number))
    return out


def _blank_markup(masked: str, citations: list[Citation]) -> str:
    """The masked page with citations, link targets, HTML tags and attribute lists blanked (same length)."""
    chars = list(masked)
    for citation in citations:
        chars[citation.start:citation.end] = " " * (citation.end - citation.start)
    text = "".join(chars)
    for marker in (_LIST_MARKER, _ROW_NUMBER):
        text = marker.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    for pattern in (_LINK_TARGET, _HTML_TAG, _ATTRIBUTES):
        text = pattern.sub(lambda m: "]" + " " * (len(m.group(0)) - 1) if m.group(0).startswith("]") else
                           " " * len(m.group(0)), text)
    return text


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    region = text[start:end]
    ends = [m.end() for m in _ZH_END.finditer(region)]
    for match in _EN_END.finditer(region):
        word = re.search(r"([\w.]+)$", region[:match.start()])
        if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        ends.append(match.end())
    for cut in sorted(set(ends)):
        spans.append((begin, start + cut))
        begin = start + cut
    if text[begin:end].strip():
        spans.append((begin, end))
    spans = [(s, e) for s, e in spans if text[s:e].strip()]
    merged: list[tuple[int, int]] = []
    for span in spans:  # a bold lead-in ("**2015.** Medvedev said ...") belongs to what follows
        if merged and _BOLD_LABEL.match(text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def check_page(page: PageSource, registry: Registry, actors: list[Actor], rel: str,
               stats: Stats | None = None) -> list[Finding]:
    stats = stats if stats is not None else Stats()
    severity = ERROR if page.locale in ERROR_LOCALES else WARNING
    index = LineIndex(page.text)
    out: list[Finding] = []

    def report(offset: int, code: str, message: str):
        line, col = index.position(offset)
        out.append(Finding(rel, line, col, code, message, severity))

    all_sentences = sentences(page)
    cited_units = {s.unit for s in all_sentences if s.citations}
    for sentence in all_sentences:
        marks = derived.find(sentence.text)
        checked_text = _without(sentence.text, marks)
        found_figures = figures.figures(checked_text)
        found_names = named(actors, sentence.text)
        if not sentence.citations:
            if sentence.unit in cited_units and (found_figures or found_names):
                stats.placement += 1
                what = ", ".join([f.text for f in found_figures[:3]] + [m.group(0) for _, m in found_names[:3]])
                report(sentence.start + _lead(sentence.text), "support-placement",
                       f"this sentence states {what} but carries no note: a note supports only the sentence it "
                       "ends, so cite the source that supports this one here")
            continue
        keys = [k for c in sentence.citations for k in c.keys]
        if any(k not in registry for k in keys):
            continue  # the citation checker reports the unknown key; support is judged once it is fixed
        stats.cited_sentences += 1
        sources = [registry[k] for k in keys]
        available = set().union(*(figures.tokens(t) for s in sources for t in excerpt_texts(s))) if sources else set()
        published = {token for s in sources for token in _publication(s)}
        results = set()
        for mark in marks:
            if mark.problem:
                report(sentence.start + mark.start, "derived-figure", f"{{calc: ...}}: {mark.problem}")
            else:
                results |= figures.tokens(mark.result) | {f"N:{mark.result.replace(',', '').rstrip('%')}"}
        for figure, parts in _distinct(found_figures):
            stats.figures_checked += 1
            if all(any(figures.supported(t, available | results) for t in tokens) for tokens in parts):
                stats.figures_supported += 1
                continue
            if all(len(tokens) == 1 and _dated(tokens[0], published, available) for tokens in parts):
                stats.figures_supported += 1
                stats.by_publication_year += 1
                continue
            report(sentence.start + figure.start, "unsupported-figure",
                   f"the figure {figure.text!r} is in none of the cited excerpts ({', '.join(s.id for s in sources)}); "
                   "add the passage that states it to the source's 'excerpts', cite a source that does, or mark a "
                   "figure you worked out with {calc: ...}")
        for actor, match in found_names:
            stats.names_checked += 1
            if any(actor.found_in(text) for s in sources for text in name_texts(s)):
                stats.names_supported += 1
                continue
            report(sentence.start + match.start(), "unsupported-name",
                   f"{match.group(0)!r} is named in none of the cited excerpts and is not the author, publisher or "
                   f"title of {', '.join(s.id for s in sources)}; cite a source that names it or add the passage")
    return out


def _distinct(found: list[figures.Figure]) -> list[tuple[figures.Figure, list[tuple[str, ...]]]]:
    """Figures grouped by where they are written, each with the tokens of its parts: "16 to 18 December
    2015" is one figure of two days, supported when both are."""
    groups: dict[tuple[int, int], tuple[figures.Figure, list[tuple[str, ...]]]] = {}
    for figure in found:
        groups.setdefault((figure.start, figure.end), (figure, []))[1].append(figure.tokens)
    return list(groups.values())


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _without(text: str, marks: list[derived.Derived]) -> str:
    """The sentence with each marker's result blanked: the operands are checked like any figure."""
    chars = list(text)
    for mark in marks:
        body = text[mark.start:mark.end]
        cut = body.rfind("=")
        chars[mark.start + cut:mark.end] = " " * (mark.end - mark.start - cut)
    return "".join(chars)


def _dated(token: str, published: set[str], available: set[str]) -> bool:
    """A date of publication; a month that an excerpt names alone ("by the end of May") in the year
    the source was published; a day that an excerpt gives without its year ("on December 16")
    in the year the source was published; or a day it gives as a bare number ("held on 14", "14日", as
    news reports write) in the month the source was published."""
    if token in published:
        return True
    if token.startswith("MD:"):
        return any(t.startswith("D:") and t.endswith(token[3:]) for t in published)
    if token.startswith("M:"):
        year, month = token[2:].split("-")
        return f"Y:{year}" in published and f"MO:{month}" in available
    if token.startswith("D:"):
        year, month, day = token[2:].split("-")
        return f"Y:{year}" in published and (
            f"MD:{month}-{day}" in available or f"M:{year}-{month}" in published and f"N:{int(day)}" in available)
    return False


def _publication(source: Source) -> set[str]:
    """The date a source was published, at each precision: "a 2018 report", "in December 2017 Xinhua
    reported", "China Daily, 9 December 2015" are dated by the note itself, which shows that date."""
    parts = source.issued.split("-")
    out = {f"Y:{parts[0]}"} if parts[0] else set()
    if len(parts) >= 2:
        out.add(f"M:{parts[0]}-{parts[1]}")
    if len(parts) == 3:
        out.add(f"D:{source.issued}")
        out |= _weekdays(source)
    return out


_WEEKDAY = re.compile(r"\b(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _weekdays(source: Source) -> set[str]:
    """Days that a wire report dates by weekday ("opened on Sunday"): the last such weekday on or before
    the day the source was published, as news agencies write."""
    issued = dt.date.fromisoformat(source.issued)
    out = set()
    for text in excerpt_texts(source):
        for match in _WEEKDAY.finditer(text):
            back = (issued.weekday() - _WEEKDAYS.index(match.group(1))) % 7
            out.add(f"D:{issued - dt.timedelta(days=back)}")
    return out


def excerpt_texts(source: Source) -> list[str]:
    """A source's excerpts and their translations, in simplified characters (a Hong Kong or Taiwan copy
    writes 習近平, 四項原則)."""
    return [simplified(t) for e in source.excerpts for t in (e.text, e.translation) if t]


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    return _T2S.convert(text) if re.search(r"[\u3400-\u9fff]", text) else text


def name_texts(source: Source) -> list[str]:
    """Where a source names an actor: its excerpts and its bibliographic fields."""
    fields = ["title", "title-en", "container-title", "container-title-en", "publisher", "publisher-en"]
    names = [v for a in source.authors for v in (a.native(), a.en) if v]
    return excerpt_texts(source) + [simplified(source.get(f)) for f in fields if source.get(f)] + names
