"""The offline citation checker: registry problems, unknown and unused keys, quotations that do not
match the cited source's excerpts, citation parity between languages, and citation coverage."""

from __future__ import annotations

from scripts.citations.chinese_voice import is_chinese_voice, is_english_text
from scripts.citations.markdown import LineIndex, find_citations, find_quotations, is_navigation, mask, prose_units
from scripts.citations.pages import PageSource, load_pages
from scripts.citations.registry import Registry, load_registry
from scripts.content import claims
from scripts.content.data import CitingText, cited_keys, citing_texts
from scripts.findings import ERROR, WARNING, Finding, relpath
from scripts.translation.languages import CHINESE, DEFAULT, LANGUAGES
from scripts.project import Settings
from scripts.checks.textnorm import contains_quote

MIN_UNIT_CHARS = 20  # shorter units ("See also:", a label) make no claim and are exempt


def check(settings: Settings) -> list[Finding]:
    registry = load_registry(settings.sources_dir, settings.root)
    findings = [_archive_severity(f, settings) for f in registry.findings]
    pages = load_pages(settings.docs_dir, [lang.locale for lang in LANGUAGES])
    for locale_pages in pages.values():
        for page in locale_pages.values():
            findings += check_page(page, registry, settings)
    data_texts = citing_texts(settings) + claims.citing_texts(settings)
    findings += check_data_texts(data_texts, registry)
    findings += unused_sources(registry, pages, settings, data_texts)
    findings += parity(pages, settings, registry)
    return findings


def check_data_texts(texts: list[CitingText], registry: Registry) -> list[Finding]:
    """Citations in timeline, glossary and claims data: unknown keys, quotations, and en/zh parity per field."""
    out = []
    for item in texts:
        citations, malformed = find_citations(item.text)
        out += [Finding(item.path, item.line, 1, "malformed-citation", f"{item.field}.{item.locale}: malformed "
                        f"citation {m.text!r}: {m.reason}") for m in malformed]
        for key in sorted({k for c in citations for k in c.keys}):
            out += [Finding(item.path, item.line, 1, code, f"{item.field}.{item.locale}: {message}", severity)
                    for code, message, severity in registry.key_problems(key)]
        for quote, sources in unmatched_quotes(mask(item.text), citations, registry):
            out.append(Finding(item.path, item.line, 1, "quote-mismatch",
                               f"{item.field}.{item.locale}: {_quote_message(quote.text, sources)}"))
    by_field: dict[tuple[str, str], dict[str, CitingText]] = {}
    for item in texts:
        if item.field != "translations":
            by_field.setdefault((item.path, item.field), {})[item.locale] = item
    for (path, field), per_locale in by_field.items():
        english = per_locale.get("en")
        for locale, item in per_locale.items():
            if english and (_named(cited_keys(item.text), registry)
                            != _named(cited_keys(english.text), registry)):
                out.append(Finding(path, item.line, 1, "parity", f"{field}.{locale} cites {sorted(cited_keys(item.text))}, "
                                   f"{field}.en (line {english.line}) cites {sorted(cited_keys(english.text))}; "
                                   "both must cite the same sources"))
    return out


def _named(keys: set[str], registry: Registry) -> set[str]:
    """The sources the keys name (by id), and the unknown keys as they are."""
    return {registry.resolve(key) or key for key in keys}


def _archive_severity(finding: Finding, settings: Settings) -> Finding:
    if finding.code != "no-archive":
        return finding
    return Finding(finding.path, finding.line, finding.col, finding.code, finding.message, settings.missing_archive)


def check_page(page: PageSource, registry: Registry, settings: Settings) -> list[Finding]:
    rel = relpath(page.path, settings.root)
    out = citation_findings(page, registry, rel)
    out += quotations(page, registry, rel)
    if page.locale == CHINESE.locale:
        out += english_quotes(page, registry, rel)
    out += coverage(page, settings, rel)
    return out


def citation_findings(page: PageSource, registry: Registry, rel: str) -> list[Finding]:
    """Malformed citations and keys that name no source, or a source by its kept citation-key. The
    build reports these too, so that its positions (in the file, front matter counted) are these."""
    out = [Finding(rel, m.line, m.col, "malformed-citation", f"malformed citation {m.text!r}: {m.reason}")
           for m in page.malformed]
    for citation in page.citations:
        for key in citation.keys:
            out += [Finding(rel, citation.line, citation.col, code, message, severity)
                    for code, message, severity in registry.key_problems(key)]
    return out


def unmatched_quotes(masked: str, citations, registry: Registry, start: int = 0, end: int | None = None):
    """(quotation, sources) for each quotation in masked[start:end] that is followed, in that span, by a
    citation whose sources' excerpts do not contain it."""
    end = len(masked) if end is None else end
    out = []
    for quote in find_quotations(masked, start, end):
        following = next((c for c in citations if quote.end <= c.start < end), None)
        sources = [registry[k] for k in (following.keys if following else []) if k in registry]
        if sources and not any(contains_quote(e.text, quote.text) for s in sources for e in s.excerpts):
            out.append((quote, sources))
    return out


def quotations(page: PageSource, registry: Registry, rel: str) -> list[Finding]:
    """A quotation followed (in the same paragraph) by a citation must be in that source's excerpts."""
    index = LineIndex(page.text)
    out = []
    for unit in prose_units(page.masked):
        for quote, sources in unmatched_quotes(page.masked, page.citations, registry, unit.start, unit.end):
            line, col = index.position(quote.start)
            out.append(Finding(rel, line, col, "quote-mismatch", _quote_message(quote.text, sources)))
    return out


