"""Site search benchmark: which engine finds the page a reader wants (`make bench-search`).

Runs the committed query set (data/search-queries.yml: a query and the page that treats it, 40+ per
language) through the real header search box of the real site in headless Chromium, for:

- `material`: Material's search as the site had it before Pagefind (lunr; jieba segments Chinese at
  build with its default dictionary), as mkdocs.yml configured it: the site's config with Material's
  `search` plugin put back first in its plugins (`material_config`).
- `material-tuned`: the same with a jieba user dictionary of the glossary's terms (hanzi and Chinese
  translations), so that 网络主权 or 世界互联网大会 stay one word in the index. Material's lunr already
  boosts titles (its worker gives `title` a boost of 1000); it has no phrase or per-page boost option
  beyond front-matter `search.boost`, which would rank a page first for every query.
- `pagefind`: the site as built (scripts/site/site_search.py).

For each engine and language it prints the mean reciprocal rank of the expected page (MRR: the
first five results a query lists; Pagefind's list shows three, and more as the reader scrolls, which
`ranked_pages` does), the share of queries with it in the top 3, and the bytes a reader's browser
fetches for the first query of the set from an empty cache (the language's home page, then the
query's first screen of results): the index alone, and the index with the search code (Pagefind's
script, worker and WebAssembly; Material's worker and lunr), raw and compressed as a host sends
them (gzip for text; Pagefind's files are gzipped already and count as they are); then the same
bytes by kind of file (Pagefind: the entry file, the language's metadata, word-index chunks, the
pages' text of the results shown; Material: its whole index). Material fetched its index on every
page a reader opened, searching or not; Pagefind fetches nothing until the reader searches. Each
site is built once (about 20 s); the queries take about a minute an engine. Options: `--engines
pagefind material` (default: all three), `--misses` (print each query whose page is not first),
`--every-query` (also the index bytes of every query of the set from an empty cache: mean, median,
largest; about 2 minutes a language and engine).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.bench import site
from scripts.bench.weight import compressed_size
from scripts.content.data import load_glossary
from scripts.translation.languages import LANGUAGES
from scripts.project import ROOT, settings

QUERIES = ROOT / "data" / "search-queries.yml"
ENGINES = {  # name -> (Material's search, whether it gets the glossary's jieba dictionary)
    "material": (True, False),
    "material-tuned": (True, True),
    "pagefind": (False, False),
}
# Material's search as the site configured it before Pagefind.
MATERIAL_SEARCH = """plugins:
  - search:
      # jieba segments Chinese and joins words with U+200B; split on it and on CJK punctuation.
      separator: '[\\s\\u200b\\u3000\\-、。，．？！；：]+'
      lang: [en, zh]
"""
TARGET_TOP3, TARGET_MRR = 0.95, 0.9
RESULTS = ".md-search-result__item > a.md-search-result__link"
RANKED = 5  # results read for a query's rank (Pagefind's list shows 3, and more as the reader scrolls)


@dataclass(frozen=True)
class Query:
    text: str
    pages: tuple[str, ...]  # URL paths relative to the site root, any of which counts


# What a file a query fetches is, by its URL: the index kinds first, then the search code.
INDEX_KINDS = {"pagefind-entry.json": "entry", ".pf_meta": "meta", ".pf_index": "chunks",
               ".pf_fragment": "fragments", "search_index.json": "index"}
CODE_KINDS = {"/pagefind/wasm.": "wasm", "/pagefind/": "js", "/workers/search": "worker", "/lunr/": "lunr"}


def file_kind(url: str) -> str | None:
    """The kind of search file `url` is ("chunks", "fragments", "wasm"...), None if no search file."""
    path = url.split("?")[0]
    return (next((kind for ending, kind in INDEX_KINDS.items() if path.endswith(ending)), None)
            or next((kind for part, kind in CODE_KINDS.items() if part in path), None))


@dataclass
class Score:
    ranks: list[int | None] = field(default_factory=list)  # 1-based rank of the expected page, None if absent
    fetched: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, raw, compressed): the first query's files
    per_query: list[int] = field(default_factory=list)  # compressed index bytes of each query, empty cache (--every-query)

    @property
    def mrr(self) -> float:
        return sum(1 / rank for rank in self.ranks if rank) / len(self.ranks)

    @property
    def top3(self) -> float:
        return sum(1 for rank in self.ranks if rank and rank <= 3) / len(self.ranks)

    @property
    def index_bytes(self) -> tuple[int, int]:
        """(raw, compressed) of the index files the first query fetched."""
        return self._total(lambda kind: kind in INDEX_KINDS.values())

    @property
    def search_bytes(self) -> tuple[int, int]:
        """The same with the search code (script, worker, WebAssembly)."""
        return self._total(lambda kind: True)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """{kind: (files, compressed bytes)}, index kinds first."""
        kinds: dict[str, tuple[int, int]] = {}
        for kind, _, compressed in sorted(self.fetched, key=lambda f: f[0] not in INDEX_KINDS.values()):
            files, total = kinds.get(kind, (0, 0))
            kinds[kind] = (files + 1, total + compressed)
        return kinds

    def _total(self, wanted) -> tuple[int, int]:
        chosen = [(raw, compressed) for kind, raw, compressed in self.fetched if wanted(kind)]
        return sum(raw for raw, _ in chosen), sum(compressed for _, compressed in chosen)


def load_queries(path: Path = QUERIES) -> dict[str, list[Query]]:
    """{language code: queries}; ValueError naming the file and entry for anything malformed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    codes = [language.locale for language in LANGUAGES]
    if not isinstance(data, dict) or set(data) != set(codes):
        raise ValueError(f"{path}: expected one list of queries for each language {codes}, "
                         f"found {sorted(data) if isinstance(data, dict) else type(data).__name__}")
    queries = {}
    for code, entries in data.items():
        queries[code] = []
        for number, entry in enumerate(entries or [], 1):
            pages = entry.get("page") if isinstance(entry, dict) else None
            pages = [pages] if isinstance(pages, str) else pages
            if not isinstance(entry, dict) or not str(entry.get("q") or "").strip() or not pages:
                raise ValueError(f"{path}: {code}, query {number}: write {{q: <query>, page: <page path>}}, "
                                 f"got {entry!r}")
            prefix = next(lang.url_prefix for lang in LANGUAGES if lang.locale == code)
            wrong = [p for p in pages if not str(p).startswith(prefix) or str(p).startswith("/")]
            if wrong:
                raise ValueError(f"{path}: {code}, query {entry['q']!r}: page {wrong[0]!r} is not a path of this "
                                 f"language relative to the site root (e.g. {prefix}sovereignty/)")
            queries[code].append(Query(str(entry["q"]).strip(), tuple(str(p) for p in pages)))
    return queries


