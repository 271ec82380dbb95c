"""Generate the Sources page of one language from the registry: grouped by tier, one entry per
source with a stable anchor (`sources/#<id>`), its excerpts and the pages
that cite it (those two closed until asked for). Above the list, the tiers with their counts and a filter by reference.

The excerpts and the "cited on" lists go into the page after Markdown and the search index have
done their work, as the notes do (`Rendered.with_notes`): in the Markdown they are a comment slot
each. They are most of the page, and the list of citing pages grows with the site: passing them
through Markdown's HTML parser and the search plugin's cost the build time in proportion to the
number of pages, for text that neither may change or index. The entries themselves are HTML that
Markdown has nothing to do in: each tier's entries are a slot too, filled as soon as Markdown is
done, so that the search index still has the references. The "cited on" lists are made last, once
the build has rendered every page and so knows what each one cites (`CitationBuild.complete`).
Glossary terms are marked in none of it: a reference quotes the source's title, an excerpt its text
(the notes are not marked either).
"""

from __future__ import annotations

import html

from scripts.citations import csl, styles
from scripts.citations.urls import relative_url
from scripts.citations.pages import PageSource
from scripts.citations.registry import TIERS, Registry, Source

MARKER = "<!-- sources-list -->"

TIER_NAMES_ZH = {
    "official": "官方一手资料",
    "state-media": "官方媒体",
    "analysis": "研究分析",
    "news": "新闻报道",
    "ngo": "非政府组织报告",
    "corporate": "企业发布",
}
LABELS = {
    "en": {"cited": "Cited on", "uncited": "Not yet cited on any page", "excerpts": "Excerpts we rely on",
           "archived": "Archived copy", "original": "Original publisher", "note": "Note", "kinds": "Kinds of source",
           "more": "Excerpts ({n}) and citing pages",
           "filter": "Find a source by author, title or publisher", "count": "Showing {shown} of {total} sources",
           "none": "No source matches."},
    "zh": {"cited": "引用页面", "uncited": "暂无页面引用", "excerpts": "所依据的原文摘录",
           "archived": "存档", "original": "原始出处", "note": "说明", "kinds": "来源类别",
           "more": "原文摘录（{n}条）与引用页面",
           "filter": "按作者、标题或发布机构查找来源", "count": "显示{total}个来源中的{shown}个",
           "none": "没有符合条件的来源。"},
}


def _sort_key(source: Source) -> tuple:
    first = source.authors[0].native() if source.authors else (source.get("publisher") or source.title)
    return (first.casefold(), source.issued, source.id)


def sources_markdown(registry: Registry, locale: str, forms: dict[str, csl.Forms] | None = None
                     ) -> tuple[str, dict[str, str], dict[str, str]]:
    """Markdown headings per tier, each followed by a slot for its entries; {slot: HTML} of the
    entries, filled in as soon as Markdown is done (the search index has them); and {slot: HTML} of
    the parts filled in after the search index is built (see the module docstring), but for the
    "cited on" lists: their slots are in the entries, their HTML comes from `cited_on`.

    The entries are HTML already: passed through Markdown as raw HTML, they came out unchanged, after
    a parse that cost about 20 ms a language for a hundred sources."""
    labels = LABELS[locale]
    forms = csl.render_forms(registry, locale) if forms is None else forms
    blocks, early, late, kinds = [], {}, {}, []
    for tier, english_name in TIERS.items():
        members = sorted((s for s in registry.sources.values() if s.tier == tier), key=_sort_key)
        if not members:
            continue
        name = TIER_NAMES_ZH[tier] if locale == "zh" else english_name
        slot = f"<!--early:tier-{tier}-->"
        blocks.append(f"## {name} {{#tier-{tier}}}\n\n{slot}\n")
        early[slot] = "\n".join(_entry(source, forms[source.id].entry, labels, late, locale) for source in members)
        kinds.append(f'<li><a href="#tier-{tier}">{name}</a> ({len(members)})</li>')
    return _finding_aids(labels, kinds, len(registry.sources)) + "\n".join(blocks), early, late


