"""Small edits to Material's template sources, made as the build loads them, so that every page
comes out valid HTML (the Nu HTML Checker, tests/quality/test_html_validity.py) with the right
language tag, and so that the header keeps its search box with Pagefind in it.

- Section labels in the navigation get `tabindex=""` (Material sets an empty value for labels that
  are not focusable). An empty tabindex is invalid, and browsers ignore it: written only when set.
- The drawer and search toggles are checkboxes with `autocomplete="off"`, which HTML allows only on
  text-like inputs. Chromium and Safari ignore it there; Firefox used it to not restore an open drawer
  or search after a reload, so there a reload may now reopen them. Dropped.
- `<html lang>` gets the language's BCP 47 tag (zh-Hans), not Material's theme code (zh).
- The header shows the search box without Material's search plugin too: the site searches with
  Pagefind in the same box (overrides/partials/search.html, scripts/site/site_search.py).

Edited in the template source, once per build, rather than in every finished page: a string edit
of a page is a pass over all of it, its navigation included (about 0.1 ms a page). Each edit must
find its text exactly as many times as it expects, or the build stops before its first page and
names the template: an upgrade of Material that moves the text fails loudly instead of letting the
invalid markup back in.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2


class PatchError(Exception):
    """A patch no longer applies to the installed theme."""


@dataclass(frozen=True)
class Patch:
    template: str   # the template's name, as Jinja loads it ("partials/nav-item.html")
    old: str        # text that must occur `count` times in the template's source
    new: str
    count: int = 1
    why: str = ""


def patches(language_tag: str) -> list[Patch]:
    """The edits for one language's build."""
    return [
        Patch("partials/nav-item.html", ' tabindex="{{ tabindex }}"',
              '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}', count=2,
              why='an empty tabindex="" is invalid'),
        Patch("base.html", 'type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"',
              why="autocomplete is not allowed on a checkbox"),
        Patch("base.html", 'type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"',
              why="autocomplete is not allowed on a checkbox"),
        Patch("partials/header.html", '{% if "material/search" in config.plugins %}',
              '{% if true %}{# Material\'s search or Pagefind: partials/search.html #}',
              why="the header search box serves Pagefind when Material's search plugin is not on"),
        Patch("partials/header.html", '{% set search = config.plugins["material/search"] | attr("config") %}',
              '{% set search = config.plugins["material/search"].config if "material/search" in config.plugins'
              ' else {"enabled": false} %}', why="no search plugin: Pagefind's box"),
        Patch("partials/header.html", "{% if search.enabled %}", "{% if true %}", why="both engines' box"),
        Patch("base.html", "<html lang=\"{{ lang.t('language') }}\"", f'<html lang="{language_tag}"',
              why="the page's language as a BCP 47 tag"),
    ]


def apply(template: str, source: str, edits: list[Patch]) -> str:
    """The template's source with the edits for it made; PatchError if one does not apply."""
    for edit in (e for e in edits if e.template == template):
        found = source.count(edit.old)
        if found != edit.count:
            raise PatchError(
                f"theme template {template}: expected {edit.count} occurrence(s) of {edit.old!r}, found {found} "
                f"(the patch for: {edit.why}). Material's template has changed: update scripts/site/theme_patches.py.")
        source = source.replace(edit.old, edit.new)
    return source


def install(env: jinja2.Environment, language_tag: str) -> None:
    """Make `env` load its templates through a PatchingLoader with the edits for this language, and
    load each patched template once now: PatchError here, not at the first page."""
    edits = patches(language_tag)
    env.loader = PatchingLoader(env.loader, edits)
    for template in sorted({edit.template for edit in edits}):
        env.loader.get_source(env, template)


class PatchingLoader(jinja2.BaseLoader):
    """Loads templates through `inner` and makes the edits on the way. A template that another
    template extends or includes is loaded through here too; Jinja compiles each template once per
    environment, that is once per language build."""

    def __init__(self, inner: jinja2.BaseLoader, edits: list[Patch]):
        self.inner, self.edits = inner, edits
        self.targets = {e.template for e in edits}

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template in self.targets:
            source = apply(template, source, self.edits)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()
