"""Turn a page's citations into numbered notes, in the page's language.

Each citation becomes a Markdown footnote reference (`[^cite-N]`), which Material shows with a
tooltip; the notes are appended as footnote definitions. A note gives the formatted reference and
links to the source's URL, its archived copy and its entry on the Sources page.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.citations import styles
from scripts.citations.markdown import Citation, find_citations, mask
from scripts.citations.registry import Registry

LABELS = {
    "en": {"archived": "Archived copy", "entry": "Source entry", "separator": "; "},
    "zh": {"archived": "存档", "entry": "来源条目", "separator": "；"},
}


@dataclass(frozen=True)
class Problem:
    line: int
    col: int
    message: str


def note_text(citation: Citation, registry: Registry, locale: str, sources_link: str) -> str:
    labels = LABELS[locale]
    parts = []
    for item in citation.items:
        source = registry[item.key]
        links = [f"[{labels['entry']}]({sources_link}#{source.id})"]
        if source.archive_url:
            links.insert(0, styles.link(source.archive_url, labels["archived"]))
        parts.append(f"{styles.note(source, locale, item.locator)} {' · '.join(links)}")
    return labels["separator"].join(parts)


def render_citations(markdown: str, registry: Registry, locale: str, sources_link: str) -> tuple[str, list[Problem]]:
    """Replace citations with footnote references and append the notes.

    `sources_link` is the relative link from this page to the Sources page (e.g. "../sources.md").
    Citations with an unknown key are left as they are and reported, so a strict build fails.
    """
    citations, malformed = find_citations(markdown, mask(markdown))
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
        label = f"cite-{len(notes) + 1}"
        out.append(markdown[pos:citation.start])
        out.append(f"[^{label}]")
        notes.append(f"[^{label}]: {note_text(citation, registry, locale, sources_link)}")
        pos = citation.end
    out.append(markdown[pos:])
    if notes:
        out.append("\n\n" + "\n".join(notes) + "\n")
    return "".join(out), problems
