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
A note gives the formatted reference and links to the source's URL, its archived copy and its entry
on the Sources page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.citations import styles
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


def note_html(citation: Citation, registry: Registry, locale: str, sources_href: str,
              made: dict[tuple[str, str, str], str] | None = None) -> str:
    """The note for a citation. `made` holds notes already made in this build and language: a
    source is cited again and again, often at the same place."""
    made = {} if made is None else made
    parts = []
    for item in citation.items:
        key = (item.key, item.locator, sources_href)
        if key not in made:
            made[key] = _item_note(registry[item.key], item.locator, locale, sources_href)
        parts.append(made[key])
    return LABELS[locale]["separator"].join(parts)


def _item_note(source: Source, locator: str, locale: str, sources_href: str) -> str:
    labels = LABELS[locale]
    links = [f'<a href="{sources_href}#{source.id}">{labels["entry"]}</a>']
    if source.archive_url:
        links.insert(0, styles.link(source.archive_url, labels["archived"]))
    if source.original_url:
        links.insert(0, styles.link(source.original_url, labels["original"]))
    return f"{styles.note(source, locale, locator)} {' · '.join(links)}"


def _reference(number: int) -> str:
    return (f'<sup id="fnref:cite-{number}"><a class="footnote-ref" href="#fn:cite-{number}">'
            f"{number}</a></sup>")


def _notes_block(notes: list[str], locale: str) -> str:
    # The back links are named by aria-label, not title: a tooltip would only repeat the arrow's
    # meaning (and Material's content.tooltips, when the site used it, mounted one per note at load).
    labels = LABELS[locale]
    items = "\n".join(
        f'<li id="fn:cite-{n}"><p>{text}&#160;<a class="footnote-backref" href="#fnref:cite-{n}" '
        f'aria-label="{labels["back"]}">&#8617;&#xFE0E;</a></p></li>'
        for n, text in enumerate(notes, 1)
    )
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

    def with_references(self, content_html: str) -> str:
        """The page's content with its early slots filled, a slot for each note reference and one
        for the notes."""
        if self.early:
            content_html = _fill(_EARLY_SLOT, self.early, content_html)
        if NOTES_SLOT not in self.late:
            return content_html
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
        return _REFERENCE_SLOT.sub(lambda m: _reference(int(m.group(1))), content_html)


def _fill(slot: re.Pattern, html_by_slot: dict[str, str], content_html: str) -> str:
    """Each slot the pattern finds replaced by its HTML; a slot with none is left as it is."""
    return slot.sub(lambda m: html_by_slot.get(m.group(0), m.group(0)), content_html)


def render_citations(markdown: str, registry: Registry, locale: str, sources_href: str,
                     made_notes: dict[tuple[str, str, str], str] | None = None) -> Rendered:
    """Replace citations with note references; return the notes as a separate HTML block.

    References and notes are added to the HTML after Markdown conversion (`Rendered.with_references`,
    `Rendered.with_notes`): raw HTML is costly for Python-Markdown to pass through, and there is
    nothing in it for it to do.

    `sources_href` is the relative URL from this page to the Sources page (e.g. "../sources/").
    Citations with an unknown key are left as they are and reported, so a strict build fails.
    `made_notes` (see note_html) is kept by the caller for one build of one language.
    """
    citations, malformed = find_citations(markdown)
    problems = [Problem(m.line, m.col, f"malformed citation {m.text!r}: {m.reason}") for m in malformed]
    out, notes, pos = [], [], 0
    for citation in citations:
        unknown = [key for key in citation.keys if key not in registry]
        if unknown:
            for key in unknown:
                hint = registry.suggest(key)
                problems.append(Problem(citation.line, citation.col, f"unknown source key {key!r}"
                                        + (f" (did you mean {hint!r}?)" if hint else "")
                                        + "; add data/sources/<key>.yml or fix the key"))
            continue
        notes.append(note_html(citation, registry, locale, sources_href, made_notes))
        out.append(markdown[pos:citation.start])
        out.append(f"{_MARK_OPEN}{len(notes)}{_MARK_CLOSE}")
        pos = citation.end
    out.append(markdown[pos:])
    return Rendered("".join(out), problems, {NOTES_SLOT: _notes_block(notes, locale)} if notes else {})
