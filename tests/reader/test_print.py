"""Print: a print stylesheet on every page that shows notes as endnotes with their addresses, and a
whole-site print page per language that gathers every page of the navigation."""

from __future__ import annotations

import re
from collections import Counter

from tests.conftest import page_url
from tests.reader.helpers import PREFIXES


def test_every_page_links_the_print_stylesheet_with_endnote_addresses(content_pages, built_site):
    for path, soup in content_pages.items():
        assert any(link["href"].endswith("print.css") for link in soup.select('link[rel="stylesheet"]')), path
    css = (built_site.site_dir / "assets/stylesheets/print.css").read_text(encoding="utf-8")
    body = css[css.index("@media print"):]
    assert re.search(r"\.citation-notes a\[href\^=\"http\"\]::after\s*\{[^}]*attr\(href\)", body)
    assert re.search(r"\.md-header[^{]*\{[^}]*display:\s*none", body)


def test_each_language_has_a_print_page_with_every_page_in_navigation_order(pages):
    for prefix in PREFIXES:
        soup = pages[f"{prefix}print/index.html"]
        sections = soup.select("article section.print-page")
        nav = [a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]
        order = [page_url(p) for p in pages if p.startswith(prefix) and p.endswith("index.html")
                 and "-parallel/" not in p  # the parallel views (test_parallel.py)
                 and (prefix or not p.startswith("zh/"))]
        gathered = [s["data-page"] for s in sections]
        assert set(gathered) == set(order) - {f"{prefix}print/"}
        titles = [s.select_one("h2").get_text().rstrip("¶").strip() for s in sections]
        assert len(titles) == len(set(gathered)) and all(titles)
        assert len(nav) >= len(gathered)
        ids = Counter(e["id"] for e in soup.find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == []
        for link in soup.select("article a[href^='#']"):  # links within the document land
            assert link["href"][1:] in ids, link["href"]
        assert len(soup.select("section.print-page div.citation-notes")) >= 10  # the notes came along
        assert all(d.has_attr("open") for d in soup.select("section.print-page details.citation-notes-section"))
        assert not soup.select("section.print-page form, section.print-page .cite-page")


def test_print_page_keeps_the_order_of_the_navigation(pages):
    for prefix in PREFIXES:
        soup = pages[f"{prefix}print/index.html"]
        gathered = [s["data-page"] for s in soup.select("section.print-page")]
        contents = [a["href"][1:] for a in soup.select("nav.print-contents a")]
        assert contents == [s["id"] for s in soup.select("section.print-page")]
        assert gathered[0] == prefix  # the home page first
        assert gathered.index(f"{prefix}timeline/") < gathered.index(f"{prefix}glossary/") < gathered.index(f"{prefix}about/")
