"""The parallel view of a page: English and Chinese side by side, section by section.

Built after both languages' builds from their rendered pages: each article is split at its level-2
headings (whose explicit ids are the same in both languages, `## The keynote {#keynote}`), the
sections are paired by id, and each row holds the section in both languages. CSS (parallel.css)
shows a row's two columns side by side on wide screens and one after the other on narrow ones,
which interleaves the languages section by section.

The page starts from the built page of the reader's language (its header, navigation, footer and
Content-Security-Policy) with its article replaced. It is written beside the page ("origin/" gets
"origin-parallel/"); the home page, which has no name to put a suffix on, gets its view one level
down ("" gets "home-parallel/", "zh/" gets "zh/home-parallel/"). The relative links of the chrome
(stylesheets, scripts, navigation, Material's `__config`) are rebased onto the view's URL; the inline
scripts keep their text, so the page's policy, which allows them by hash, holds for the view.
Ids in each column get the column's language as prefix ("en--keynote", "zh--fn:cite-1"), so the two
notes lists never collide, and the links of the other language's column are rebased onto the new URL.
The page is `noindex`, with its canonical link left on the page it comes from.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from scripts.citations.urls import page_dir
from scripts.reader import article
from scripts.reader.article import ARTICLE_END, ARTICLE_START
from scripts.reader.printing import PRINT_PAGE
from scripts.reader.urls import leaves_site, rebase, rebase_links, relative, target
from scripts.translation.languages import LANGUAGES

SUFFIX = "-parallel"
HOME_VIEW = "home" + SUFFIX   # the view of a language's home page, one level down: "zh/home-parallel/"
_HOMES = {language.url_prefix for language in LANGUAGES}   # the home pages' URLs: "", "zh/"
LABELS = {"en": "English and Chinese side by side", "zh": "中英对照"}
COLUMN_NAMES = {"en": "English", "zh": "中文"}
LINK_CLASS = "parallel-link"   # the link to the view, at the top of every page that has one
# Left out of the columns: the view's own link, edit buttons, "Cite this page", "last updated",
# forms and scripts. Heading permalinks stay: they link to the section in its column.
_DROP = article.dropper("forms", "edit", "updated", "cite", "parallel-link")
# Where a row starts, after headings moved down a level: a section's heading, or the notes. Only at
# the article's top level, which the containers a heading could sit in tell (_BOUNDARIES).
_BOUNDARIES = re.compile(r'<(/?)(?:div|details|section|blockquote|table|ul|ol|aside|figure)\b'
                         r'|(?P<heading><h3 id="[a-z]+--(?P<key>[^"]+)")')
_NOTES_START = '<details class="citation-notes-section"'
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_PERMALINK = article.dropper("permalinks")
_TAGS = re.compile(r"<[^>]+>")
TOP, NOTES = "top", "notes"   # the keys of the rows before the first heading and of the notes
_ALTERNATE = re.compile(r'<link rel=" alternate" hreflang="[^"]*" href="[^"]*">')
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')
_TITLE = re.compile(r"<title>([^<]*)</title>")
_FRAGMENT_LINK = re.compile(r'href="#([^"]+)"')
_ID = re.compile(r' id="([^"]+)"')
_SWITCHER = re.compile(r'(<a href=")([^"#]*)(" hreflang="[^"]*" class="md-select__link">)')
# Material's configuration, data in a script, and its URLs: the root its script resolves requests against
# (`base`), its search worker.
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_CONFIG_URL = re.compile(r'("(?:base|search)": ")([^"]*)(")')


@dataclass(frozen=True)
class Column:
    """One language's rendered page: its locale ("en"), html lang tag, URL ("zh/origin/") and HTML."""
    locale: str
    tag: str
    url: str
    html: str


def parallel_url(url: str) -> str:
    """The view's URL for a page URL: "zh/origin/" -> "zh/origin-parallel/", "zh/" -> "zh/home-parallel/"."""
    return url + HOME_VIEW + "/" if url in _HOMES else url.rstrip("/") + SUFFIX + "/"


def has_view(rel: str, nav_rels: list[str]) -> bool:
    """Every page of the navigation but the whole-site print page."""
    return rel in nav_rels and rel != PRINT_PAGE


def link_href(rel: str) -> str:
    """The view's address relative to the page `rel` ("regions/africa.md" -> "../africa-parallel/",
    "index.md" -> "home-parallel/")."""
    directory = page_dir(rel)
    return "../" + directory.rsplit("/", 1)[-1] + SUFFIX + "/" if directory else HOME_VIEW + "/"


