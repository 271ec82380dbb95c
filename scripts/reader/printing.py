"""The whole-site print page of a language: every page of the navigation, in order, gathered from
the built site into one document (docs/<lang>/print.md gives the page; its marker gets the pages).

Ids are prefixed with the page's slug so they stay unique, links between gathered pages become links
within the document, and other links are made relative to the print page. Controls that make no
sense on paper (edit buttons, forms, "Cite this page", heading permalinks) are left out.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from scripts.citations.urls import page_dir
from scripts.reader.urls import relative

PRINT_MARKER = "<!-- print-all -->"
PRINT_PAGE = "print.md"
DROP = ".md-content__button, .cite-page, form, .headerlink, script, .md-source-file"


def slug(rel: str) -> str:
    return page_dir(rel).replace("/", "-") or "home"


def _url(prefix: str, rel: str) -> str:
    directory = page_dir(rel)
    return prefix + (directory + "/" if directory else "")


def gather(site_dir: Path, prefix: str, rels: list[str], labels: dict[str, str]) -> str:
    """The HTML of every page in `rels` (paths inside the language folder, in reading order) for the
    print page of the language whose URL prefix is `prefix` ("" or "zh/")."""
    print_url = _url(prefix, PRINT_PAGE)
    gathered = {_url(prefix, rel): slug(rel) for rel in rels}
    contents, sections = [], []
    for rel in rels:
        url = _url(prefix, rel)
        file = site_dir / url / "index.html"
        if not file.exists():
            continue
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        if article is None:
            continue
        for element in article.select(DROP):
            element.decompose()
        name = gathered[url]
        for element in article.find_all(id=True):
            element["id"] = f"{name}--{element['id']}"
        for attr in ("aria-labelledby", "aria-describedby", "for"):  # references to ids follow them
            for element in article.find_all(attrs={attr: True}):
                value = element[attr]
                tokens = value if isinstance(value, list) else str(value).split()
                element[attr] = " ".join(f"{name}--{token}" for token in tokens)
        for tag, attr in (("a", "href"), ("img", "src")):
            for element in article.find_all(tag):
                if element.get(attr):
                    element[attr] = _rewrite(element[attr], url, print_url, gathered)
        for level in range(5, 0, -1):  # h1 -> h2 ... h5 -> h6: the print page keeps its own h1
            for heading in article.find_all(f"h{level}"):
                heading.name = f"h{level + 1}"
        title = article.find("h2")
        heading_text = title.get_text(" ", strip=True) if title else rel
        contents.append(f'<li><a href="#{name}">{heading_text}</a></li>')
        inner = "".join(str(child) for child in article.children)
        sections.append(f'<section class="print-page" id="{name}" data-page="{url}">{inner}</section>')
    toc = (f'<nav class="print-contents" aria-label="{labels["contents"]}"><h2>{labels["contents"]}</h2>'
           f'<ol>{"".join(contents)}</ol></nav>')
    return f'<div class="print-all">{toc}{"".join(sections)}</div>'


def _rewrite(href: str, page_url: str, print_url: str, gathered: dict[str, str]) -> str:
    if href.startswith(("data:", "mailto:")) or urlsplit(href).scheme:
        return href
    target = urlsplit(urljoin("/" + page_url, href))
    path = target.path.lstrip("/")
    if path in gathered:
        name = gathered[path]
        return f"#{name}--{target.fragment}" if target.fragment else f"#{name}"
    link = relative(print_url, path)
    return link + (f"#{target.fragment}" if target.fragment else "")
