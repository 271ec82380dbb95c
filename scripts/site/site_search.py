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
  translations (`cyber sovereignty`). Nothing is hard-coded per query. On Chinese pages it also
  adds the suffixes of the page's words (`han_suffixes` says why).
- `run_pagefind` indexes the built site into `pagefind/` once all languages are built (about 2 s),
  and cuts each language's word index into chunks of a few KiB (scripts/site/pagefind_chunks.py:
  Pagefind's own are 30 to 40 KiB, one fetched for each word of a query).

In the browser, assets/javascripts/search.js loads Pagefind's own script from `pagefind/` (no CDN)
when the reader first uses the search, and shows the results in Material's search panel. Pagefind
runs WebAssembly, which the Content-Security-Policy allows with 'wasm-unsafe-eval' (scripts/site/security.py).

`make bench-search` builds the site a second time with Material's search plugin put back in the
config (scripts/bench/search.py), for the comparison.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from scripts.content.data import Entry, _headword
from scripts.site import beside, pagefind_chunks

OUTPUT = "pagefind"
ARTICLE = '<article class="md-content__inner md-typeset">'
# Not indexed, as Material's search did not index them: what the site marks `data-search-exclude`
# (each page's notes list, the source excerpts of the Sources page), the note numbers in the text,
# and what the theme puts in every article around the text (the print masthead, the link to the
# parallel view, the edit button, the date of the last update, "Cite this page"): the same words on
# every page, which opened many a result's excerpt ("Cyberspace Community Explainer · https://…").
# The ¶ of heading permalinks stays: left out, the Chinese query set ranked worse (世界互联网大会 put
# its page 5th, not 2nd), presumably as headings ran into the text after them; search.js hides it.
EXCLUDE = ("[data-search-exclude], .footnote-ref, .print-masthead, .parallel-link, .md-content__button, "
           ".md-source-file, .cite-page")
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
    start, end = page_html.find(ARTICLE), page_html.rfind("</article>")
    return " ".join(_HAN_RUN.findall(_TAGS.sub(" ", page_html[start:end])))


def _suffixes(han_text: str) -> list[str]:
    import jieba

    words = {word for run in han_text.split() for word in jieba.cut(run) if len(word) >= 2}
    return sorted({word[i:] for word in words for i in range(1, len(word))})


def cut_lines(lines) -> list[list[str]]:
    """`_suffixes` of each text sent to `PieceCutter`'s second process (one JSON string a line). A text
    cut before is taken from .cache/build/ (scripts/site/build_cache.py): jieba, which takes a second
    to load, is loaded only for a page whose Chinese has changed."""
    from scripts.site import build_cache

    cached = build_cache.load("search-pieces")
    version = _cutter_version()
    texts = [json.loads(line) for line in lines]
    keys = [build_cache.digest(version, text) for text in texts]
    results = [cached.get(key) for key in keys]
    if any(result is None for result in results):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        results = [result if result is not None else _suffixes(text) for result, text in zip(results, texts)]
        build_cache.save("search-pieces", dict(zip(keys, results)))   # this build's pages only
    return results


def _cutter_version() -> str:
    """What else decides the pieces: jieba's version and this module's code."""
    from importlib.metadata import version

    return version("jieba") + Path(__file__).read_text(encoding="utf-8")