def jieba_dictionary(path: Path) -> Path:
    """A jieba user dictionary of the glossary's Chinese terms, one `word frequency` a line."""
    words = set()
    for entry in load_glossary(settings())[0]:
        words.add(str(entry.data.get("hanzi") or ""))
        words.update(str(word) for word in entry.data.get("avoid") or [])
    path.write_text("".join(f"{word} 100000\n" for word in sorted(words) if len(word) >= 2), encoding="utf-8")
    return path


def ranked_pages(page, query: str, at_least: int = RANKED) -> list[str]:
    """Type `query` into the header search like a reader; the result pages' paths, best first: at
    least `at_least` results where there are as many, scrolling the list for more as a reader does."""
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)  # types CJK text reliably, where keyboard.type() does not
    field.press("End")  # Material's search listens for key events, which fill() does not send
    listing = page.locator(".md-search-result__list")
    if listing.get_attribute("data-query") is not None or page.locator("[data-site-search]").count():
        page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q",
                               arg=query, timeout=10_000)
        items = page.locator(".md-search-result__item")
        while listing.get_attribute("data-more") is not None and items.count() < at_least:
            shown = items.count()
            items.last.scroll_into_view_if_needed()
            page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n"
                                   " || !document.querySelector('.md-search-result__list[data-more]')",
                                   arg=shown, timeout=10_000)  # the end of the list may have been in view
    else:  # Material's search: wait until its list has stopped changing
        previous, stable = None, 0
        while stable < 3:
            page.wait_for_timeout(100)
            current = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")
            stable = stable + 1 if current == previous and current else 0 if current != previous else stable + 0.5
            previous = current
    hrefs = page.eval_on_selector_all(RESULTS, "links => links.map(a => new URL(a.href).pathname)")
    return list(dict.fromkeys(href.lstrip("/") for href in hrefs))


def rank(found: list[str], query: Query) -> int | None:
    return next((number for number, path in enumerate(found, 1) if path in query.pages), None)


