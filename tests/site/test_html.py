"""Assertions on the real built site's HTML: languages, alternates, canonical links, sitemap, 404
pages, edit links, dates, and that nothing is loaded from another origin."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from scripts.translation.languages import CHINESE, ENGLISH, LANGUAGES
from tests.conftest import language_of, page_url
from tests.sitebuild import ROOT


def twin_path(path: str) -> str:
    """The same page in the other language."""
    if path.startswith(CHINESE.url_prefix):
        return path[len(CHINESE.url_prefix):]
    return CHINESE.url_prefix + path


def test_strict_build_printed_no_warning(built_site):
    assert "WARNING" not in built_site.log, built_site.log


def test_both_languages_have_the_same_page_tree(content_pages):
    english = {p for p in content_pages if language_of(p) is ENGLISH}
    chinese = {twin_path(p) for p in content_pages if language_of(p) is CHINESE}
    assert english, "no English page was built"
    assert english == chinese


def test_html_lang_matches_the_language_of_each_page(pages):
    for path, soup in pages.items():
        assert soup.html["lang"] == language_of(path).tag, path


def test_canonical_link_is_the_page_itself(content_pages, built_site):
    for path, soup in content_pages.items():
        canonical = soup.select_one('link[rel="canonical"]')
        assert canonical is not None, path
        assert canonical["href"] == urljoin(built_site.base_url, page_url(path)), path


def test_hreflang_alternates_are_absolute_and_point_to_the_twin_page(content_pages, built_site):
    for path, soup in content_pages.items():
        links = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
        english_path = path if language_of(path) is ENGLISH else twin_path(path)
        expected = {
            ENGLISH.tag: urljoin(built_site.base_url, page_url(english_path)),
            CHINESE.tag: urljoin(built_site.base_url, page_url(twin_path(english_path))),
            "x-default": urljoin(built_site.base_url, page_url(english_path)),
        }
        assert links == expected, path
        for link in soup.select("link[hreflang]"):
            assert link["rel"] == ["alternate"], path  # parsed as a token list


def test_language_switcher_leads_to_the_same_page(content_pages, built_site):
    for path, soup in content_pages.items():
        page_abs = urljoin(built_site.base_url, page_url(path))
        targets = {
            a["hreflang"]: urljoin(page_abs, a["href"]) for a in soup.select("a.md-select__link")
        }
        twin = urljoin(built_site.base_url, page_url(twin_path(path)))
        assert targets.get(language_of(twin_path(path)).locale) == twin, (path, targets)
        assert targets.get(language_of(path).locale) == page_abs, (path, targets)


def test_sitemap_lists_every_page_with_its_alternates(content_pages, built_site):
    tree = ElementTree.parse(built_site.site_dir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {}
    for url in tree.getroot().findall("s:url", ns):
        alternates = {a.get("hreflang") for a in url.findall("x:link", ns)}
        urls[url.findtext("s:loc", namespaces=ns)] = alternates
    for path in content_pages:
        loc = urljoin(built_site.base_url, page_url(path))
        assert loc in urls, loc
        assert urls[loc] == {lang.locale for lang in LANGUAGES}, loc


def test_each_language_has_its_own_404_page(pages):
    root, chinese = pages["404.html"], pages["zh/404.html"]
    assert "Page not found" in root.h1.get_text()
    assert "页面未找到" in chinese.h1.get_text()
    assert chinese.select_one('a[href$="/zh/"]') is not None
    assert root.select_one('a[href$="/zh/"]') is not None  # Chinese readers find their way home


def test_every_page_has_an_edit_link_to_its_own_source_file(content_pages):
    for path, soup in content_pages.items():
        edit = soup.select_one("a.md-content__button[href*='/edit/']")
        assert edit is not None, path
        lang = language_of(path)
        stem = page_url(path)[len(lang.url_prefix):].rstrip("/") or "index"
        # A page not yet translated is built from the English file, which is the one to edit.
        source_locale = lang.locale if (ROOT / "docs" / lang.locale / f"{stem}.md").exists() else "en"
        assert edit["href"].endswith(f"/docs/{source_locale}/{stem}.md"), (path, edit["href"])


def test_every_page_shows_when_it_was_last_updated(content_pages):
    for path, soup in content_pages.items():
        time = soup.select_one(".md-source-file time[datetime]")
        assert time is not None, path
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", time["datetime"]), path
        if language_of(path) is CHINESE:
            assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", time.get_text()), path


def test_light_and_dark_schemes_follow_the_system_with_a_toggle(content_pages):
    for path, soup in content_pages.items():
        media = {i["data-md-color-media"] for i in soup.select("input[data-md-color-media]")}
        assert media == {"(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"}, path
        assert len(soup.select("label.md-header__button[for^='__palette']")) == 2, path


def is_off_origin(url: str, base_url: str) -> bool:
    """True when a URL would make the browser contact an origin other than the site's."""
    if url.startswith(("data:", "#")):
        return False
    parts = urlsplit(urljoin(base_url, url))
    return parts.scheme in {"http", "https", ""} and parts.netloc != urlsplit(base_url).netloc