class PieceCutter:
    """`han_suffixes` for the Chinese pages, cut in a second process while the build goes on.

    jieba takes about a second to load its dictionary and half a second to cut the site's Chinese;
    in the build's own process that was a fifth of the build. The second process (`cut_lines`, run by
    scripts/site/beside.py) starts with the build (`start`) and loads jieba while the English pages
    are built; each Chinese page gets a placeholder (`placeholder`) and its text goes to that process;
    `fill` writes the pieces into the built pages before Pagefind reads them. Without a second
    process, it cuts here."""

    TOKEN = "@@search-pieces@@"

    def __init__(self) -> None:
        self._slot = beside.Slot()
        self._pending: list[tuple[Path, str]] = []   # (built file, its Chinese text), in the order sent

    def start(self) -> None:
        self._pending = []
        self._slot.put(beside.start("scripts.site.site_search:cut_lines"))

    def placeholder(self, page_html: str, built_file: Path) -> str:
        """What `mark_page` indexes as the page's pieces: the token `fill` replaces."""
        text = _han_text(page_html)
        self._pending.append((built_file, text))
        process = self._slot.current
        if process is not None and not beside.send(process, text):
            self._slot.put(None)   # it has gone: `fill` cuts here
        return self.TOKEN

    def fill(self) -> None:
        """Write each page's pieces in place of its placeholder, in the built files."""
        pending, self._pending = self._pending, []
        process = self._slot.take()
        results = beside.collect(process, "cutting the Chinese pages' words for the search index") if process else None
        if results is not None and len(results) != len(pending):
            raise RuntimeError(f"the word cutter answered for {len(results)} of {len(pending)} Chinese pages")
        for (built_file, text), pieces in zip(pending, results or [_suffixes(t) for _, t in pending]):
            page = built_file.read_text(encoding="utf-8")
            if page.count(self.TOKEN) != 1:
                raise RuntimeError(f"{built_file}: expected one search-pieces placeholder, found {page.count(self.TOKEN)}")
            built_file.write_text(page.replace(self.TOKEN, html.escape(" ".join(pieces), quote=True)), encoding="utf-8")


def _index_only(name: str, text: str) -> str:
    """An empty element whose attribute Pagefind indexes (as plain text: Pagefind gives an indexed
    attribute no weight of its element, tried with data-pagefind-weight on it and on the h1)."""
    return f'<span data-pagefind-index-attrs="data-{name}" data-{name}="{html.escape(text, quote=True)}"></span>'


def mark_page(page_html: str, searchable: bool, terms: list[str], pieces: str | None = None, summary: str = "",
              weight: float | None = None) -> str:
    """The page with its article marked as the indexed part and its index-only text, if searchable:
    its glossary terms, its summary (the front matter's `description`), and on a Chinese page
    its words' suffixes (`pieces`: `han_suffixes` joined, or the placeholder of `PieceCutter`). `weight` (the front matter's `search: boost:`,
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
    if pieces is not None:
        extra += _index_only("search-pieces", pieces)
    start = page_html.index(ARTICLE[:-1])
    end = page_html.index(">", start)
    return page_html[:end] + " data-pagefind-body>" + extra + page_html[end + 1:]


# Pagefind's ready-made interfaces, which the site does not use (search.js drives its JS API).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def run_pagefind(site_dir: Path) -> None:
    """Index the built site into site_dir/pagefind/ (one index per <html lang>), without the
    ready-made interfaces that come with it."""
    finish_pagefind(start_pagefind(site_dir), site_dir)


def start_pagefind(site_dir: Path) -> subprocess.Popen:
    """Start indexing the built site; the build goes on beside it (`finish_pagefind` waits). What is
    written meanwhile must not be indexed: pages without `data-pagefind-body` (the print and parallel
    views), which Pagefind leaves out once any page has it, complete or half-written."""
    command = [sys.executable, "-m", "pagefind_bin_extended", "--site", str(site_dir), "--output-subdir", OUTPUT,
               "--exclude-selectors", EXCLUDE]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_pagefind(process: subprocess.Popen, site_dir: Path) -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"pagefind failed to index {site_dir} (exit {process.returncode}):\n"
                           f"{output}\nIs pagefind-bin-extended installed (requirements.lock)?")
    for name in UNUSED:
        (site_dir / OUTPUT / name).unlink(missing_ok=True)
    pagefind_chunks.rechunk(site_dir / OUTPUT)  # a query fetches a few KiB of word index, not 70