def fetched_files(browser, base_url: str, prefix: str, query: str) -> list[tuple[str, int, int]]:
    """(kind, raw, compressed) of each search file a reader's browser fetches for `query` from an
    empty cache: the language's home page, then the query's first screen of results (no scrolling)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    responses = []
    context.on("response", lambda response: responses.append(response))
    try:
        page = context.new_page()
        page.goto(base_url + prefix, wait_until="networkidle")
        ranked_pages(page, query, at_least=0)
        page.wait_for_load_state("networkidle")
        files = []
        for response in list(responses):
            kind = file_kind(response.url)
            if kind and response.ok:
                body = response.body()
                files.append((kind, len(body), compressed_size(body, response.headers.get("content-type", ""))))
        return files
    finally:
        context.close()


def score(browser, base_url: str, code: str, queries: list[Query], every_query: bool = False) -> Score:
    """Every query of one language through the search of the language's home page; the files the
    first query fetches (and with `every_query`, the index bytes of each query) from an empty cache."""
    prefix = next(lang.url_prefix for lang in LANGUAGES if lang.locale == code)
    result = Score(fetched=fetched_files(browser, base_url, prefix, queries[0].text))
    if every_query:
        result.per_query = [sum(compressed for kind, _, compressed in fetched_files(browser, base_url, prefix, q.text)
                                if kind in INDEX_KINDS.values()) for q in queries]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + prefix, wait_until="networkidle")
    for query in queries:
        result.ranks.append(rank(ranked_pages(page, query.text), query))
    context.close()
    return result


def evaluate(browser, base_url: str, queries: dict[str, list[Query]], misses: bool = False,
             every_query: bool = False) -> dict[str, Score]:
    scores = {}
    for code, language_queries in queries.items():
        scores[code] = score(browser, base_url, code, language_queries, every_query)
        if misses:
            for query, found in zip(language_queries, scores[code].ranks):
                if found != 1:
                    print(f"    {code} {query.text!r}: expected {' or '.join(query.pages)} ranked {found or 'absent'}")
    return scores


def material_config(config_text: str, jieba_dict: Path | None) -> str:
    """The site's mkdocs.yml text with Material's search plugin first among its plugins."""
    plugin = MATERIAL_SEARCH + (f"      jieba_dict_user: '{jieba_dict}'\n" if jieba_dict else "")
    if config_text.count("\nplugins:\n") != 1:
        raise ValueError("mkdocs.yml: expected one top-level `plugins:` list to add Material's search to")
    return config_text.replace("\nplugins:\n", "\n" + plugin, 1)


def build_engine(name: str, site_dir: Path, base_url: str) -> None:
    material, tuned = ENGINES[name]
    if not material:
        site.build(site_dir, base_url)
        return
    jieba_dict = jieba_dictionary(site_dir.parent / "glossary.dict.txt") if tuned else None
    # Beside mkdocs.yml: its relative paths (docs, hooks, overrides) resolve from the config's folder.
    config = ROOT / f".bench-search-{name}.yml"
    config.write_text(material_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), jieba_dict), encoding="utf-8")
    try:
        site.build(site_dir, base_url, config.name)
    finally:
        config.unlink()


def kib(sizes: tuple[int, int]) -> str:
    return f"{sizes[0] / 1024:7.1f} ({sizes[1] / 1024:5.1f} gz)"


def breakdown(score: Score) -> str:
    """The first query's files by kind, compressed: "2 chunks 70.1 · 5 fragments 21.3 | js 30.2"."""
    kinds = score.by_kind()
    def part(kind):
        files, total = kinds[kind]
        name = kind if files > 1 else {"chunks": "chunk", "fragments": "fragment"}.get(kind, kind)
        return f"{files if files > 1 else ''} {name} {total / 1024:.1f}".strip()
    index = [part(kind) for kind in kinds if kind in INDEX_KINDS.values()]
    code = [part(kind) for kind in kinds if kind not in INDEX_KINDS.values()]
    return " · ".join(index) + (" | " + " · ".join(code) if code else "")


def report(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'engine':<15} {'lang':<4} {'MRR':>5} {'top-3':>6}  "
             f"{'index KiB for one query':>24}  {'with search code':>20}"]
    for engine, scores in results.items():
        for code, s in scores.items():
            lines.append(f"{engine:<15} {code:<4} {s.mrr:5.3f} {s.top3:6.1%}  "
                         f"{kib(s.index_bytes):>24}  {kib(s.search_bytes):>20}")
    lines.append("first query's files, KiB compressed (index | search code):")
    for engine, scores in results.items():
        for code, s in scores.items():
            lines.append(f"  {engine:<15} {code:<4} {breakdown(s)}")
    every = [(engine, code, s.per_query) for engine, scores in results.items() for code, s in scores.items() if s.per_query]
    if every:
        lines.append("index KiB compressed of each query from an empty cache (mean, median, largest):")
        lines += [f"  {engine:<15} {code:<4} {statistics.mean(sizes) / 1024:5.1f} {statistics.median(sizes) / 1024:5.1f} "
                  f"{max(sizes) / 1024:5.1f}" for engine, code, sizes in every]
    lines.append(f"targets: top-3 >= {TARGET_TOP3:.0%}, MRR >= {TARGET_MRR}, no more index bytes than `material`")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts bench search", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", nargs="+", choices=list(ENGINES), default=list(ENGINES))
    parser.add_argument("--misses", action="store_true", help="print each query whose page is not ranked first")
    parser.add_argument("--every-query", action="store_true",
                        help="also measure the index bytes of every query from an empty cache (about 2 minutes a language)")
    args = parser.parse_args(argv)
    try:
        queries = load_queries()
    except (ValueError, OSError) as exc:
        print(f"error: {exc}")
        return 2
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=site.CHROMIUM, args=site.CHROMIUM_ARGS)
        for name in args.engines:
            port = site.free_port()
            base_url = f"http://127.0.0.1:{port}/"
            site_dir = Path(tmp) / name / "site"
            site_dir.parent.mkdir(parents=True)
            build_engine(name, site_dir, base_url)
            server = site.serve(site_dir, port)
            try:
                print(f"{name}: {sum(len(q) for q in queries.values())} queries", flush=True)
                results[name] = evaluate(browser, base_url, queries, args.misses, args.every_query)
            finally:
                server.shutdown()
        browser.close()
    print(report(results))
    return 0