LOADED_RESOURCES = [
    ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"), ("audio", "src"),
    ("video", "src"), ("embed", "src"), ("object", "data"), ("link", "href"),
]


def test_no_page_loads_anything_from_another_origin(pages, built_site):
    for path, soup in pages.items():
        page_abs = urljoin(built_site.base_url, page_url(path))
        for tag, attr in LOADED_RESOURCES:
            for element in soup.find_all(tag):
                url = element.get(attr)
                if not url:
                    continue
                if tag == "link" and not set(element.get("rel", [])) & {
                    "stylesheet", "icon", "preload", "preconnect", "dns-prefetch", "modulepreload",
                    "manifest", "apple-touch-icon",
                }:
                    continue  # canonical, alternates and the like are not fetched
                assert not is_off_origin(urljoin(page_abs, url), built_site.base_url), (path, tag, url)


def test_stylesheets_import_no_remote_font_or_file(built_site):
    remote = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*(?:https?:)?//""", re.IGNORECASE)
    for css in built_site.site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not remote.search(text), css
    assert not any(
        "fonts.googleapis" in p.read_text(encoding="utf-8") for p in built_site.site_dir.rglob("*.html")
    )


def test_each_language_has_its_own_search_index_with_every_page(built_site, content_pages):
    # Pagefind indexes the pages' <article> (data-pagefind-body), one index per <html lang>.
    entry = json.loads((built_site.site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in LANGUAGES:
        own = {path for path in content_pages if language_of(path) is language}
        indexed = {path for path in own if content_pages[path].select_one("article[data-pagefind-body]")}
        searchable = {path for path in own
                      if not _excluded_from_search(language, page_url(path)[len(language.url_prefix):])}
        assert indexed == searchable, sorted(indexed ^ searchable)[:5]  # every page of the language, nothing else
        assert {content_pages[path].html["lang"] for path in indexed} == {language.tag}
        assert entry["languages"][language.tag.lower()]["page_count"] == len(indexed)


def test_pages_point_the_search_at_the_sites_pagefind_folder(pages, built_site):
    for path, soup in pages.items():
        box = soup.select_one("[data-site-search]")
        assert box is not None, path
        folder = urljoin(urljoin(built_site.base_url, page_url(path)), box["data-site-search"])
        if not path.endswith("404.html"):  # the 404 page is served at any depth
            assert folder == built_site.base_url + "pagefind/", (path, box["data-site-search"])
    assert (built_site.site_dir / "pagefind" / "pagefind.js").is_file()


def _excluded_from_search(language, rel: str) -> bool:
    """Whether a page's front matter says `search: exclude: true` (Material leaves it out of the index)."""
    source = ROOT / "docs" / language.locale / ((rel.rstrip("/") or "index") + ".md")
    front = source.read_text(encoding="utf-8").split("\n---", 1)[0] if source.exists() else ""
    return re.search(r"^search:\n\s+exclude:\s*true", front, re.MULTILINE) is not None
