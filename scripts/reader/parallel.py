"""The parallel view of a page: English and Chinese side by side, section by section.

Built after both languages' builds from their rendered pages: each article is split at its level-2
headings (whose explicit ids are the same in both languages, `## The keynote {#keynote}`), the
sections are paired by id, and each row holds the section in both languages. CSS (parallel.css)
shows a row's two columns side by side on wide screens and one after the other on narrow ones,
which interleaves the languages section by section.

The page starts from the built page of the reader's language (its header, navigation, footer and
Content-Security-Policy) with its article replaced. It is written beside the page, at the same
depth ("origin/" gets "origin-parallel/"), so every relative link of the page's chrome stays valid.
Ids in each column get the column's language as prefix ("en--keynote", "zh--fn:cite-1"), so the two
notes lists never collide, and the links of the other language's column are rebased onto the new URL.
The page is `noindex`, with its canonical link left on the page it comes from.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from scripts.citations.urls import page_dir
from scripts.reader.printing import PRINT_PAGE, ID_REFERENCES, _ARTICLE_END, _ARTICLE_START

LINKS = {"a": "href", "img": "src"}                                 # attributes that hold a URL
HEADINGS = {f"h{level}" for level in range(1, 6)}


def _article(page_html: str):
    """The page's <article>, parsed on its own (the header, navigation and footer are not needed)."""
    from bs4 import BeautifulSoup

    start, end = page_html.find(_ARTICLE_START), page_html.rfind(_ARTICLE_END)
    if start < 0 or end < start:
        return None
    return BeautifulSoup(page_html[start:end + len(_ARTICLE_END)], "html.parser").article
from scripts.reader.urls import relative

SUFFIX = "-parallel"
LABELS = {"en": "English and Chinese side by side", "zh": "中英对照"}
COLUMN_NAMES = {"en": "English", "zh": "中文"}
LINK_CLASS = "parallel-link"   # the link to the view, at the top of every page that has one
# Left out of the columns: the view's own link, edit buttons, "Cite this page", "last updated",
# forms and scripts. Heading permalinks stay: they link to the section in its column.
DROP_TAGS = {"form", "script"}
DROP_CLASSES = {LINK_CLASS, "md-content__button", "cite-page", "md-source-file"}
NOTES_CLASS = "citation-notes-section"
TOP, NOTES = "top", "notes"   # the keys of the rows before the first heading and of the notes
_ALTERNATE = re.compile(r'<link rel=" alternate" hreflang="[^"]*" href="[^"]*">')
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')
_TITLE = re.compile(r"<title>([^<]*)</title>")
_FRAGMENT_LINK = re.compile(r'href="#([^"]+)"')
_ID = re.compile(r' id="([^"]+)"')
_SWITCHER = re.compile(r'(<a href=")([^"#]*/)(" hreflang="[^"]*" class="md-select__link">)')


@dataclass(frozen=True)
class Column:
    """One language's rendered page: its locale ("en"), html lang tag, URL ("zh/origin/") and HTML."""
    locale: str
    tag: str
    url: str
    html: str


def parallel_url(url: str) -> str:
    """The view's URL for a page URL: "zh/origin/" -> "zh/origin-parallel/"."""
    return url.rstrip("/") + SUFFIX + "/"


def has_view(rel: str, nav_rels: list[str]) -> bool:
    """Every page of the navigation but the home page and the whole-site print page."""
    return rel in nav_rels and rel not in ("index.md", PRINT_PAGE)


def link_href(rel: str) -> str:
    """The view's address relative to the page `rel` ("regions/africa.md" -> "../africa-parallel/")."""
    return "../" + page_dir(rel).rsplit("/", 1)[-1] + SUFFIX + "/"


def sections(column: Column, view_url: str) -> tuple[str, dict[str, str]]:
    """The page title and {section key: HTML} of a column, in page order, adapted for the view."""
    article = _article(column.html)
    if article is None:
        raise ValueError(f"{column.url}: no <article> in the built page; cannot build its parallel view")
    title_tag = article.find("h1")
    title = title_tag.get_text(" ", strip=True).removesuffix("¶").strip() if title_tag else ""
    _adapt(article, column, view_url)
    parts: dict[str, list[str]] = {TOP: []}
    key = TOP
    for child in article.children:
        name = getattr(child, "name", None)
        if name == "h3" and child.get("id"):   # an h2 before headings moved down a level
            key = child["id"].split("--", 1)[1]
        elif name == "details" and NOTES_CLASS in (child.get("class") or ()):
            key = NOTES
        parts.setdefault(key, []).append(str(child))
    return title, {k: "".join(v) for k, v in parts.items() if "".join(v).strip()}


def _adapt(article, column: Column, view_url: str) -> None:
    """Drop what the view does not use, prefix ids and the attributes naming them with the column's
    locale, rebase links onto the view's URL and move headings one level down (the view has its h1)."""
    prefix = column.locale + "--"
    for element in list(article.find_all(True)):
        if element.decomposed:
            continue
        if element.name in DROP_TAGS or DROP_CLASSES.intersection(element.get("class") or ()):
            element.decompose()
            continue
        if element.get("id"):
            element["id"] = prefix + element["id"]
        for attr in ID_REFERENCES:
            if element.get(attr):
                value = element[attr]
                tokens = value if isinstance(value, list) else str(value).split()
                element[attr] = " ".join(prefix + token for token in tokens)
        link_attr = LINKS.get(element.name)
        if link_attr and element.get(link_attr):
            element[link_attr] = _rebase(element[link_attr], column.url, view_url, prefix)
        if element.name in HEADINGS:
            element.name = f"h{int(element.name[1]) + 1}"