def english_quotes(page: PageSource, registry: Registry, rel: str) -> list[Finding]:
    """A Chinese page quoting the English rendering of a Chinese speaker or document: the Chinese
    original should be quoted instead, or the passage paraphrased (据……英文报道) without quotation marks.
    A warning, not an error: sometimes no Chinese original can be read (say why in the text)."""
    index = LineIndex(page.text)
    out = []
    for unit in prose_units(page.masked):
        for quote in find_quotations(page.masked, unit.start, unit.end):
            following = next((c for c in page.citations if quote.end <= c.start < unit.end), None)
            voices = [k for k in (following.keys if following else []) if k in registry and is_chinese_voice(registry[k])]
            if voices and is_english_text(quote.text):
                line, col = index.position(quote.start)
                out.append(Finding(rel, line, col, "english-quote",
                                   f"English quotation “{_short(quote.text)}” of a Chinese source ({', '.join(voices)}) on a "
                                   "Chinese page; quote the Chinese original (recorded as an excerpt of a Chinese source) or "
                                   "paraphrase it without quotation marks (据……英文报道)", WARNING))
    return out


def _quote_message(quote: str, sources) -> str:
    return (f"quotation “{_short(quote)}” is not in the recorded excerpts of {', '.join(s.id for s in sources)}; "
            "quote the source exactly and add the passage to its 'excerpts', or paraphrase without quotation marks")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def coverage(page: PageSource, settings: Settings, rel: str) -> list[Finding]:
    if page.meta.get("coverage") is False:
        return []
    units = [u for u in prose_units(page.masked)
             if len(u.text.strip()) >= MIN_UNIT_CHARS and not is_navigation(u.text)]
    if not units:
        return []
    uncited = [u for u in units if not any(u.start <= c.start < u.end for c in page.citations)]
    share = 1 - len(uncited) / len(units)
    if share + 1e-9 >= settings.coverage_floor:
        return []
    first = ", ".join(str(u.line) for u in uncited[:8]) + (" …" if len(uncited) > 8 else "")
    return [Finding(rel, uncited[0].line, 1, "coverage",
                    f"{share:.0%} of prose units carry a citation ({len(units) - len(uncited)}/{len(units)}), "
                    f"below the floor of {settings.coverage_floor:.0%}; uncited units start on lines {first}")]


def unused_sources(registry: Registry, pages: dict[str, dict[str, PageSource]], settings: Settings,
                   data_texts: list[CitingText] = ()) -> list[Finding]:
    cited = registry.ids(key for locale_pages in pages.values() for page in locale_pages.values()
                         for key in page.cited_keys())
    cited |= registry.ids(key for item in data_texts for key in cited_keys(item.text))
    return [Finding(relpath(s.path, settings.root), 1, 1, "unused-source",
                    f"source {s.id!r} is registered but no page cites it; cite it or remove the file")
            for s in registry.sources.values() if s.id not in cited]


def parity(pages: dict[str, dict[str, PageSource]], settings: Settings, registry: Registry) -> list[Finding]:
    """Both versions of a page cite the same sources (an error if not), in the same order of first
    citation (a warning if not). The sequence of sources is what both languages share: the note
    numbers differ by design (a note per citation in English, a number per source in Chinese). A
    source cited by id in one version and by its citation-key in the other is the same source."""
    def cited(page: PageSource) -> dict[str, str]:   # {source id, or the key if unknown: key as cited}
        return {registry.resolve(key) or key: key for key in page.cited_keys()}

    out = []
    default = pages.get(DEFAULT.locale, {})
    for lang in LANGUAGES:
        if lang == DEFAULT:
            continue
        for rel, page in pages.get(lang.locale, {}).items():
            original = default.get(rel)
            if original is None:
                out.append(Finding(relpath(page.path, settings.root), 1, 1, "no-original",
                                   f"no {DEFAULT.locale} page {rel} for this translation", WARNING))
                continue
            theirs, ours = cited(original), cited(page)
            missing = [theirs[source_id] for source_id in theirs.keys() - ours.keys()]
            extra = [ours[source_id] for source_id in ours.keys() - theirs.keys()]
            where = relpath(page.path, settings.root)
            for key in sorted(missing):
                line = next(c.line for c in original.citations if key in c.keys)
                out.append(Finding(where, 1, 1, "parity",
                                   f"{relpath(original.path, settings.root)}:{line} cites {key!r}, this translation "
                                   "does not; both versions must cite the same sources"))
            for key in sorted(extra):
                citation = next(c for c in page.citations if key in c.keys)
                out.append(Finding(where, citation.line, citation.col, "parity",
                                   f"cites {key!r}, which {relpath(original.path, settings.root)} does not; "
                                   "both versions must cite the same sources"))
            if not missing and not extra:
                out += _order_parity(page, original, where, relpath(original.path, settings.root), registry)
    return out


def cited_sequence(page: PageSource, registry: Registry) -> list[str]:
    """The page's sources (ids) in the order of their first citation: the order of its notes list."""
    return list(dict.fromkeys(registry.resolve(key) or key for citation in page.citations for key in citation.keys))


def _order_parity(page: PageSource, original: PageSource, where: str, original_where: str,
                  registry: Registry) -> list[Finding]:
    ours, theirs = cited_sequence(page, registry), cited_sequence(original, registry)
    diverge = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), None)
    if diverge is None:
        return []
    citation = next(c for c in page.citations if ours[diverge] in registry.ids(c.keys) | set(c.keys))
    return [Finding(where, citation.line, citation.col, "parity-order",
                    f"source {diverge + 1} in order of first citation is {ours[diverge]!r}, in {original_where} "
                    f"it is {theirs[diverge]!r}; cite the sources in the same order so that both notes lists match",
                    WARNING)]
