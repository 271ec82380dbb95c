"""MkDocs glue for the citation engine (listed under `hooks:` in mkdocs.yml). No logic lives here.

mkdocs-static-i18n runs one full build per language; `config.theme.language` says which.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts.citations.build import CitationBuild  # noqa: E402
from scripts.citations.render import Rendered  # noqa: E402
from scripts.findings import Finding  # noqa: E402
from scripts.site import beside, search_assets  # noqa: E402
from scripts.translation.languages import DEFAULT  # noqa: E402
from scripts.project import settings  # noqa: E402

log = logging.getLogger("mkdocs.hooks.citations")
_build: CitationBuild | None = None
_rendered: dict[str, Rendered] = {}  # each page's citations, from on_page_markdown to on_page_context
# Findings logged in this build, every language: a page not yet translated is rendered by both
# languages' builds, and its problems are reported once.
_reported: set[str] = set()
_support_check = beside.Slot()   # the sentence-level support check, running beside the build


def on_pre_build(config):
    global _build
    if config.theme["language"] == DEFAULT.locale:  # the default language's build encloses the others'
        _reported.clear()
        # Sentence-level support (scripts/support/): every page and data text of both languages,
        # checked in a second process while this one builds; reported at the first post-build.
        if _support_check.put(beside.start("scripts.support.checker:findings_for_build")) is None:
            raise PluginError("could not start a second Python process for the support check")
    _build = CitationBuild(settings(ROOT), config.theme["language"])
    problems = _build.registry_problems()
    if problems:
        raise PluginError("the source registry has errors:\n" + "\n".join(problems))


def on_page_markdown(markdown, page, config, files):
    rendered = _build.render(markdown, page.file.src_uri)
    for problem in _build.findings(rendered, page.file.src_uri):
        # A warning fails the strict build, with the checker's finding instead of a raw [@key].
        if problem not in _reported:
            _reported.add(problem)
            log.warning(problem)
    _rendered[page.file.src_uri] = rendered
    return rendered.markdown


def on_page_content(html, page, config, files):
    rendered = _rendered.get(page.file.src_uri)
    # The note references go in now, so that the page's copy for the search index, made from its
    # content (scripts/site/mkdocs_hooks.py), reads as the finished page; the notes come later, once
    # every page is rendered. Material's search (`make bench-search` builds with it) indexes the
    # content later still, and is kept from the references by putting them in after it too.
    now = not search_assets.material_search_enabled(config)
    return rendered.with_references(html, now) if rendered else html


@event_priority(-10)  # after Material's search plugin (0) has indexed the content without them
def on_page_context(context, page, config, nav):
    rendered = _rendered.pop(page.file.src_uri, None)
    if rendered:
        page.content = _build.complete(rendered, page.file.src_uri).with_notes(page.content)
    return context


@event_priority(-200)
def on_post_build(config):
    process = _support_check.take()
    if process is None:   # collected by the first post-build (the last language's, in i18n's nesting)
        return
    try:
        findings = beside.collect(process, "the support check (scripts/support/)")
    except RuntimeError as exc:
        raise PluginError(str(exc)) from exc
    for finding in sorted(Finding(**item) for item in findings):
        # Errors fail the strict build, as `python -m scripts check` fails; warnings are listed.
        (log.warning if finding.severity == "error" else log.debug)(finding.text())
