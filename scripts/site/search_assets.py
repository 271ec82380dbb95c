"""Ship only the search-language files that the site's search languages use.

Material copies lunr's stemmers and segmenters for 30 languages into every site (about 1 MB, most of
it Thai and Hindi word-cutting). Its search worker loads, for the configured languages: the stemmer
support, `lunr.<lang>.min.js` for each language other than English, `lunr.multi.min.js` when there is
more than one, `tinyseg.js` for Japanese and `wordcut.js` for Hindi and Thai (see Material's
src/templates/assets/javascripts/workers/search). Everything else under assets/javascripts/lunr/ is
dropped from the build, and all of them when Material's search is off (the site searches with
Pagefind, scripts/site/site_search.py).
"""

from __future__ import annotations

LUNR_DIR = "assets/javascripts/lunr/"


def needed(langs: list[str]) -> set[str]:
    """Paths (relative to the site root) of the lunr files the search worker loads for `langs`."""
    langs = [lang for lang in langs if lang]
    paths = set()
    for lang in langs:
        if lang == "ja":
            paths.add(LUNR_DIR + "tinyseg.js")
        if lang in ("hi", "th"):
            paths.add(LUNR_DIR + "wordcut.js")
        if lang != "en":
            paths.add(f"{LUNR_DIR}min/lunr.{lang}.min.js")
    if len(langs) > 1:
        paths.add(LUNR_DIR + "min/lunr.multi.min.js")
    if paths:
        paths.add(LUNR_DIR + "min/lunr.stemmer.support.min.js")
    return paths


def unused(paths: list[str], langs: list[str]) -> list[str]:
    """Those of `paths` under the lunr folder that the search worker never loads for `langs`."""
    keep = needed(langs)
    return [path for path in paths if path.startswith(LUNR_DIR) and path not in keep]


def _search_plugin(config):
    """Material's search plugin in a MkDocs config (under its full or its short name), or None."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return plugin
    return None


def material_search_enabled(config) -> bool:
    """Whether the site searches with Material's search (else with Pagefind, see scripts/site/site_search.py)."""
    plugin = _search_plugin(config)
    return plugin is not None and bool(plugin.config.get("enabled", True))


def search_languages(config) -> list[str]:
    """The languages of Material's search, none when it is off (no lunr file is shipped then)."""
    if not material_search_enabled(config):
        return []
    lang = _search_plugin(config).config.get("lang") or [config.theme.get("language", "en")]
    return [lang] if isinstance(lang, str) else list(lang)
