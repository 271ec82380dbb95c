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

For each engine and language it prints the mean reciprocal rank of the expected page (MRR), the share
of queries with it in the top 3, and the bytes a reader's browser fetches for one query (a fresh
page, then the query): the index alone, and the index with the search code (worker, WebAssembly),
raw and gzip-compressed as a host sends them. Each site is built once (about 6 s); the queries take
about 20 s an engine. Options: `--engines pagefind material` (default: all three), `--misses`
(print each query whose page is not first).
"""

from __future__ import annotations

import argparse
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


@dataclass(frozen=True)
class Query:
    text: str
    pages: tuple[str, ...]  # URL paths relative to the site root, any of which counts


@dataclass
class Score:
    ranks: list[int | None] = field(default_factory=list)  # 1-based rank of the expected page, None if absent
    index_bytes: tuple[int, int] = (0, 0)  # (raw, compressed) of the index a query fetched
    search_bytes: tuple[int, int] = (0, 0)  # the same with the search code

    @property
    def mrr(self) -> float:
        return sum(1 / rank for rank in self.ranks if rank) / len(self.ranks)

    @property
    def top3(self) -> float:
        return sum(1 for rank in self.ranks if rank and rank <= 3) / len(self.ranks)


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


def ranked_pages(page, query: str) -> list[str]:
    """Type `query` into the header search like a reader; the result pages' paths, best first."""
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)  # types CJK text reliably, where keyboard.type() does not
    field.press("End")  # Material's search listens for key events, which fill() does not send
    listing = page.locator(".md-search-result__list")
    if listing.get_attribute("data-query") is not None or page.locator("[data-site-search]").count():
        page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q",
                               arg=query, timeout=10_000)
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


def is_search_file(url: str) -> bool:
    return any(part in url for part in ("/pagefind/", "search_index.json", "/workers/search", "/lunr/"))


def is_index_file(url: str) -> bool:
    return "search_index.json" in url or url.endswith((".pf_meta", ".pf_index", ".pf_fragment", "pagefind-entry.json"))


def score(browser, base_url: str, code: str, queries: list[Query]) -> Score:
    """Every query of one language through the search of the language's home page."""
    prefix = next(lang.url_prefix for lang in LANGUAGES if lang.locale == code)
    result = Score()
    # Bytes for one query: a fresh context (empty cache), the home page, then the first query.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(base_url + prefix, wait_until="networkidle")
    result.ranks.append(rank(ranked_pages(page, queries[0].text), queries[0]))
    page.wait_for_load_state("networkidle")
    index, search = [0, 0], [0, 0]
    for response in responses:
        if is_search_file(response.url) and response.ok:
            body = response.body()
            sizes = (len(body), compressed_size(body, response.headers.get("content-type", "")))
            for total in ([index, search] if is_index_file(response.url) else [search]):
                total[0], total[1] = total[0] + sizes[0], total[1] + sizes[1]
    result.index_bytes, result.search_bytes = tuple(index), tuple(search)
    for query in queries[1:]:
        result.ranks.append(rank(ranked_pages(page, query.text), query))
    context.close()
    return result


def evaluate(browser, base_url: str, queries: dict[str, list[Query]], misses: bool = False) -> dict[str, Score]:
    scores = {}
    for code, language_queries in queries.items():
        scores[code] = score(browser, base_url, code, language_queries)
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


def report(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'engine':<15} {'lang':<4} {'MRR':>5} {'top-3':>6}  "
             f"{'index KiB for one query':>24}  {'with search code':>20}"]
    for engine, scores in results.items():
        for code, s in scores.items():
            lines.append(f"{engine:<15} {code:<4} {s.mrr:5.3f} {s.top3:6.1%}  "
                         f"{kib(s.index_bytes):>24}  {kib(s.search_bytes):>20}")
    lines.append(f"targets: top-3 >= {TARGET_TOP3:.0%}, MRR >= {TARGET_MRR}, no more index bytes than `material`")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts bench search", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", nargs="+", choices=list(ENGINES), default=list(ENGINES))
    parser.add_argument("--misses", action="store_true", help="print each query whose page is not ranked first")
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
                results[name] = evaluate(browser, base_url, queries, args.misses)
            finally:
                server.shutdown()
        browser.close()
    print(report(results))
    return 0
