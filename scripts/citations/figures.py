"""What the citation checker covers, in figures: the sources on record, the notes that cite them, the
pages and the languages. `python -m scripts check` prints them, and the home page states them (its
`<!-- figure:NAME -->` markers are replaced at build), so the claim "every sentence is checked" comes
with the checker's own counts, never a number typed by hand."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from scripts.citations.markdown import find_citations
from scripts.citations.pages import load_pages
from scripts.citations.registry import load_registry
from scripts.content.data import citing_texts
from scripts.translation.languages import DEFAULT, LANGUAGES
from scripts.project import Settings

MARKER = re.compile(r"<!-- figure:(\w+) -->")
_SMALL = {"en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
          "zh": ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"]}


@dataclass(frozen=True)
class Figures:
    sources: int    # sources in the registry (data/sources/)
    notes: int      # citations in every language's pages and data texts: each is one note
    pages: int      # pages per language (the default language's Markdown files)
    languages: int

    def summary(self) -> str:
        return (f"{self.notes:,} notes citing {self.sources:,} sources on {self.pages:,} pages "
                f"in {self.languages:,} languages")


def count(settings: Settings) -> Figures:
    pages = load_pages(settings.docs_dir, [lang.locale for lang in LANGUAGES])
    notes = sum(len(page.citations) for per_language in pages.values() for page in per_language.values())
    notes += sum(len(find_citations(item.text)[0]) for item in citing_texts(settings) if item.field != "translations")
    return Figures(sources=len(load_registry(settings.sources_dir, settings.root).sources), notes=notes,
                   pages=len(pages[DEFAULT.locale]), languages=len(LANGUAGES))


def fill(markdown: str, figures: Figures, locale: str) -> str:
    """The markdown with each `<!-- figure:NAME -->` replaced by that figure, written for the language
    (numbers up to ten in words: "two languages", "两种语言"). An unknown name is an error."""
    values = asdict(figures)

    def number(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(f"unknown figure {name!r} in {match.group(0)}; known: {', '.join(values)}")
        value = values[name]
        if value <= 10:
            return _SMALL[locale][value]
        return f"{value:,}" if locale == "en" else str(value)

    return MARKER.sub(number, markdown)
