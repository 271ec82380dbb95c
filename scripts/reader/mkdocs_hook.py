"""MkDocs glue for the reader features (listed under `hooks:` in mkdocs.yml). No logic lives here:
every step delegates to a module of scripts/reader/.

mkdocs-static-i18n runs one full build per language; `config.theme.language` says which.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402

from scripts.content import data as content_data  # noqa: E402
from scripts.site import beside, git_dates  # noqa: E402
from scripts.citations.markdown import find_citations  # noqa: E402
from scripts.citations.registry import load_registry  # noqa: E402
from scripts.citations.urls import relative_url  # noqa: E402
from scripts.translation.languages import DEFAULT, LANGUAGES, by_locale  # noqa: E402
from scripts.project import settings  # noqa: E402
from scripts.content import claims  # noqa: E402
from scripts.reader import card, cite, derived, exports, feeds, meta, parallel  # noqa: E402
from scripts.reader import map as region_map  # noqa: E402
from scripts.reader import urls as reader_urls  # noqa: E402

log = logging.getLogger("mkdocs.hooks.reader")
LABELS = {
    "en": {"cite": "Cite this page", "permalink": "Permalink", "updated": "Last updated",
           "download": "Download the citation:", "feed": "Page updates and corrections",
           "card": "{site}: the site's name and description", "contents": "Contents"},
    "zh": {"cite": "引用本页", "permalink": "固定链接", "updated": "最后更新",
           "download": "下载引用信息：", "feed": "页面更新与更正",
           "card": "{site}：网站名称与简介", "contents": "目录"},
}
_build: dict = {}
_derived = beside.Slot()   # the process making the parallel views and print pages, started with the build
_derived_here: list[derived.Derived | None] = [None]   # or this process, if none could start


def _locale(config) -> str:
    return config.theme["language"]


def _rel(page) -> str:
    return page.file.src_uri.partition("/")[2]


def on_pre_build(config):
    project = settings(ROOT)
    timeline, _ = content_data.load_timeline(project)
    _build.clear()
    _build.update(project=project, registry=load_registry(project.sources_dir, project.root),
                  timeline=timeline, cited={}, nav=[], today=dt.date.today())
    if _locale(config) == DEFAULT.locale:   # a whole build begins: the process loads meanwhile
        _derived_here[0] = None
        process = _derived.put(beside.start("scripts.reader.derived:derived_beside", niceness=15))
        if process is not None and not beside.send(process, {"site_dir": str(config.site_dir)}):
            _derived.put(None)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has made this language's file list
def on_files(files, config):
    # mkdocs-redirects indexes the pages before mkdocs-static-i18n gives them their language's URLs
    # and knows nothing of languages; give it this language's redirects and pages (see urls.py).
    plugin = config.plugins.get("redirects")
    if plugin is not None:
        locale = _locale(config)
        plugin.redirects = reader_urls.language_redirects(plugin.config.get("redirect_maps", {}), locale,
                                                          by_locale(locale).url_prefix)
        plugin.doc_pages = {f"{locale}/{f.src_uri.partition('/')[2]}": f for f in files.documentation_pages()}
    return files


@event_priority(50)  # after the timeline and glossary are expanded (100), before citations (0)
def on_page_markdown(markdown, page, config, files):
    locale, rel = _locale(config), _rel(page)
    if region_map.MAP_MARKER in markdown:
        countries = region_map.countries_with_examples(_build["timeline"])
        figure = region_map.figure(ROOT, countries, locale, lambda target: _href(rel, target))
        table = region_map.table_markdown(
            countries, locale, lambda region: content_data._label(content_data.REGIONS, region, locale),
            lambda entry: entry.text("title", locale))
        markdown = markdown.replace(region_map.MAP_MARKER, f"{figure}\n\n{table}")
    if exports.EXPORTS_MARKER in markdown:
        counts = {"sources.csl.json": len(_build["registry"].sources), "timeline.json": len(_build["timeline"]),
                  "glossary.json": len(content_data.load_glossary(_build["project"])[0]),
                  "claims.json": len(claims.load_claims(_build["project"])[0])}
        to_root = "../" * page.url.count("/")  # from "zh/exports/" to the site root: "../../"
        markdown = markdown.replace(exports.EXPORTS_MARKER, exports.file_table(locale, to_root, counts))
    keys = [key for citation in find_citations(markdown)[0] for key in citation.keys]
    ids = (_build["registry"].resolve(key) for key in keys)   # a kept citation-key names its source's id
    _build["cited"][page.file.src_uri] = list(dict.fromkeys(i for i in ids if i))
    return markdown


def _href(from_rel: str, target: str) -> str:
    rel, _, anchor = target.partition("#")
    return relative_url(from_rel, rel) + (f"#{anchor}" if anchor else "")


def on_page_context(context, page, config, nav):
    locale, rel = _locale(config), _rel(page)
    labels = LABELS[locale]
    if not _build["nav"]:
        _build["nav"] = [_rel(p) for p in nav.pages]
    updated = git_dates.last_updated(page.file.abs_src_path, ROOT)
    home, card_url, feed_url = _site_links(config.site_url, locale)
    citation = cite.PageCitation(cite.citation_key(locale, rel), page.title, config.site_name,
                                 page.canonical_url, updated, _build["today"], locale)
    accessed = citation.accessed.isoformat()
    context["cite_page"] = {
        "label": labels["cite"], "html": citation.formatted_html(_build["registry"]).replace(
            f"[{accessed}]", f'[<time class="cite-page__accessed" datetime="{accessed}">{accessed}</time>]'),
        "url": page.canonical_url, "permalink": labels["permalink"], "updated_label": labels["updated"],
        "updated": updated.isoformat(), "updated_text": git_dates.format_date(updated, locale),
        "download": labels["download"],
        "files": citation.downloads(),
    }
    page_meta = meta.PageMeta(
        title=page.title if not page.is_homepage else config.site_name,
        description=str((page.meta or {}).get("description") or config.site_description or ""),
        url=page.canonical_url, site_name=config.site_name, site_url=home, locale=locale, updated=updated,
        image_url=card_url, image_alt=labels["card"].format(site=config.site_name),
        is_home=page.is_homepage,
        sources=[_build["registry"][k] for k in _build["cited"].get(page.file.src_uri, [])])
    context["reader_meta"] = {
        "og": page_meta.open_graph(), "twitter": page_meta.twitter(), "json_ld": page_meta.json_ld_script(),
        "feed_url": feed_url, "feed_title": labels["feed"],
    }
    if parallel.has_view(rel, _build["nav"]):
        context["parallel_link"] = {"href": parallel.link_href(rel), "label": parallel.LABELS[locale]}
    return context


@lru_cache(maxsize=8)
def _site_links(site_url: str, locale: str) -> tuple[str, str, str]:
    """The language's home page, share card and feed: absolute URLs, the same on every page."""
    home = urljoin(site_url, by_locale(locale).url_prefix)
    return home, urljoin(home, card.FILE), urljoin(home, feeds.FEED_FILE)


