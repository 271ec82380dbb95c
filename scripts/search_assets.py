"""Ship only the search-language files that the site's search languages use.

Material copies lunr's stemmers and segmenters for 30 languages into every site (about 1 MB, most of
it Thai and Hindi word-cutting). Its search worker loads, for the configured languages: the stemmer
support, `lunr.<lang>.min.js` for each language other than English, `lunr.multi.min.js` when there is
more than one, `tinyseg.js` for Japanese and `wordcut.js` for Hindi and Thai (see Material's
src/templates/assets/javascripts/workers/search). Everything else under assets/javascripts/lunr/ is
dropped from the build.
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


def search_languages(config) -> list[str]:
    """The search plugin's languages from a MkDocs config (Material's plugin, or its short name)."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            lang = plugin.config.get("lang") or [config.theme.get("language", "en")]
            return [lang] if isinstance(lang, str) else list(lang)
    return []
