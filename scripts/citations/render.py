"""Turn a page's citations into numbered notes, in the page's language.

Each citation becomes a note reference and the notes a list, both as HTML in the markup that
Python-Markdown's footnotes use (`a.footnote-ref`, `li#fn:…`), which Material styles and reader.js
shows in a preview when a reader hovers over or focuses a note number. Writing the HTML ourselves
keeps the build fast and names the back-links in the page's language. The notes block is excluded
from the site search, and it is a section that starts closed ("Notes (100)"): the browser then
neither styles nor lays out a long page's hundred notes while the page loads, which on a phone
delayed the first paint of the text (Lighthouse). Following a note number opens it (browsers open a
<details> that holds the target of a link; Material's script does too), the previews show the notes
without opening it, and printing opens it.
A note gives the CSL processor's reference (csl.py: Chicago on English pages, a note per citation,
later ones shortened; GB/T 7714-2015 on Chinese pages, a number per source, reused) and links to the
source's URL (shown short), its archived copy and its entry on the Sources page. A note whose source
has no recorded title carries `data-lead` (publisher, date), which its preview shows first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from scripts.citations import csl, styles
from scripts.citations.markdown import Citation, find_citations
from scripts.citations.registry import Registry, Source

LABELS = {
    "en": {"archived": "Archived copy", "original": "Original publisher", "entry": "Source entry", "separator": "; ", "notes": "Notes",
           "summary": "Notes ({count})", "back": "Back to the text"},
    "zh": {"archived": "存档", "original": "原始出处", "entry": "来源条目", "separator": "；", "notes": "注释",
           "summary": "注释（{count}条）", "back": "返回正文"},
}


@dataclass(frozen=True)
class Problem:
    line: int
    col: int
    message: str


@dataclass
class _Numbering:
    """The notes of one page and the reference HTML of each of its citations.

    English pages (Chicago 14.29-14.36): one note per citation, the first note of a source in full,
    later ones shortened (author, short title, locator). Chinese pages (GB/T 7714-2015 10.1.3,
    顺序编码制): one number per source, in the order of first citation, reused at every later
    citation with the locator after the number ("[3]12"); the notes list has one entry per source,
    with a back-link to each place that cites it."""
    locale: str
    forms: dict[str, csl.Forms]
    registry: Registry
    sources_href: str
    notes: list[str] = field(default_factory=list)               # HTML of note n at notes[n - 1]
    backrefs: list[list[str]] = field(default_factory=list)      # the ids that cite note n
    references: list[str] = field(default_factory=list)          # HTML of citation i at [i - 1]
    numbers: dict[str, int] = field(default_factory=dict)        # {source id: its first note's number}
    leads: list[str] = field(default_factory=list)               # what a preview of note n leads with

    def cite(self, citation: Citation) -> None:
        if self.locale == "zh":
            self._cite_by_source(citation)
        else:
            self._cite_by_note(citation)

    def _cite_by_note(self, citation: Citation) -> None:
        parts = []
        for item in citation.items:
            source = self.registry[item.key]   # by id or by its kept citation-key: numbered by id
            later = source.id in self.numbers
            self.numbers.setdefault(source.id, len(self.notes) + 1)
            note = self.forms[source.id].note(_locator(item.locator), later)
            parts.append(_with_links(note, source, self.locale, self.sources_href, full=not later))
        self.notes.append(LABELS[self.locale]["separator"].join(parts))
        self.leads.append(_lead(self.registry[citation.items[0].key], self.locale))
        number = len(self.notes)
        self.backrefs.append([f"fnref:cite-{number}"])
        self.references.append(f'<sup id="fnref:cite-{number}"><a class="footnote-ref" href="#fn:cite-{number}">'
                               f"{number}</a></sup>")

    def _cite_by_source(self, citation: Citation) -> None:
        links = []
        for item in citation.items:
            source = self.registry[item.key]   # by id or by its kept citation-key: numbered by id
            number = self.numbers.get(source.id)
            if number is None:
                self.notes.append(_with_links(self.forms[source.id].entry, source, self.locale,
                                              self.sources_href, full=True))
                self.backrefs.append([])
                self.leads.append(_lead(source, self.locale))
                number = self.numbers[source.id] = len(self.notes)
            ids = self.backrefs[number - 1]
            ref_id = f"fnref:cite-{number}" + (f"-{len(ids) + 1}" if ids else "")
            ids.append(ref_id)
            links.append((number, ref_id, _locator(item.locator)))
        self.references.append(_gbt_reference(links))

    def notes_block(self) -> str:
        return _notes_block(self.notes, self.backrefs, self.locale, self.leads)


def _gbt_reference(links: list[tuple[int, str, str]]) -> str:
    """The superscript of one citation: "[3]", "[3]12" with a locator, "[1, 3]" for two sources."""
    if len(links) > 1 and not any(locator for _, _, locator in links):
        inner = ", ".join(f'<a class="footnote-ref" id="{ref_id}" href="#fn:cite-{n}">{n}</a>'
                          for n, ref_id, _ in links)
        return f'<sup class="cite-gbt">[{inner}]</sup>'
    inner = "".join(f'<a class="footnote-ref" id="{ref_id}" href="#fn:cite-{n}">[{n}]</a>'
                    + (f'<span class="cite-locator">{styles.esc(locator)}</span>' if locator else "")
                    for n, ref_id, locator in links)
    return f'<sup class="cite-gbt">{inner}</sup>'


_PAGE_LABEL = re.compile(r"^(?:pp?\.|页|第)\s*(?=\d)")


def _locator(locator: str) -> str:
    """A page locator as both styles print it, bare: "p. 5" -> "5"; others as written ("para. 3")."""
    return _PAGE_LABEL.sub("", locator.strip())


def _with_links(reference: str, source: Source, locale: str, sources_href: str, full: bool) -> str:
    """The processor's reference with long URLs shortened, then the archived copy (full notes only)
    and the source's entry on the Sources page."""
    labels = LABELS[locale]
    links = [f'<a href="{sources_href}#{source.id}">{labels["entry"]}</a>']
    if full and source.archive_url:
        links.insert(0, styles.link(source.archive_url, labels["archived"]))
    if source.original_url:
        links.insert(0, styles.link(source.original_url, labels["original"]))
    return f"{csl.shorten_links(reference)} {' · '.join(links)}"


