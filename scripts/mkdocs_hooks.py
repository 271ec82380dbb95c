"""Thin MkDocs glue. Every hook delegates to a plain module under scripts/; no logic lives here.

MkDocs loads this file by path, so the project root is put on sys.path to import `scripts`.
mkdocs-static-i18n runs one full build per language; `config.theme.language` says which.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts import git_dates, i18n_pages  # noqa: E402
from scripts.citations.build import CitationBuild  # noqa: E402
from scripts.project import settings  # noqa: E402

log = logging.getLogger("mkdocs.hooks.citations")
_saved_404: dict[str, bytes] = {}
_citations: CitationBuild | None = None
_notes: dict[str, str] = {}  # each page's notes, from on_page_markdown to on_page_content


def _locale(config) -> str:
    return config.theme["language"]


def on_pre_build(config):
    global _citations
    git_dates.clear_cache()
    _citations = CitationBuild(settings(ROOT), _locale(config))
    problems = _citations.registry_problems()
    if problems:
        raise PluginError("the source registry has errors:\n" + "\n".join(problems))


def on_page_markdown(markdown, page, config, files):
    rendered = _citations.render(markdown, page.file.src_uri)
    _notes[page.file.src_uri] = rendered.notes_html
    for problem in rendered.problems:
        # A warning fails the strict build, with the checker's message instead of a raw [@key].
        log.warning(f"docs/{page.file.src_uri}:{problem.line}:{problem.col}: {problem.message}")
    date = git_dates.last_updated(Path(page.file.abs_src_path), ROOT)
    page.meta["revision_date"] = (
        f'<time datetime="{date.isoformat()}">{git_dates.format_date(date, _locale(config))}</time>'
    )
    return rendered.markdown


def on_page_content(html, page, config, files):
    return html + _notes.pop(page.file.src_uri, "")


@event_priority(-50)  # after mkdocs-static-i18n (priority 50) has set this page's alternates
def on_page_context(context, page, config, nav):
    # The plugin sets the page's alternates as an attribute of config.extra (not as a dict item).
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate", [])
    context["hreflang_links"] = i18n_pages.hreflang_links(config.site_url, alternates)
    return context


def on_post_page(output, page, config):
    return i18n_pages.set_html_lang(output, _locale(config))


def on_post_build(config):
    i18n_pages.keep_404_per_language(Path(config.site_dir), _locale(config), _saved_404)
