"""Thin MkDocs glue for the site itself (languages, dates, 404 pages, security policy, valid markup,
search assets). Every hook delegates to a plain module under scripts/; no logic lives here. The
citation engine has its own glue, scripts/citations/mkdocs_hook.py.

mkdocs-static-i18n runs one full build per language; `config.theme.language` says which.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402

from scripts.content import claims, data as content_data  # noqa: E402
from scripts.site import git_dates, glossary_terms  # noqa: E402
from scripts.translation import i18n_pages, status as translation_status  # noqa: E402
from scripts.site import html_typography, lang_spans, search_assets, search_index, security, site_search  # noqa: E402
from scripts.site import pagefind_index, theme_patches  # noqa: E402
from scripts.citations import figures  # noqa: E402
from scripts.citations.pages import front_matter_problem  # noqa: E402
from scripts.citations.urls import relative_url  # noqa: E402
from scripts.translation.languages import CHINESE, DEFAULT, LANGUAGES, by_locale  # noqa: E402
from scripts.project import settings  # noqa: E402

GLOSSARY_PAGE = "glossary.md"
_saved_404: dict[str, bytes] = {}
_terms: glossary_terms.Terms | None = None
_search_terms: dict[str, list[str]] = {}  # {page rel: index-only terms}, see scripts/site/site_search.py
_translations: dict[str, translation_status.Status] = {}  # {rel: status}, once per build
_script_hashes: set[str] = set()  # the inline scripts the pages' security policy allows, all languages
_building: list[str] = []  # locales whose build is under way: the default's encloses the others'
_figures: list[figures.Figures] = []  # the checker's figures, counted once per build when a page asks
_index = pagefind_index.Indexer(site_search.EXCLUDE)  # Pagefind, indexing each language beside its build
_pages: dict[str, dict[str, Path]] = {}     # {locale: {dest_uri: built file}} of this build's pages
_indexed: dict[str, set[str]] = {}          # {locale: dest_uris} whose copies went to the index


def _locale(config) -> str:
    return config.theme["language"]


def on_config(config):
    # One Material storage scope for every page, so that every page has the same inline scripts and
    # hence the same Content-Security-Policy (see scripts/site/security.py).
    config.extra["scope"] = security.md_scope(config.site_url)
    return config


def on_pre_build(config):
    global _terms, _translations, _search_terms
    _building.append(_locale(config))
    if _locale(config) == DEFAULT.locale:  # the default language is built first, then the others
        _script_hashes.clear()
        if not search_assets.material_search_enabled(config):
            # A whole build begins: each language's indexing process starts. (Not in on_config:
            # there the next language's build still reads the previous language, as
            # mkdocs-static-i18n sets it later.)
            _index.begin(Path(config.site_dir), [language.locale for language in LANGUAGES],
                         with_pieces={CHINESE.locale})
        git_dates.clear_cache()   # git is asked once for all the languages' builds
        git_dates.prefetch(ROOT)
        _figures.clear()   # counted once too, when a page asks
    _translations = {status.rel: status for status in translation_status.statuses(settings(ROOT).docs_dir)}
    glossary = content_data.load_glossary(settings(ROOT))[0]
    _terms = glossary_terms.build_terms(glossary, _locale(config))
    _search_terms = site_search.page_terms(glossary, _locale(config))


@event_priority(100)  # before the citation hook, which renders the citations in the data texts
def on_page_markdown(markdown, page, config, files):
    problem = front_matter_problem(markdown)   # MkDocs leaves front matter it cannot read in the Markdown
    if problem:
        line, column, what = problem
        raise PluginError(f"docs/{page.file.src_uri}:{line}:{column}: the front matter is not valid YAML: {what}; "
                          "`python -m scripts check` says the same, with how to fix it")
    locale, project = _locale(config), settings(ROOT)
    markdown = content_data.expand(markdown, project, locale)
    markdown = claims.expand(markdown, project, locale, page.canonical_url or "", config.site_name, config.site_url)
    if "<!-- figure:" in markdown:  # the home page states the checker's figures
        _figures[:] = _figures or [figures.count(project)]
        try:
            markdown = figures.fill(markdown, _figures[0], locale)
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from exc
    if translation_status.STATUS_MARKER in markdown:
        rel = _rel(page)
        titles = _titles(project, list(_translations), locale)
        table = translation_status.status_table(list(_translations.values()), locale, titles, rel)
        markdown = markdown.replace(translation_status.STATUS_MARKER, table)
    notice = translation_status.notice_for(_translations, page.file.src_uri, locale)
    return translation_status.add_notice(markdown, notice)


def _titles(project, rels: list[str], locale: str) -> dict[str, str]:
    """{rel: title} in the language, the English title for a page not yet translated. The pages are
    read once for all the titles (once per title made the status page's build quadratic)."""
    own, english = content_data.page_titles(project, locale), content_data.page_titles(project, DEFAULT.locale)
    return {rel: own.get(rel) or english.get(rel, rel) for rel in rels}


def _drop_unused_search_files(files, config):
    # Drop the search-language files that the search worker never loads for our languages.
    unused = set(search_assets.unused([f.dest_uri for f in files], search_assets.search_languages(config)))
    for file in [f for f in files if f.dest_uri in unused]:
        files.remove(file)
    return files


@event_priority(-110)  # after mkdocs-static-i18n (-100) has made this language's file list
def _record_pages(files, config):
    _pages[_locale(config)] = {f.dest_uri: Path(f.abs_dest_path) for f in files.documentation_pages()}
    _indexed[_locale(config)] = set()
    return files


on_files = CombinedEvent(_drop_unused_search_files, _record_pages)


def on_env(env, config, files):
    # Material's templates, edited as they load (valid markup, the language tag): scripts/site/theme_patches.py
    try:
        theme_patches.install(env, by_locale(_locale(config)).tag)
    except theme_patches.PatchError as exc:
        raise PluginError(str(exc)) from exc
    return env


def _annotate(html, page, config, files):
    glossary = relative_url(_rel(page), GLOSSARY_PAGE)
    return html_typography.mark_numbered_tables(glossary_terms.annotate(html, _terms, glossary))


# Last: the citation hook (0) has put the note references in. The page's copy for the search index is
# made from its content here, as the Markdown is rendered, not from the finished page: Pagefind then
# indexes each page while the rest are rendered and the templates applied, instead of all the Chinese
# pages at the end of the build. What the theme adds around the content, and the notes, are not
# indexed (site_search.EXCLUDE); what the later hooks change in the indexed text (note numbers joined
# to their word, the language of Chinese runs) is done to the copy the same way. The index is the same
# as Pagefind makes of the finished pages (tests/search/test_pagefind_chunks.py).
@event_priority(-100)
def _index_content(html, page, config, files):
    locale = _locale(config)
    if _searchable(page, config):
        page_html = (f'<html lang="{by_locale(locale).tag}"><body>{site_search.ARTICLE}'
                     f'{html_typography.join_note_numbers(html)}</article></body></html>')
        marked = _mark_for_search(page_html, page)
        if locale != CHINESE.locale:
            marked = lang_spans.mark(marked)
        _add_to_index(locale, page.file.dest_uri, site_search.index_copy(marked))
    return html


def _add_to_index(locale: str, dest_uri: str, copy: str) -> None:
    try:
        _index.add(locale, dest_uri, copy)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from exc
    _indexed.setdefault(locale, set()).add(dest_uri)


on_page_content = CombinedEvent(_annotate, _index_content)


def _searchable(page, config) -> bool:
    return not search_assets.material_search_enabled(config) and not (page.meta.get("search") or {}).get("exclude")


def _mark_for_search(page_html: str, page) -> str:
    boost = (page.meta.get("search") or {}).get("boost")
    try:
        return site_search.mark_page(page_html, True, _search_terms.get(_rel(page), []),
                                     str(page.meta.get("description") or ""), None if boost is None else float(boost))
    except ValueError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: front matter search.boost: {exc}") from exc


@event_priority(-50)  # after mkdocs-static-i18n (priority 50) has set this page's alternates
def on_page_context(context, page, config, nav):
    # The plugin sets the page's alternates as an attribute of config.extra (not as a dict item).
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate", [])
    for alternate in alternates:  # the switcher's links, relative to the page (Material's `url` filter)
        alternate["link"] = i18n_pages.site_relative(alternate["link"], config.site_url)
    context["hreflang_links"] = i18n_pages.hreflang_links(config.site_url, alternates)
    # The citation hook (-10) has put the note numbers in; the search index was made without them.
    page.content = html_typography.mark_url_links(html_typography.join_note_numbers(page.content))
    context["base_url"] = search_index.base_for(context["base_url"], by_locale(_locale(config)))
    date = git_dates.last_updated(page.file.abs_src_path, ROOT)
    context["revision_date"] = (
        f'<time datetime="{date.isoformat()}">{git_dates.format_date(date, _locale(config))}</time>'
    )
    return context


@event_priority(-90)  # last: the security policy must cover the finished page (other hooks at 0)
def on_post_page(output, page, config):
    if _searchable(page, config):   # what the index holds of the page, marked on it (see _index_content)
        output = _mark_for_search(output, page)
    if _locale(config) != CHINESE.locale:  # Chinese and pinyin inside other languages' pages
        output = lang_spans.mark(output)
    return _secure(output)


def _rel(page) -> str:
    return page.file.src_uri.partition("/")[2]


@event_priority(-90)
def on_post_template(output_content, template_name, config):
    # Static templates: the 404 page (and sitemap.xml, which is no HTML page).
    if template_name != "404.html":
        return _secure(output_content) if template_name.endswith(".html") else output_content
    # Served at any depth: its search finds its language's index by absolute path.
    base = search_index.absolute_base(config.site_url, by_locale(_locale(config)))
    output = _secure(search_index.with_base(output_content, base))
    if _locale(config) == DEFAULT.locale:  # kept before the other languages' builds overwrite it
        _saved_404[DEFAULT.locale] = output.encode("utf-8")
    return output


def _secure(html: str) -> str:
    html, hashes = security.add_policy(html)
    _script_hashes.update(hashes)
    return html


# First, in each language's build: its pages are written, so their index is written beside the
# rest of the build (the other language, the print pages, the parallel views).
@event_priority(100)
def _end_language(config):
    locale = _building[-1]
    if search_assets.material_search_enabled(config):
        return
    # `mkdocs build --dirty` renders only the pages that changed: the others' copies are made from
    # their pages as the last build wrote them (marked for the search, the same index: see
    # site_search.index_copy).
    for dest_uri, built in _pages.get(locale, {}).items():
        if dest_uri not in _indexed.get(locale, set()) and built.exists():
            text = built.read_text(encoding="utf-8")
            if site_search.is_marked(text):
                _add_to_index(locale, dest_uri, site_search.index_copy(text))
    _index.end(locale)


# Last: for the default language this runs after mkdocs-static-i18n (-100) has built the other
# languages (so the default's 404 page is saved as it is rendered, in on_post_template, before the
# other builds overwrite it).
# The locale comes from _building, not the config: by then the plugin has left the config set to the
# last language it built.
@event_priority(-200)
def _finish_build(config):
    site_dir, locale = Path(config.site_dir), _building.pop()
    i18n_pages.keep_404_per_language(site_dir, locale, _saved_404)
    security.write_headers_file(site_dir, _script_hashes)
    if locale == DEFAULT.locale and search_assets.material_search_enabled(config):
        search_index.split(site_dir)
    elif locale == DEFAULT.locale:  # every language built: merge their search indexes
        try:
            _index.finish([language.locale for language in LANGUAGES])
        except RuntimeError as exc:
            raise PluginError(str(exc)) from exc


on_post_build = CombinedEvent(_end_language, _finish_build)
