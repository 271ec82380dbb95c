"""A built page's <article>, cut out and adapted for another page that shows it: the whole-site print
page (printing.py) and the parallel view (parallel.py).

The article is MkDocs' and Material's own output, regular enough to adapt with patterns in a few
passes over the text. Parsed into a tree and walked element by element, the print pages (about 1 MB of
HTML each) took half the site's build time, and the parallel views later took twice the whole build.
"""

from __future__ import annotations

import html
import re
from typing import Callable

ARTICLE_START, ARTICLE_END = '<article class="md-content__inner', "</article>"
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "for")   # attributes naming other ids

# What a page shown inside another page leaves out, by name (see `drop`).
PARTS = {
    "forms": r'<(form|script)\b[^>]*>.*?</\1>',                     # forms (the timeline filter), scripts
    "permalinks": r'<a\b[^>]*class="headerlink[^"]*"[^>]*>.*?</a>',
    "edit": r'<a\b[^>]*class="md-content__button[^"]*"[^>]*>.*?</a>',
    "updated": r'<aside class="md-source-file">.*?</aside>',        # "last updated"
    "cite": r'<details class="cite-page"[^>]*>.*?</details>',       # "Cite this page"
    "masthead": r'<p class="print-masthead">.*?</p>',
    "parallel-link": r'<p class="parallel-link">.*?</p>',
}
_ID_REFERENCES = re.compile(rf'( (?:{"|".join(ID_REFERENCES)})=")([^"]+)(")')
_LINK = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")([^"]*)(")')


def inner(page_html: str) -> str | None:
    """The inside of the page's <article> (the header, navigation and footer are not needed), or None."""
    start, end = page_html.find(ARTICLE_START), page_html.rfind(ARTICLE_END)
    if start < 0 or end < start:
        return None
    return page_html[page_html.index(">", start) + 1:end]


def dropper(*names: str) -> re.Pattern:
    """One pattern for the PARTS named, to pass to `adapt`."""
    return re.compile("|".join(PARTS[name] for name in names), re.DOTALL)


def adapt(article: str, drop: re.Pattern, prefix: str, rewrite: Callable[[str], str]) -> str:
    """Leave out what `drop` matches, prefix ids (and the attributes that name them) with `prefix`,
    rewrite each link's URL (unescaped) with `rewrite`, and move headings one level down (the page that
    shows the article has its own h1)."""
    article = drop.sub("", article)
    # Python-Markdown and Material write attributes after one space: str.replace, many times faster
    # than a pattern that tries every space.
    article = article.replace(' id="', ' id="' + prefix)
    if any(f' {name}="' in article for name in ID_REFERENCES):
        article = _ID_REFERENCES.sub(
            lambda m: m.group(1) + " ".join(prefix + token for token in m.group(2).split()) + m.group(3), article)
    rewritten: dict[str, str] = {}  # a page links to the same few places many times (the Sources page)

    def link(match: re.Match) -> str:
        href = match.group(2)
        if href not in rewritten:
            rewritten[href] = html.escape(rewrite(html.unescape(href)), quote=True)
        return match.group(1) + rewritten[href] + match.group(3)

    article = _LINK.sub(link, article)
    for level in range(5, 0, -1):   # h5 -> h6 first, so that no heading moves twice
        article = article.replace(f"<h{level}", f"<h{level + 1}").replace(f"</h{level}", f"</h{level + 1}")
    return article