@event_priority(-95)   # after the site's hooks (-90) have finished the page
def on_post_page(output, page, config):
    """Each page goes to the views, which are written once a page is there in every language."""
    rel, locale = _rel(page), _locale(config)
    if not _build.get("book"):   # the language's first page: its print page is made as its pages come
        _build["book"] = True
        _send_derived(config, "language", {"locale": locale, "prefix": by_locale(locale).url_prefix,
                                           "rels": _build["nav"]})
    if parallel.has_view(rel, _build["nav"]):
        _send_derived(config, "page", {"locale": locale, "rel": rel, "html": output})
    return output


def _send_derived(config, kind: str, job: dict) -> None:
    """A job for the derived pages (scripts/reader/derived.py): to the second process, or done here."""
    process = _derived.current
    if process is not None and beside.send(process, {kind: job}):
        return
    if process is not None:
        _finish_derived(config)   # it has gone: its error says why
    if _derived_here[0] is None:
        _derived_here[0] = derived.Derived(Path(config.site_dir))
    try:
        getattr(_derived_here[0], kind)(**job)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc


@event_priority(-200)   # after the last language's build has written its pages and sent its print page
def _finish_derived(config):
    if _locale(config) != LANGUAGES[-1].locale:
        return
    process = _derived.take()   # taken once, in the last language's build
    if process is not None:
        try:
            beside.collect(process, "making the parallel views and print pages (scripts/reader/derived.py)")
        except RuntimeError as exc:
            raise PluginError(str(exc)) from exc


def _assemble(config):
    locale = _locale(config)
    language, project, site_dir = by_locale(locale), _build["project"], Path(config.site_dir)
    home = _site_links(config.site_url, locale)[0]
    titles = content_data.page_titles(project, locale)
    history = feeds.commits(ROOT, [f"docs/{locale}", *feeds.DATA_PAGES])
    (site_dir / language.url_prefix / feeds.FEED_FILE).write_text(
        feeds.atom(locale, config.site_name, home, titles, history, set(titles)), encoding="utf-8")
    texts = card.card_texts(config.site_name, str(config.site_description or ""), config.site_url)
    try:
        notice = card.publish(site_dir, language.url_prefix, locale, texts, ROOT,
                              cache_dir=ROOT / ".cache" / "share-cards")
        if notice:
            log.info(notice)
    except card.FontMissing as exc:
        log.warning(str(exc))  # neither a font nor a committed card: fails a strict build with the remedy
    _send_derived(config, "print_page", {"locale": locale, "prefix": language.url_prefix, "rels": _build["nav"],
                                         "labels": LABELS[locale]})
    if locale == DEFAULT.locale:
        glossary, _ = content_data.load_glossary(project)
        exports.write(site_dir, ROOT, exports.documents(_build["registry"], _build["timeline"], glossary,
                                                        claims.load_claims(project)[0], config.site_url))


on_post_build = CombinedEvent(_assemble, _finish_derived)