# Where the site's root goes in a column's links: each view puts in its own "../"s. A column is thus
# adapted once for both views of its page (the reader's language first, and the other language first).
_ROOT = "\x00root\x00"


def sections(column: Column) -> tuple[str, dict[str, str]]:
    """The page title and {section key: HTML} of a column, in page order, adapted for the views
    (`in_view` puts in the view's way to the site root)."""
    inner = article.inner(column.html)
    if inner is None:
        raise ValueError(f"{column.url}: no <article> in the built page; cannot build its parallel view")
    heading = _H1.search(inner)
    title = " ".join(html_lib.unescape(_TAGS.sub(" ", _PERMALINK.sub("", heading.group(1)))).split()) if heading else ""
    adapted = article.adapt(inner, _DROP, column.locale + "--", lambda href: _rebase(href, column.url, column.locale + "--"))
    parts: dict[str, str] = {}
    key, start, depth = TOP, 0, 0
    for match in _BOUNDARIES.finditer(adapted):
        if match.group("heading") is None:
            notes = depth == 0 and adapted.startswith(_NOTES_START, match.start())
            if notes:
                parts[key], key, start = adapted[start:match.start()], NOTES, match.start()
            depth += -1 if match.group(1) else 1
        elif depth == 0:
            parts[key], key, start = adapted[start:match.start()], match.group("key"), match.start()
    parts[key] = adapted[start:]
    return title, {k: v for k, v in parts.items() if v.strip()}


def _rebase(href: str, page_url: str, prefix: str) -> str:
    if href.startswith("#"):
        return "#" + prefix + href[1:]
    if leaves_site(href):
        return href
    found = target(page_url, href)
    if found.path == page_url and found.fragment:
        return "#" + prefix + found.fragment   # a section of the page itself: its column's copy
    return (_ROOT + found.path + (f"?{found.query}" if found.query else "")
            + (f"#{found.fragment}" if found.fragment else ""))


def in_view(adapted: str, view_url: str) -> str:
    """A column's HTML (`sections`) with its links leading from the view at `view_url`."""
    return adapted.replace(_ROOT, "../" * view_url.count("/"))