def _rebase(href: str, page_url: str, view_url: str, prefix: str) -> str:
    if href.startswith("#"):
        return "#" + prefix + href[1:]
    if href.startswith(("data:", "mailto:")) or urlsplit(href).scheme or href.startswith("//"):
        return href
    target = urlsplit(urljoin("/" + page_url, href))
    path = target.path.lstrip("/")
    if path == page_url and target.fragment:   # a section of the page itself: its column's copy
        return "#" + prefix + target.fragment
    return relative(view_url, path) + (f"#{target.fragment}" if target.fragment else "")


def row_keys(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """The rows in the reading language's order; a section only the other language has comes
    after the section it follows there; the notes last."""
    keys = [k for k in first if k != NOTES]
    for index, key in enumerate(second):
        if key not in keys and key != NOTES:
            before = next((k for k in reversed(list(second)[:index]) if k in keys), TOP)
            keys.insert(keys.index(before) + 1 if before in keys else len(keys), key)
    return keys + ([NOTES] if NOTES in first or NOTES in second else [])


def article_html(reader: Column, other: Column) -> str:
    """The view's <article> for a reader of `reader`'s language: one row per section, the reader's
    language first."""
    view_url = parallel_url(reader.url)
    columns = [(reader, *sections(reader, view_url)), (other, *sections(other, view_url))]
    title = columns[0][1]
    keys = row_keys(columns[0][2], columns[1][2])
    label = LABELS[reader.locale]
    head_cells = "".join(f'<p class="parallel__language" lang="{c.tag}">{COLUMN_NAMES[c.locale]}</p>'
                         for c, _, _ in columns)
    rows = []
    for key in keys:
        cells = "".join(
            f'<div class="parallel__cell" lang="{c.tag}" data-locale="{c.locale}">{parts.get(key, "")}</div>'
            for c, _, parts in columns)
        rows.append(f'<div class="parallel__row" data-section="{html_lib.escape(key)}">{cells}</div>')
    separator = "：" if reader.locale == "zh" else ": "
    back = (f'<p class="parallel__back"><a href="{relative(view_url, reader.url)}">{html_lib.escape(title)}</a></p>')
    return (f'{_ARTICLE_START} md-typeset parallel-view">'
            f'<h1 id="parallel">{html_lib.escape(title)}{separator}{label}</h1>{back}'
            f'<div class="parallel" aria-label="{label}" role="region">'
            f'<div class="parallel__row parallel__head" aria-hidden="true">{head_cells}</div>'
            f'{"".join(rows)}</div>{_ARTICLE_END}')


def page_html(reader: Column, other: Column) -> str:
    """The whole view page for a reader of `reader`'s language, from that language's built page."""
    page = reader.html
    start, end = page.find(_ARTICLE_START), page.rfind(_ARTICLE_END)
    article = article_html(reader, other)
    chrome_before, chrome_after = page[:start], page[end + len(_ARTICLE_END):]
    prefix = reader.locale + "--"
    # The table of contents and skip link point to the page's sections: now in the reader's column.
    ids = set(_ID.findall(page[start:end]))
    chrome_before = _FRAGMENT_LINK.sub(
        lambda m: f'href="#{prefix}{m.group(1)}"' if m.group(1) in ids else m.group(0), chrome_before)
    chrome_before = chrome_before.replace('href="./"', f'href="{relative(parallel_url(reader.url), reader.url)}"')
    chrome_before = _ALTERNATE.sub("", chrome_before)
    # The language switcher leads to the view in the other language (the section ids are the same).
    chrome_before = _SWITCHER.sub(lambda m: m.group(1) + parallel_url(m.group(2)) + m.group(3), chrome_before)
    chrome_before = _CANONICAL.sub(lambda m: m.group(0) + '<meta name="robots" content="noindex">',
                                   chrome_before, count=1)
    title = _TITLE.search(chrome_before)
    if title:
        separator = "：" if reader.locale == "zh" else ": "
        chrome_before = chrome_before.replace(
            title.group(0), f"<title>{LABELS[reader.locale]}{separator}{title.group(1)}</title>", 1)
    return chrome_before + article + chrome_after


def write_views(site_dir, rels: list[str], languages) -> list[str]:
    """Write the view of every page of `rels` for each of the two `languages` (Language objects, the
    default first) into the built site; returns the URLs written."""
    written = []
    for rel in rels:
        columns = []
        for language in languages:
            url = language.url_prefix + page_dir(rel) + "/"
            file = site_dir / url / "index.html"
            if not file.exists():
                break
            columns.append(Column(language.locale, language.tag, url, file.read_text(encoding="utf-8")))
        if len(columns) != 2:
            continue
        for reader, other in (columns, columns[::-1]):
            target = site_dir / parallel_url(reader.url) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_html(reader, other), encoding="utf-8")
            written.append(parallel_url(reader.url))
    return written