def _lead(source: Source, locale: str) -> str:
    """Publisher and date, for a source whose title we supplied; else ""."""
    if not csl.is_supplied_title(source.title):
        return ""
    publisher = (source.get("container-title-en") or source.get("publisher-en")) if locale == "en" else ""
    publisher = publisher or source.get("container-title") or source.get("publisher")
    if locale == "zh":
        publisher = csl.strip_latin_gloss(publisher) or publisher
    return ("，" if locale == "zh" else ", ").join(p for p in (publisher, csl.partial_style_date(source.issued, locale)) if p)


def _notes_block(notes: list[str], backrefs: list[list[str]], locale: str, leads: list[str]) -> str:
    # The back links are named by aria-label, not title: a tooltip would only repeat the arrow's
    # meaning (and Material's content.tooltips, when the site used it, mounted one per note at load).
    labels = LABELS[locale]

    def back(ids: list[str]) -> str:
        return "".join(f'&#160;<a class="footnote-backref" href="#{ref_id}" aria-label="{labels["back"]}">'
                       f"&#8617;&#xFE0E;{'' if k == 1 else f'<sup>{k}</sup>'}</a>"
                       for k, ref_id in enumerate(ids, 1))

    def lead(text: str) -> str:
        return f' data-lead="{html.escape(text)}"' if text else ""
    items = "\n".join(f'<li id="fn:cite-{n}"{lead(leads[n - 1])}><p>{text}{back(backrefs[n - 1])}</p></li>'
                      for n, text in enumerate(notes, 1))
    return (f'<details class="citation-notes-section" data-search-exclude>\n'
            f'<summary>{labels["summary"].format(count=len(notes))}</summary>\n'
            f'<div class="footnote citation-notes" role="doc-endnotes" aria-label="{labels["notes"]}">\n'
            f"<ol>\n{items}\n</ol>\n</div>\n</details>")


