"""The site search: Pagefind, one index per language, opened from Material's header search box.

Chosen over Material's own search (lunr, with jieba segmenting Chinese at build) on the committed query
set in data/search-queries.yml: `python -m scripts bench search` (`make bench-search`) builds the site,
runs every query through both engines in a real browser and prints MRR, top-3 hit rate and the bytes
a query fetches (README.md, "Site search", has the figures). Pagefind ranks whole pages (not
sections), weights headings, segments Chinese at build, and fetches only the index chunks a query
needs, when the reader searches, instead of the whole index on every page load.

What this module does at build:
- `mark_page` makes the page's `<article>` the indexed part (`data-pagefind-body`: navigation,
  header and footer are not indexed) on every page the search covers; pages with `search: exclude`
  in their front matter (the print pages) and the 404 page are left out, and so is what the site
  marks `data-search-exclude` (the notes, the source excerpts), as Material's search left them out.
  Index-only text (attributes that Pagefind indexes, `data-pagefind-index-attrs`, on an empty
  element: nothing visible or read aloud) adds the page's `description` (a summary of what it
  treats: it lifted the Chinese query set's MRR from 0.871 to 0.900, on 57 queries) and the
  glossary terms of the entries whose `page:` is this page: the hanzi, the pinyin without tones
  (`wangluo zhuquan` finds 网络主权), and on Chinese pages the English headword and attested
  translations (`cyber sovereignty`). Nothing is hard-coded per query.
- `index_copy` is the copy of a marked page that Pagefind reads (scripts/site/pagefind_index.py
  indexes each language's copies beside the build, into `pagefind/`, and cuts each word index into
  chunks of a few KiB: scripts/site/pagefind_chunks.py). On Chinese pages the copy also holds the
  suffixes of the page's words (`han_suffixes` says why), which the page itself does not carry.

In the browser, assets/javascripts/search.js loads Pagefind's own script from `pagefind/` (no CDN)
when the reader first uses the search, and shows the results in Material's search panel. Pagefind
runs WebAssembly, which the Content-Security-Policy allows with 'wasm-unsafe-eval' (scripts/site/security.py).

`make bench-search` builds the site a second time with Material's search plugin put back in the
config (scripts/bench/search.py), for the comparison.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from scripts.content.data import Entry, _headword

OUTPUT = "pagefind"
ARTICLE = '<article class="md-content__inner md-typeset">'
# Not indexed, as Material's search did not index them: what the site marks `data-search-exclude`
# (each page's notes list, the source excerpts of the Sources page), the note numbers in the text,
# and what the theme puts in every article around the text (the print masthead, the link to the
# parallel view, the edit button, the date of the last update, "Cite this page"): the same words on
# every page, which opened many a result's excerpt ("Cyberspace Community Explainer · https://…").
# The ¶ of heading permalinks stays: left out, the Chinese query set ranked worse (世界互联网大会 put
# its page 5th, not 2nd), presumably as headings ran into the text after them; search.js hides it.
EXCLUDED_CLASSES = ("footnote-ref", "print-masthead", "parallel-link", "md-content__button", "md-source-file", "cite-page")
EXCLUDE = ", ".join(["[data-search-exclude]", *(f".{name}" for name in EXCLUDED_CLASSES)])
_PARENTHESIS = re.compile(r"\s*[(（][^)）]*[)）]")  # a translation's note: "multi-stakeholder (variant)"


def toneless(pinyin: str) -> str:
    """Pinyin as typed on a keyboard without tones: "Zhōng-Fēi wǎngluò" -> "zhong fei wangluo"."""
    # ü (with or without a tone mark) is typed v, as in Chinese input methods: lǜsè -> lvse.
    decomposed = unicodedata.normalize("NFD", pinyin).replace("u\u0308", "v").replace("U\u0308", "V")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.split(r"[\s\-]+", plain.casefold())).strip()


def page_terms(entries: list[Entry], locale: str) -> dict[str, list[str]]:
    """{page path in the language folder ("sovereignty.md"): the index-only terms of its glossary entries}."""
    terms: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        page = str(entry.data.get("page") or "").partition("#")[0]
        if not page:
            continue
        words = [str(entry.data.get("hanzi") or ""), toneless(str(entry.data.get("pinyin") or ""))]
        if locale != "en":  # English equivalents, which Chinese pages seldom spell out
            words.append(_headword(entry))
            words += [_PARENTHESIS.sub("", str(t.get("text") or "")) for t in entry.data.get("translations") or []
                      if isinstance(t, dict)]
        for word in words:
            if word and word not in terms[page]:
                terms[page].append(word)
    return dict(terms)


_HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_TAGS = re.compile(r"<[^>]+>")


def han_suffixes(page_html: str) -> list[str]:
    """The proper suffixes of the article's Chinese words (as jieba cuts them), each once.

    Pagefind cuts Chinese at build with jieba, but the browser cuts the query with its own
    dictionary (Intl.Segmenter), often finer: 东盟 becomes 东 + 盟, and a page where jieba indexed
    东盟 as one word has no word starting with 盟, so it was not found. Each piece of a word is the
    start of one of the word's suffixes, and Pagefind matches a query word to the start of an
    indexed word: with the suffixes indexed, every piece of a query found in the text is found."""
    return _suffixes(_han_text(page_html))


def _han_text(page_html: str) -> str:
    """The Chinese of the article's indexed text (what EXCLUDE leaves out does not count: the note
    texts, the theme's parts of the article)."""
    start, end = page_html.find(ARTICLE[:-1]), page_html.rfind("</article>")
    return " ".join(_HAN_RUN.findall(_TAGS.sub(" ", _indexed(page_html[start:end]))))


