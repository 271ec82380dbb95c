"""The pages made from other built pages, made beside the build (scripts/site/beside.py): the parallel
views (parallel.py), as each page is built in both languages, and each language's print page
(printing.py), once that language's pages are written. The build sends them as it goes; `Derived`
does the same work in the build's own process when no second process can start.
"""

from __future__ import annotations

from pathlib import Path

from scripts.reader import parallel, printing
from scripts.translation.languages import LANGUAGES


class Derived:
    """`language` as a language's build begins, `page` each built page of the navigation, `print_page`
    once the language's pages are written."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.views = parallel.ViewWriter(site_dir, LANGUAGES)
        self.books: dict[str, printing.PrintBook] = {}   # {locale: its print page, made as pages come}

    def language(self, locale: str, prefix: str, rels: list[str]) -> None:
        self.books[locale] = printing.PrintBook(prefix, rels)

    def page(self, locale: str, rel: str, html: str) -> None:
        self.views.add(locale, rel, html)
        if locale in self.books:
            self.books[locale].add(rel, html)

    def print_page(self, locale: str, prefix: str, rels: list[str], labels: dict[str, str]) -> None:
        printing.fill(self.site_dir, prefix, rels, labels, self.books.pop(locale, None))


def derived_beside(lines) -> list[str]:
    """`Derived` in a second process. The first line is {"site_dir"}; each next one is {"language":
    {"locale", "prefix", "rels"}}, {"page": {"locale", "rel", "html"}} or {"print_page": {"locale",
    "prefix", "rels", "labels"}}. Its answer: the views written."""
    import json

    lines = iter(lines)
    derived = Derived(Path(json.loads(next(lines))["site_dir"]))
    for line in lines:
        (kind, job), = json.loads(line).items()
        getattr(derived, kind)(**job)
    return derived.views.written
