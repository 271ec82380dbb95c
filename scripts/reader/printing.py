"""The whole-site print page of a language: every page of the navigation, in order, gathered from
the built site into one document (docs/<lang>/print.md gives the page; its marker gets the pages).

Ids are prefixed with the page's slug so they stay unique, links between gathered pages become links
within the document, and other links are made relative to the print page. Controls that make no
sense on paper (edit buttons, forms, "Cite this page", heading permalinks) are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.citations.urls import page_dir
from scripts.reader import article
from scripts.reader.urls import leaves_site, relative, target

PRINT_MARKER = "<!-- print-all -->"
PRINT_PAGE = "print.md"
# Left out on paper: controls, "Cite this page", "last updated", and each page's masthead (the print
# page has its own).
_DROP = article.dropper("forms", "permalinks", "edit", "updated", "cite", "masthead", "parallel-link")
_NOTES = re.compile(r'<details class="citation-notes-section"(?![^>]*\sopen)')
_FIRST_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def slug(rel: str) -> str:
    return page_dir(rel).replace("/", "-") or "home"


def _url(prefix: str, rel: str) -> str:
    directory = page_dir(rel)
    return prefix + (directory + "/" if directory else "")


def gather(site_dir: Path, prefix: str, rels: list[str], labels: dict[str, str]) -> str:
    """The HTML of every page in `rels` (paths inside the language folder, in reading order) for the
    print page of the language whose URL prefix is `prefix` ("" or "zh/"), read from the built site."""
    return PrintBook(prefix, rels).html(site_dir, labels)


class PrintBook:
    """A language's print page, made as its pages are built: `add` each page's HTML as it comes (its
    article is adapted then), `html` once every page is written (a page not added is read from the
    built site)."""

    def __init__(self, prefix: str, rels: list[str]) -> None:
        self.prefix, self.rels = prefix, [rel for rel in rels if rel != PRINT_PAGE]
        self.print_url = _url(prefix, PRINT_PAGE)
        self.gathered = {_url(prefix, rel): slug(rel) for rel in self.rels}
        self.sections: dict[str, str | None] = {}   # {rel: the adapted article, None if it has none}

    def add(self, rel: str, page_html: str) -> None:
        if rel in self.rels:
            url = _url(self.prefix, rel)
            inner = article.inner(page_html)
            self.sections[rel] = None if inner is None else _adapt(inner, self.gathered[url], url, self.print_url,
                                                                   self.gathered)

    def html(self, site_dir: Path, labels: dict[str, str]) -> str:
        contents, sections = [], []
        for rel in self.rels:
            url = _url(self.prefix, rel)
            if rel not in self.sections:
                file = site_dir / url / "index.html"
                if file.exists():
                    self.add(rel, file.read_text(encoding="utf-8"))
            inner = self.sections.get(rel)
            if inner is None:
                continue
            name = self.gathered[url]
            title = _FIRST_H2.search(inner)
            heading_text = _TAGS.sub("", title.group(1)).strip() if title else rel
            contents.append(f'<li><a href="#{name}">{heading_text}</a></li>')
            sections.append(f'<section class="print-page" id="{name}" data-page="{url}">{inner}</section>')
        toc = (f'<nav class="print-contents" aria-label="{labels["contents"]}"><h2>{labels["contents"]}</h2>'
               f'<ol>{"".join(contents)}</ol></nav>')
        return f'<div class="print-all">{toc}{"".join(sections)}</div>'


def fill(site_dir: Path, prefix: str, rels: list[str], labels: dict[str, str], book: PrintBook | None = None) -> bool:
    """Put the gathered pages (from `book`, else read from the built site) into the language's built
    print page, if it has one; whether it has."""
    print_file = site_dir / _url(prefix, PRINT_PAGE) / "index.html"
    if not print_file.exists():
        return False
    gathered = (book or PrintBook(prefix, rels)).html(site_dir, labels)
    text = print_file.read_text(encoding="utf-8")
    print_file.write_text(text.replace(PRINT_MARKER, gathered, 1), encoding="utf-8")
    return True


def _adapt(inner: str, name: str, url: str, print_url: str, gathered: dict[str, str]) -> str:
    """The article for paper, ids prefixed with the page's slug, and its notes open."""
    adapted = article.adapt(inner, _DROP, f"{name}--", lambda href: _rewrite(href, url, print_url, gathered))
    return _NOTES.sub('<details class="citation-notes-section" open', adapted)  # shown on screen too


def _rewrite(href: str, page_url: str, print_url: str, gathered: dict[str, str]) -> str:
    if leaves_site(href):
        return href
    found = target(page_url, href)
    if found.path in gathered:
        name = gathered[found.path]
        return f"#{name}--{found.fragment}" if found.fragment else f"#{name}"
    return relative(print_url, found.path) + (f"#{found.fragment}" if found.fragment else "")
