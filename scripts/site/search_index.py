"""One search index per language, for Material's search.

The site searches with Pagefind (scripts/site/site_search.py), which indexes each language apart by
itself; this module serves builds with Material's search plugin, which `make bench-search` makes
for its comparison. `base_for` still sets every page's `base` (Material's `config.base`, which its
script also resolves other requests against) to the page's language root.

mkdocs-static-i18n gathers the pages of every language into one `search/search_index.json`, which
every page loads: a Chinese reader's results mixed in English pages, and each page's search worker
indexed both languages at start-up (on a phone, the worker competed with the first paint). After the
build, the index is split: `search/search_index.json` keeps the default language's pages and
`<prefix>search/search_index.json` (e.g. `zh/search/search_index.json`) each other language's, with
locations relative to that language's root. Material finds the index and resolves result links from
the `base` in each page's `__config`, so pages of another language get their language's root as base
(`base_for`).

The index keeps every search language (its `config.lang`) in each part: English pages quote Chinese
terms, which only lunr's Chinese support can find.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from scripts.translation.languages import DEFAULT, LANGUAGES, Language

INDEX = "search/search_index.json"


def base_for(base_url: str, language: Language) -> str:
    """The `base` for pages of `language`, from MkDocs' base_url (the relative path to the site root).
    The trailing slash matters: Material resolves "search/search_index.json" against it."""
    if language.url_prefix == "":
        return base_url
    return f"{base_url.rstrip('/') or '.'}/{language.url_prefix}"


def absolute_base(site_url: str, language: Language) -> str:
    """The `base` for a page served at any depth (the 404 page): the language's root as an absolute path."""
    return urlsplit(site_url or "/").path.rstrip("/") + "/" + language.url_prefix


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def with_base(page_html: str, base: str) -> str:
    """The page with `base` in Material's __config. For the 404 page, whose asset links MkDocs writes
    from the same base_url, so that only the search may be pointed elsewhere."""
    def replace(match: re.Match) -> str:
        config = json.loads(match.group(2))
        config["base"] = base
        return match.group(1) + json.dumps(config).replace("<", "\\u003c") + match.group(3)

    return _CONFIG.sub(replace, page_html, count=1)


def owner(location: str) -> Language:
    """The language a search entry belongs to, from its location (relative to the site root)."""
    for language in LANGUAGES:
        if language.url_prefix and location.startswith(language.url_prefix):
            return language
    return DEFAULT


def split(site_dir: Path) -> None:
    """Split the combined index in site_dir into one index per language."""
    combined = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    for language in LANGUAGES:
        docs = []
        for doc in combined["docs"]:
            if owner(doc["location"]) is language:
                docs.append({**doc, "location": doc["location"][len(language.url_prefix):]})
        part = {**combined, "docs": docs}
        path = site_dir / language.url_prefix / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
