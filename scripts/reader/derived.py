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
    """`page` each built page of the navigation, `print_page` once a language's pages are written."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.views = parallel.ViewWriter(site_dir, LANGUAGES)

    def page(self, locale: str, rel: str, html: str) -> None:
        self.views.add(locale, rel, html)

    def print_page(self, prefix: str, rels: list[str], labels: dict[str, str]) -> None:
        printing.fill(self.site_dir, prefix, rels, labels)


def derived_beside(lines) -> list[str]:
    """`Derived` in a second process. The first line is {"site_dir"}; each next one is {"page": {"locale",
    "rel", "html"}} or {"print_page": {"prefix", "rels", "labels"}}. Its answer: the views written."""
    import json

    lines = iter(lines)
    derived = Derived(Path(json.loads(next(lines))["site_dir"]))
    for line in lines:
        (kind, job), = json.loads(line).items()
        getattr(derived, kind)(**job)
    return derived.views.written
