"""Language-aware pieces of the built site that mkdocs-static-i18n leaves out or gets wrong.

- Absolute `hreflang` alternates (plus `x-default`) for the page head: the plugin's are relative.
- Relative links in the language switcher: on the home pages the plugin gives absolute paths
  ("/explainer/zh/"), which break in a copy of the site served under another path (a mirror, a
  preview deploy).
- One 404 page per language: the plugin builds every language into the same `404.html`, so the
  language built last wins. We keep the default language's at the root and each other at `/<locale>/`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts.translation.languages import BY_LOCALE, DEFAULT, by_locale


def hreflang_links(site_url: str, alternates: list[dict]) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) pairs for a page, from the plugin's `config.extra.alternate` entries.

    An entry's `link` is either relative to the site root ("zh/origin/") or an absolute path that
    already includes the site's base path ("/explainer/zh/", for the home pages); urljoin resolves
    both against site_url. The default language's page is also given as `x-default`.
    """
    links = []
    for alt in alternates:
        lang = BY_LOCALE.get(alt.get("lang", ""))
        if lang is None:
            continue
        url = _absolute(site_url, alt["link"])
        links.append((lang.tag, url))
        if lang == DEFAULT:
            links.append(("x-default", url))
    return links


def site_relative(link: str, site_url: str) -> str:
    """An alternate's link as a path inside the site ("/explainer/zh/" -> "zh/"), which the theme's
    `url` filter then makes relative to the page; other links unchanged."""
    base = urlsplit(site_url).path or "/"
    return link[len(base):] if link.startswith("/") and link.startswith(base) else link


@lru_cache(maxsize=8192)
def _absolute(site_url: str, link: str) -> str:
    # Each page's alternates are the same links in every language's build: joined once, not once per
    # language (urljoin is about 20 µs a call inside the build).
    return urljoin(site_url, link)


def keep_404_per_language(site_dir: Path, locale: str, saved: dict[str, bytes]) -> None:
    """Call after each language's build. Moves that language's 404 page to its own root.

    Every language build writes `<site_dir>/404.html`; the default language is built first. The
    caller keeps the default's page in `saved` as it is rendered (the site hook's post-build step runs
    after the other languages' builds); after each other language's build, its page is moved to
    `<locale>/404.html` and the default's put back.
    """
    root_404 = site_dir / "404.html"
    if not root_404.exists() or locale == DEFAULT.locale:
        return
    target = site_dir / by_locale(locale).url_prefix / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    root_404.replace(target)  # its <html lang> is the language's already (scripts/site/theme_patches.py)
    if DEFAULT.locale in saved:
        root_404.write_bytes(saved[DEFAULT.locale])