_EXCLUDED_START = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)\b(?=[^>]*(?:\sdata-search-exclude\b|\sclass="(?:[^"]*\s)?(?:'
                             + "|".join(EXCLUDED_CLASSES) + r')(?:\s[^"]*)?"))[^>]*>')


def _indexed(fragment: str) -> str:
    """`fragment` without the elements EXCLUDE names (each cut from its start tag to its end tag)."""
    out, position = [], 0
    for start in _EXCLUDED_START.finditer(fragment):
        if start.start() < position:
            continue   # inside an element already cut
        out.append(fragment[position:start.start()])
        position = _element_end(fragment, start)
    out.append(fragment[position:])
    return "".join(out)


def _element_end(fragment: str, start: re.Match) -> int:
    """Where the element that `start` opens ends (after its end tag; the end of `fragment` if it has none)."""
    tags = re.compile(rf"<(/?){start.group(1)}\b[^>]*>", re.IGNORECASE)
    depth = 1
    for tag in tags.finditer(fragment, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(fragment)


def _suffixes(han_text: str) -> list[str]:
    jieba = _jieba()
    words = {word for run in han_text.split() for word in jieba.cut(run) if len(word) >= 2}
    return sorted({word[i:] for word in words for i in range(1, len(word))})


class Pieces:
    """`han_suffixes` of each Chinese page's text, taken from .cache/build/ (scripts/site/build_cache.py)
    when the text was cut before: jieba, which takes a second to load, is loaded only for a page whose
    Chinese has changed, or at once (`preload`) when nothing was kept. `save` keeps this build's pages'."""

    def __init__(self) -> None:
        from scripts.site import build_cache

        self._cache = build_cache
        self._kept = build_cache.load("search-pieces")
        self._version = _cutter_version()
        self._used: dict[str, list[str]] = {}

    def preload(self) -> None:
        """Load jieba now if no page's pieces were kept (a fresh checkout): while waiting for pages."""
        if not self._kept:
            _jieba()

    def of(self, page_html: str) -> str:
        """The pieces of the page's article, joined by spaces."""
        text = _han_text(page_html)
        key = self._cache.digest(self._version, text)
        pieces = self._kept.get(key)
        if pieces is None:
            pieces = _suffixes(text)
        self._used[key] = pieces
        return " ".join(pieces)

    def save(self) -> None:
        self._cache.save("search-pieces", self._used)


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _cutter_version() -> str:
    """What else decides the pieces: jieba's version and this module's code."""
    from importlib.metadata import version

    return version("jieba") + Path(__file__).read_text(encoding="utf-8")


def _index_only(name: str, text: str) -> str:
    """An empty element whose attribute Pagefind indexes (as plain text: Pagefind gives an indexed
    attribute no weight of its element, tried with data-pagefind-weight on it and on the h1)."""
    return f'<span data-pagefind-index-attrs="data-{name}" data-{name}="{html.escape(text, quote=True)}"></span>'


def mark_page(page_html: str, searchable: bool, terms: list[str], summary: str = "", weight: float | None = None) -> str:
    """The page with its article marked as the indexed part and its index-only text, if searchable:
    its glossary terms and its summary (the front matter's `description`). `weight` (the front matter's `search: boost:`,
    Material's own key) scales the whole article's weight in the ranking: the pages that list what
    other pages treat (Timeline, Glossary, Sources, Claims checked, Map) mention every subject and,
    unweighted, came first for a subject instead of the page that treats it."""
    if not searchable or ARTICLE not in page_html:
        return page_html
    if weight is not None:
        if not 0 <= weight <= 10:
            raise ValueError(f"search boost {weight} is outside Pagefind's weights, 0 to 10")
        page_html = page_html.replace(ARTICLE, ARTICLE[:-1] + f' data-pagefind-weight="{weight:g}">', 1)
    extra = _index_only("search-terms", " · ".join(terms)) if terms else ""
    if summary:
        extra += _index_only("search-summary", summary)
    start = page_html.index(ARTICLE[:-1])
    end = page_html.index(">", start)
    return page_html[:end] + " data-pagefind-body>" + extra + page_html[end + 1:]


def is_marked(page_html: str) -> bool:
    """Whether `mark_page` marked the page for the index (a page without Material's article is not)."""
    return ARTICLE[:-1] + " data-pagefind-" in page_html


_INDEX_ONLY_RUN = re.compile(r'(?:<span data-pagefind-index-attrs="[^"]*" [^>]*></span>)*')
_HTML_LANG = re.compile(r'<html\b[^>]*?\blang="([^"]+)"')


def index_copy(marked_html: str) -> str:
    """What Pagefind reads of a page marked by `mark_page` (scripts/site/pagefind_index.py): a document
    of its `<html lang>` and its marked article, nothing else of the page (Pagefind indexes nothing
    else of it: the same index, tested)."""
    language = _HTML_LANG.search(marked_html)
    start = marked_html.find(ARTICLE[:-1] + " ")
    end = marked_html.rfind("</article>")
    if language is None or start < 0 or end < start or "data-pagefind-body>" not in marked_html[start:end]:
        raise ValueError("not a page marked for the search: no <html lang> or no marked <article>")
    article = marked_html[start:end + len("</article>")]
    return f'<!DOCTYPE html>\n<html lang="{language.group(1)}"><meta charset="utf-8"><body>{article}</body></html>\n'


def with_pieces(copy: str, pieces: str) -> str:
    """The page's copy for the index with its words' suffixes (`han_suffixes` joined: `Pieces`) as
    index-only text, after its other index-only text (Pagefind reads it in order)."""
    after = _INDEX_ONLY_RUN.match(copy, copy.index("data-pagefind-body>") + len("data-pagefind-body>")).end()
    return copy[:after] + _index_only("search-pieces", pieces) + copy[after:]