def _finding_aids(labels: dict, kinds: list[str], total: int) -> str:
    """Above the list: the kinds of source with their counts, each leading to its group, and a filter
    by reference (shown by reader.js; without a script the page is the whole list)."""
    count, none = html.escape(labels["count"]), html.escape(labels["none"])
    return (f'<nav class="sources-kinds" aria-label="{labels["kinds"]}"><ul>{"".join(kinds)}</ul></nav>\n\n'
            f'<form class="sources-filter" hidden role="search" data-count="{count}" data-none="{none}">'
            f'<label for="sources-filter">{labels["filter"]}</label>'
            f'<input id="sources-filter" type="search" name="q" autocomplete="off">'
            f'<p class="sources-filter__status" role="status" aria-live="polite"></p></form>\n\n')


def cited_on(registry: Registry, cited_by: dict[str, list[PageSource]], locale: str,
             sources_rel: str = "sources.md") -> dict[str, str]:
    """{slot: HTML} of each source's "cited on" paragraph: the pages that cite it, or that none does.
    Apart from the entries because the build knows which pages cite a source only once it has
    rendered them all, which is after the Sources page's Markdown."""
    labels, late = LABELS[locale], {}
    for source in registry.sources.values():
        pages = cited_by.get(source.id, [])
        links = ", ".join(f'<a href="{relative_url(sources_rel, p.rel)}">{styles.esc(p.title)}</a>' for p in pages)
        _late(late, _cited_slot_name(source), f"{labels['cited']}: {links}" if pages else labels["uncited"])
    return late


def _cited_slot_name(source: Source) -> str:
    return f"{source.id}:cited"


def _entry(source: Source, reference: str, labels: dict, late: dict[str, str], locale: str) -> str:
    """A source's entry: the processor's reference (Chicago's bibliography entry, or GB/T's), the
    original publisher's page when the text was read on a copy, its archived copy, its excerpts, our
    note and the pages that cite it."""
    reference = csl.shorten_links(reference)
    if source.original_url:
        reference += f" {styles.link(source.original_url, labels['original'])}"
    if source.archive_url:
        reference += f" {styles.link(source.archive_url, labels['archived'])}"
    # The site search indexes the reference and the note. Not the excerpts and the pages citing the
    # source: they were half of each language's search index, which every page loads and builds at
    # start, and the "cited on" titles made every page title also match the Sources page.
    paragraphs = [_paragraph(reference)]
    if locale == "en" and source.get("note"):
        paragraphs.append(_paragraph(f"{labels['note']}: {styles.esc(source.get('note'))}"))
    # The excerpts and the citing pages are closed until asked for (reader.js opens those of the
    # entry a note's "Source entry" link leads to): open, they made the page 90,000 px long on a
    # phone. The <details> is excluded from the search index, like what it holds.
    more = []
    if source.excerpts:
        quoted = "; ".join(f"“{styles.esc(e.text)}” ({styles.esc(e.locator)})" for e in source.excerpts)
        more.append(_late(late, f"{source.id}:excerpts", f"{labels['excerpts']}: {quoted}"))
    more.append(_slot(_cited_slot_name(source)))   # filled from cited_on()
    summary = labels["more"].format(n=len(source.excerpts))
    paragraphs.append(f'<details class="source-entry__more" data-search-exclude><summary>{summary}</summary>'
                      f'{"".join(more)}</details>')
    body = "\n".join(paragraphs)
    return f'<div class="source-entry" id="{source.id}">\n{body}\n</div>\n'


def _paragraph(html: str) -> str:
    return f"<p>{html}</p>"


def _late(late: dict[str, str], name: str, html: str) -> str:
    """A slot for a paragraph that goes in after the search index is built; it is also marked
    data-search-exclude, so that no later change of order can put it into the index."""
    slot = _slot(name)
    late[slot] = f"<p data-search-exclude>{html}</p>"
    return slot


def _slot(name: str) -> str:
    return f"<!--late:{name}-->"