# Citations become a marker that Markdown passes through as plain text (two control characters
# around the note number: Shift Out and Shift In, which no text holds, no regex counts as space and
# Python-Markdown leaves alone; it strips only STX and ETX, its own). In the HTML content the marker
# becomes a comment, which the search index skips; once the index is made, the note reference takes
# its place (`Rendered.with_notes`). ASCII on purpose: a character beyond Latin-1 (such as the
# private-use ones these were) makes CPython store the whole page at two bytes a character, and every
# Markdown pattern then runs over the wider text.
_MARK_OPEN, _MARK_CLOSE = "\x0e", "\x0f"
_MARKER = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
_REFERENCE_SLOT = re.compile(r"<!--cite:(\d+)-->")
# HTML that goes into the page's content once Markdown and the search index are done with it: the
# notes, and the Sources page's excerpts and "cited on" lists (sources_page.py). Until then, a comment
# slot.
_LATE_SLOT = re.compile(r"<!--late:[^>]*-->")
NOTES_SLOT = "<!--late:notes-->"
# HTML that needs nothing from Markdown but belongs in the search index (the Sources page's entries):
# a comment slot in the Markdown, filled as soon as Markdown is done.
_EARLY_SLOT = re.compile(r"<!--early:[^>]*-->")


@dataclass(frozen=True)
class Rendered:
    markdown: str       # the page with a marker in place of each citation
    problems: list[Problem]
    late: dict[str, str] = field(default_factory=dict)  # {slot: HTML}; the notes under NOTES_SLOT
    early: dict[str, str] = field(default_factory=dict)  # {slot: HTML} filled before the search index
    references: tuple[str, ...] = ()   # the HTML of each citation's note reference, in order

    def with_references(self, content_html: str, now: bool = False) -> str:
        """The page's content with its early slots filled, a slot for each note reference and one
        for the notes; with `now`, the note references themselves instead of their slots."""
        if self.early:
            content_html = _fill(_EARLY_SLOT, self.early, content_html)
        if NOTES_SLOT not in self.late:
            return content_html
        if now:
            return _MARKER.sub(lambda m: self.references[int(m.group(1)) - 1], content_html) + NOTES_SLOT
        return _MARKER.sub(lambda m: f"<!--cite:{m.group(1)}-->", content_html) + NOTES_SLOT

    def with_notes(self, content_html: str) -> str:
        """The content with the note references, the notes and any other late HTML in their slots.
        Filled after the search index is made from the content (the hook runs after Material's
        search plugin), so that the index has none of it: no note numbers among the words, and no
        notes (they are excluded anyway). Filled in the content, not the finished page: the page's
        navigation can be ten times the size of its text."""
        if not self.late:
            return content_html
        content_html = _fill(_LATE_SLOT, self.late, content_html)
        if NOTES_SLOT not in self.late:
            return content_html
        return _REFERENCE_SLOT.sub(lambda m: self.references[int(m.group(1)) - 1], content_html)


def _fill(slot: re.Pattern, html_by_slot: dict[str, str], content_html: str) -> str:
    """Each slot the pattern finds replaced by its HTML; a slot with none is left as it is."""
    return slot.sub(lambda m: html_by_slot.get(m.group(0), m.group(0)), content_html)


def render_citations(markdown: str, registry: Registry, locale: str, sources_href: str,
                     forms: dict[str, csl.Forms] | None = None) -> Rendered:
    """Replace citations with note references; return the notes as a separate HTML block.

    References and notes are added to the HTML after Markdown conversion (`Rendered.with_references`,
    `Rendered.with_notes`): raw HTML is costly for Python-Markdown to pass through, and there is
    nothing in it for it to do.

    `sources_href` is the relative URL from this page to the Sources page (e.g. "../sources/").
    Citations with an unknown key are left as they are and reported, so a strict build fails.
    `forms` are the processor's references (csl.render_forms), which the caller keeps for a build.
    """
    forms = csl.render_forms(registry, locale) if forms is None else forms
    citations, malformed = find_citations(markdown)
    problems = [Problem(m.line, m.col, f"malformed citation {m.text!r}: {m.reason}") for m in malformed]
    numbering = _Numbering(locale, forms, registry, sources_href)
    out, pos = [], 0
    for citation in citations:
        unknown = [key for key in citation.keys if key not in registry]
        if unknown:
            problems += [Problem(citation.line, citation.col, message)
                         for key in unknown for _, message, _ in registry.key_problems(key)]
            continue
        numbering.cite(citation)
        out.append(markdown[pos:citation.start])
        out.append(f"{_MARK_OPEN}{len(numbering.references)}{_MARK_CLOSE}")
        pos = citation.end
    out.append(markdown[pos:])
    late = {NOTES_SLOT: numbering.notes_block()} if numbering.notes else {}
    return Rendered("".join(out), problems, late, references=tuple(numbering.references))