def row_keys(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """The rows in the reading language's order; a section only the other language has comes
    after the section it follows there; the notes last."""
    keys = [k for k in first if k != NOTES]
    for index, key in enumerate(second):
        if key not in keys and key != NOTES:
            before = next((k for k in reversed(list(second)[:index]) if k in keys), TOP)
            keys.insert(keys.index(before) + 1 if before in keys else len(keys), key)
    return keys + ([NOTES] if NOTES in first or NOTES in second else [])


def article_html(reader: Column, other: Column, made: dict | None = None) -> str:
    """The view's <article> for a reader of `reader`'s language: one row per section, the reader's
    language first. `made` holds each column's `sections` by locale, if they are made already."""
    view_url = parallel_url(reader.url)
    made = made or {column.locale: sections(column) for column in (reader, other)}
    columns = [(reader, *made[reader.locale]), (other, *made[other.locale])]
    title = columns[0][1]
    keys = row_keys(columns[0][2], columns[1][2])
    label = LABELS[reader.locale]
    head_cells = "".join(f'<p class="parallel__language" lang="{c.tag}">{COLUMN_NAMES[c.locale]}</p>'
                         for c, _, _ in columns)
    rows = []
    for key in keys:
        cells = "".join(
            f'<div class="parallel__cell" lang="{c.tag}" data-locale="{c.locale}">{in_view(parts.get(key, ""), view_url)}</div>'
            for c, _, parts in columns)
        rows.append(f'<div class="parallel__row" data-section="{html_lib.escape(key)}">{cells}</div>')
    separator = "：" if reader.locale == "zh" else ": "
    back = (f'<p class="parallel__back"><a href="{relative(view_url, reader.url)}">{html_lib.escape(title)}</a></p>')
    return (f'{ARTICLE_START} md-typeset parallel-view">'
            f'<h1 id="parallel">{html_lib.escape(title)}{separator}{label}</h1>{back}'
            f'<div class="parallel" aria-label="{label}" role="region">'
            f'<div class="parallel__row parallel__head" aria-hidden="true">{head_cells}</div>'
            f'{"".join(rows)}</div>{ARTICLE_END}')


def page_html(reader: Column, other: Column, made: dict | None = None) -> str:
    """The whole view page for a reader of `reader`'s language, from that language's built page."""
    before, after = view_chrome(reader)
    return before + article_html(reader, other, made) + after


def view_chrome(reader: Column) -> tuple[str, str]:
    """What the view of a reader of `reader`'s language keeps of that page around its article (the
    header, navigation and footer), made for the view's address."""
    page = reader.html
    start, end = page.find(ARTICLE_START), page.rfind(ARTICLE_END)
    view_url = parallel_url(reader.url)
    chrome_before, chrome_after = (_rebase_chrome(chrome, reader.url, view_url)
                                   for chrome in (page[:start], page[end + len(ARTICLE_END):]))
    prefix = reader.locale + "--"
    # The table of contents and skip link point to the page's sections: now in the reader's column.
    ids = set(_ID.findall(page[start:end]))
    chrome_before = _FRAGMENT_LINK.sub(
        lambda m: f'href="#{prefix}{m.group(1)}"' if m.group(1) in ids else m.group(0), chrome_before)
    chrome_before = _ALTERNATE.sub("", chrome_before)
    # The language switcher leads to the view in the other language (the section ids are the same).
    chrome_before = _SWITCHER.sub(
        lambda m: m.group(1) + relative(view_url, parallel_url(_site_url(m.group(2), view_url))) + m.group(3),
        chrome_before)
    chrome_before = _CANONICAL.sub(lambda m: m.group(0) + '<meta name="robots" content="noindex">',
                                   chrome_before, count=1)
    title = _TITLE.search(chrome_before)
    if title:
        separator = "：" if reader.locale == "zh" else ": "
        chrome_before = chrome_before.replace(
            title.group(0), f"<title>{LABELS[reader.locale]}{separator}{title.group(1)}</title>", 1)
    return chrome_before, chrome_after


def _rebase_chrome(chrome: str, page_url: str, view_url: str) -> str:
    """The page's chrome with its relative URLs leading from `view_url` where they led from `page_url`."""
    def config(match: re.Match) -> str:
        urls = _CONFIG_URL.sub(lambda m: m.group(1) + rebase(m.group(2), page_url, view_url) + m.group(3),
                               match.group(2))
        return match.group(1) + urls + match.group(3)

    return _CONFIG.sub(config, rebase_links(chrome, page_url, view_url), count=1)


def _site_url(href: str, page_url: str) -> str:
    """The site URL a relative link on the page at `page_url` leads to: "../zh/" on "home-parallel/" is "zh/"."""
    return target(page_url, href).path


def write_views(site_dir, rels: list[str], languages) -> list[str]:
    """Write the view of every page of `rels` for each of the two `languages` (Language objects, the
    default first) into the built site, from its built pages; returns the URLs written."""
    writer = ViewWriter(site_dir, languages)
    for rel in rels:
        for language in languages:
            file = site_dir / column_url(language, rel) / "index.html"
            if file.exists():
                writer.add(language.locale, rel, file.read_text(encoding="utf-8"))
    return writer.written


def column_url(language, rel: str) -> str:
    """The URL of a page (`rel`, its path in the language folders) in a language: "zh/origin/"."""
    directory = page_dir(rel)
    return language.url_prefix + (directory + "/" if directory else "")


class ViewWriter:
    """The views, written as the pages are built: `add` each language's page as it comes; once a page
    is there in both languages, its two views are written. What a column needs in a view (its
    sections and the chrome of its own view) is made when its page comes, so the first language's
    share of the work is done while the second language is built."""

    def __init__(self, site_dir, languages) -> None:
        self.site_dir, self.languages = site_dir, list(languages)
        self.written: list[str] = []
        self._columns: dict[str, dict[str, tuple]] = {}   # {rel: {locale: (column, sections, chrome)}}

    def add(self, locale: str, rel: str, page: str) -> None:
        language = next(language for language in self.languages if language.locale == locale)
        column = Column(locale, language.tag, column_url(language, rel), page)
        columns = self._columns.setdefault(rel, {})
        columns[locale] = (column, sections(column), view_chrome(column))
        if len(columns) == len(self.languages):
            self._write(rel, [columns[language.locale] for language in self.languages])
            del self._columns[rel]

    def _write(self, rel: str, columns: list[tuple]) -> None:
        made = {column.locale: parts for column, parts, _ in columns}
        for (reader, _, (before, after)), (other, _, _) in (columns, columns[::-1]):
            view = parallel_url(reader.url)
            if view in self.written:   # docs/<lang>/home.md would take the home page's view
                raise ValueError(f"docs/{reader.locale}/{rel}: its parallel view {view} is "
                                 "another page's view too; rename the page")
            target = self.site_dir / view / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(before + article_html(reader, other, made) + after, encoding="utf-8")
            self.written.append(view)
