"""Page weight: the first load of the heaviest page stays under a budget; no search-language file is
shipped and no search index fetched on a first load (the site searches with Pagefind, which fetches
its index chunks only when the reader searches). `python -m scripts bench weight` prints the breakdown.

The budget, measured (Material 9.8.2, gzip level 6, November 2026):

- Material's own files that every page loads: JS bundle 34.2 KiB, main CSS 22.3, search worker 12.0,
  palette CSS 2.0, lunr for English + Chinese 2.7, favicon 1.8: 75 KiB. A stock Material site loads
  the same plus Roboto and Roboto Mono from Google Fonts (which we replace by system fonts) and, for
  these two languages, the same lunr files.
- Ours on every page (site, reader and print CSS; the language switch, colour-scheme toggle and
  reader scripts): 7.9 KiB.
- Material fetched the search index on every first load, one per language since the index was
  split: 62.7 KiB (English) and 65.9 KiB (Chinese). With Pagefind (December 2026) nothing of the
  search loads until the reader types; scripts/bench/search.py measures what a query fetches.
- The page itself: the heaviest is "Print the whole site" (every page in one, 195 KiB); the Sources
  page is next (57 KiB).

The heaviest first load (the Chinese print page) is 342 KiB; it was 475 KiB while one search index
held both languages and the source excerpts. Budgets: what every page loads besides its HTML and the index (SHARED_BUDGET)
may grow by a third of Material's own weight before someone has to decide; the heaviest first load
(FIRST_LOAD_BUDGET) has about a third of headroom for the Chinese translations that replace English
fallbacks and for new pages, both of which grow the index and the print page.
"""

from __future__ import annotations


import pytest

from scripts.site import pagefind_index, search_assets, site_search
from scripts.bench.weight import candidates, first_load, report, url_path

KIB = 1024
SHARED_BUDGET = 100 * KIB
FIRST_LOAD_BUDGET = 460 * KIB


def test_no_search_language_file_is_shipped(built_site):
    # The site searches with Pagefind (scripts/site/site_search.py): none of lunr's files is ever loaded.
    assert (built_site.site_dir / "pagefind" / "pagefind.js").is_file()
    assert not [name for name in pagefind_index.UNUSED if (built_site.site_dir / "pagefind" / name).exists()]
    shipped = [p for p in (built_site.site_dir / search_assets.LUNR_DIR).rglob("*") if p.is_file()]
    assert shipped == []
    assert not (built_site.site_dir / "search" / "search_index.json").exists()


def test_needed_search_files_follow_materials_worker():
    assert search_assets.needed(["en"]) == set()
    assert search_assets.needed(["en", "zh"]) == {
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.zh.min.js", "assets/javascripts/lunr/min/lunr.multi.min.js"}
    assert "assets/javascripts/lunr/tinyseg.js" in search_assets.needed(["ja"])
    assert "assets/javascripts/lunr/wordcut.js" in search_assets.needed(["th"])


@pytest.mark.browser
def test_first_load_of_the_heaviest_page_is_within_budget(browser, site_url, built_site):
    loads = {rel: first_load(browser, site_url + url_path(rel)) for rel in candidates(built_site.site_dir)}
    heaviest, resources = max(loads.items(), key=lambda item: sum(r.compressed for r in item[1]))
    total = sum(r.compressed for r in resources)
    # Pagefind fetches its index chunks when the reader searches, not on every first load.
    index = [r for r in resources if "search_index.json" in r.url or "/pagefind/" in r.url]
    assert index == [], [r.url for r in index]
    shared = sum(r.compressed for r in resources
                 if r not in index and r.url.rstrip("/") != (site_url + url_path(heaviest)).rstrip("/"))
    breakdown = report(url_path(heaviest) or "/", resources)
    assert shared <= SHARED_BUDGET, f"{shared / KIB:.1f} KiB of shared files > {SHARED_BUDGET / KIB:.0f} KiB\n{breakdown}"
    assert total <= FIRST_LOAD_BUDGET, f"{total / KIB:.1f} KiB > {FIRST_LOAD_BUDGET / KIB:.0f} KiB\n{breakdown}"
