"""The whole-site print page of a language: every page of the navigation, in order, gathered from
the built site into one document (docs/<lang>/print.md gives the page; its marker gets the pages).

Ids are prefixed with the page's slug so they stay unique, links between gathered pages become links
within the document, and other links are made relative to the print page. Controls that make no
sense on paper (edit buttons, forms, "Cite this page", heading permalinks) are left out.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts.citations.urls import page_dir
from scripts.reader.urls import relative

PRINT_MARKER = "<!-- print-all -->"
PRINT_PAGE = "print.md"
# Left out of the print page: edit buttons, "Cite this page", forms, heading permalinks, scripts, the
# "last updated" line and each page's masthead (the print page has its own).
DROP_TAGS = {"form", "script"}
DROP_CLASSES = {"md-content__button", "cite-page", "headerlink", "md-source-file", "print-masthead"}
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "for")   # attributes naming other ids
LINKS = {"a": "href", "img": "src"}
HEADINGS = {f"h{level}" for level in range(1, 6)}                # h1 -> h2 ... h5 -> h6
_ARTICLE_START, _ARTICLE_END = '<article class="md-content__inner', "</article>"


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
        article = _article(file.read_text(encoding="utf-8")) if file.exists() else None
        if article is None:
            continue
        name = gathered[url]
        _adapt(article, name, url, print_url, gathered)
        title = article.find("h2")
        heading_text = title.get_text(" ", strip=True) if title else rel
        contents.append(f'<li><a href="#{name}">{heading_text}</a></li>')
        inner = "".join(str(child) for child in article.children)
        sections.append(f'<section class="print-page" id="{name}" data-page="{url}">{inner}</section>')
    toc = (f'<nav class="print-contents" aria-label="{labels["contents"]}"><h2>{labels["contents"]}</h2>'
           f'<ol>{"".join(contents)}</ol></nav>')
    return f'<div class="print-all">{toc}{"".join(sections)}</div>'


def _article(page_html: str):
    """The page's <article>, parsed on its own: the rest of the page (header, navigation, footer)
    is not needed, and parsing it was most of the print page's build time."""
    from bs4 import BeautifulSoup  # here, not at the top: a site without a print page never needs it (0.08 s)

    start, end = page_html.find(_ARTICLE_START), page_html.rfind(_ARTICLE_END)
    if start < 0 or end < start:
        return None
    return BeautifulSoup(page_html[start:end + len(_ARTICLE_END)], "html.parser").article


def _adapt(article, name: str, url: str, print_url: str, gathered: dict[str, str]) -> None:
    """In one pass over the article: drop what paper cannot use, prefix ids (and the attributes
    that name them) with the page's slug, rewrite links, and move headings one level down."""
    for element in list(article.find_all(True)):
        if element.decomposed:   # inside an element dropped earlier in this pass
            continue
        if element.name in DROP_TAGS or DROP_CLASSES.intersection(element.get("class") or ()):
            element.decompose()
            continue
        if element.get("id"):
            element["id"] = f"{name}--{element['id']}"
        for attr in ID_REFERENCES:
            if element.get(attr):
                value = element[attr]
                tokens = value if isinstance(value, list) else str(value).split()
                element[attr] = " ".join(f"{name}--{token}" for token in tokens)
        link_attr = LINKS.get(element.name)
        if link_attr and element.get(link_attr):
            element[link_attr] = _rewrite(element[link_attr], url, print_url, gathered)
        if element.name in HEADINGS:
            element.name = f"h{int(element.name[1]) + 1}"
        elif element.name == "details" and "citation-notes-section" in (element.get("class") or ()):
            element["open"] = ""    # a print page shows its notes on screen too


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
