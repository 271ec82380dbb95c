"""The whole-site print page of a language: every page of the navigation, in order, gathered from
the built site into one document (docs/<lang>/print.md gives the page; its marker gets the pages).

Ids are prefixed with the page's slug so they stay unique, links between gathered pages become links
within the document, and other links are made relative to the print page. Controls that make no
sense on paper (edit buttons, forms, "Cite this page", heading permalinks) are left out.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts.citations.urls import page_dir
from scripts.reader.urls import relative

PRINT_MARKER = "<!-- print-all -->"
PRINT_PAGE = "print.md"
# Left out of the print page (_DROP below): edit buttons, "Cite this page", forms, heading permalinks,
# scripts, the "last updated" line and each page's masthead (the print page has its own).
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "for")   # attributes naming other ids
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
        inner = _adapt(article, name, url, print_url, gathered)
        title = _FIRST_H2.search(inner)
        heading_text = _TAGS.sub("", title.group(1)).strip() if title else rel
        contents.append(f'<li><a href="#{name}">{heading_text}</a></li>')
        sections.append(f'<section class="print-page" id="{name}" data-page="{url}">{inner}</section>')
    toc = (f'<nav class="print-contents" aria-label="{labels["contents"]}"><h2>{labels["contents"]}</h2>'
           f'<ol>{"".join(contents)}</ol></nav>')
    return f'<div class="print-all">{toc}{"".join(sections)}</div>'


def _article(page_html: str) -> str | None:
    """The inside of the page's <article>: the rest of the page (header, navigation, footer) is not
    needed."""
    start, end = page_html.find(_ARTICLE_START), page_html.rfind(_ARTICLE_END)
    if start < 0 or end < start:
        return None
    return page_html[page_html.index(">", start) + 1:end]


# The article's HTML is MkDocs' and Material's own output, regular enough to adapt with patterns in
# a few passes over the text: parsed into a tree and walked element by element, the two print pages
# (about 1 MB of HTML each) took half the site's build time.
_DROP = re.compile(
    r'<(form|script)\b[^>]*>.*?</\1>'                                   # forms (the timeline filter), scripts
    r'|<a\b[^>]*class="(?:headerlink|md-content__button)[^"]*"[^>]*>.*?</a>'  # permalinks, edit button
    r'|<aside class="md-source-file">.*?</aside>'                         # "last updated"
    r'|<details class="cite-page"[^>]*>.*?</details>'                     # "Cite this page"
    r'|<p class="print-masthead">.*?</p>', re.DOTALL)
_ID = re.compile(r'(\sid=")([^"]+)(")')
_ID_REFERENCES = re.compile(rf'(\s(?:{"|".join(ID_REFERENCES)})=")([^"]+)(")')
_LINK = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")([^"]*)(")')
_HEADING = re.compile(r"<(/?)h([1-5])\b")
_NOTES = re.compile(r'<details class="citation-notes-section"(?![^>]*\sopen)')
_FIRST_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def _adapt(article: str, name: str, url: str, print_url: str, gathered: dict[str, str]) -> str:
    """Drop what paper cannot use, prefix ids (and the attributes that name them) with the page's
    slug, rewrite links, move headings one level down and open the notes."""
    article = _DROP.sub("", article)
    article = _ID.sub(lambda m: f"{m.group(1)}{name}--{m.group(2)}{m.group(3)}", article)
    article = _ID_REFERENCES.sub(
        lambda m: m.group(1) + " ".join(f"{name}--{token}" for token in m.group(2).split()) + m.group(3), article)
    rewritten: dict[str, str] = {}  # a page links to the same few places many times (the Sources page)

    def link(match: re.Match) -> str:
        href = match.group(2)
        if href not in rewritten:
            rewritten[href] = _rewrite(html.unescape(href), url, print_url, gathered).replace("&", "&amp;")
        return match.group(1) + rewritten[href] + match.group(3)

    article = _LINK.sub(link, article)
    article = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", article)
    return _NOTES.sub('<details class="citation-notes-section" open', article)  # shown on screen too


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
