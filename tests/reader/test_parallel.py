"""The parallel view: every content page in English and Chinese side by side, section by section,
built from the rendered pages (scripts/reader/parallel.py)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from scripts.reader import parallel
from scripts.reader.parallel import Column
from scripts.translation.languages import CHINESE, ENGLISH
from tests.reader.helpers import resolve

PAGES = ["origin/", "regions/africa/", "glossary/", "debate/"]
HOMES = {"": "home-parallel/index.html", "zh/": "zh/home-parallel/index.html"}   # one level down


def _view_paths(pages) -> list[str]:
    return [p for p in pages if p.endswith(f"{parallel.SUFFIX}/index.html")]


def test_every_content_page_has_a_view_in_both_languages_linked_from_its_top(content_pages, pages):
    views = set(_view_paths(pages))
    paths = [p for p in content_pages if p.endswith("index.html")
             and p not in ("print/index.html", "zh/print/index.html")]
    assert len(paths) >= 42 and "index.html" in paths and "zh/index.html" in paths
    for path in paths:
        view = parallel.parallel_url(path[: -len("index.html")]) + "index.html"
        assert view in views, path
        link = content_pages[path].select_one("article p.parallel-link a")
        assert link is not None, path
        assert resolve(path, link["href"], "http://x/")[0] == view
        assert link.get_text() == ("中英对照" if path.startswith("zh/") else "English and Chinese side by side")
    assert {parallel.parallel_url(home) + "index.html" for home in HOMES} == set(HOMES.values()) <= views
    assert not content_pages["print/index.html"].select(".parallel-link")
    assert len(views) == len(paths)


@pytest.mark.parametrize("url", PAGES + [f"zh/{u}" for u in PAGES] + list(HOMES))
def test_view_pairs_sections_by_heading_id_with_prefixed_unique_ids(pages, url):
    path = parallel.parallel_url(url) + "index.html"
    soup = pages[path]
    reader, other = ("zh", "en") if url.startswith("zh/") else ("en", "zh")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical.endswith("/" + url) and "parallel" not in canonical
    assert not soup.select('link[hreflang]')            # the view has no alternates of its own
    # The language switcher leads to the view in each language.
    switcher = {a["hreflang"]: resolve(path, a["href"], "http://x/")[0]
                for a in soup.select("a.md-select__link[hreflang]")}
    english = url.removeprefix("zh/")
    assert switcher == {"en": parallel.parallel_url(english) + "index.html",
                        "zh": parallel.parallel_url("zh/" + english) + "index.html"}
    assert len(soup.select("h1")) == 1
    rows = soup.select("article .parallel__row[data-section]")
    sections = [r["data-section"] for r in rows]
    assert sections[0] == "top" and sections[-1] == "notes" and len(sections) >= 3
    for row in rows:
        cells = row.select(":scope > .parallel__cell")
        assert [c["data-locale"] for c in cells] == [reader, other]
        assert [c["lang"] for c in cells] == (["zh-Hans", "en"] if reader == "zh" else ["en", "zh-Hans"])
        if row["data-section"] not in ("top", "notes"):
            stems = [c.select_one("h3")["id"].split("--", 1) for c in cells]
            assert stems == [[reader, row["data-section"]], [other, row["data-section"]]]
    ids = Counter(e["id"] for e in soup.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    for locale in (reader, other):
        cells = soup.select(f'.parallel__cell[data-locale="{locale}"]')
        prefix = locale + "--"
        assert all(e["id"].startswith(prefix) for cell in cells for e in cell.find_all(id=True))
        refs = [a for cell in cells for a in cell.select("a.footnote-ref")]
        assert refs and all(a["href"].startswith("#" + prefix) and a["href"][1:] in ids for a in refs)
        assert cells[-1].select("div.citation-notes li[id]")    # each column keeps its own notes list
        assert any(cell.select("abbr[title]") for cell in cells)   # glossary terms in both
    assert not soup.select("article .cite-page, article .md-content__button, article .parallel-link")
    assert soup.select_one('meta[http-equiv="Content-Security-Policy"]') is not None


def test_view_links_land_on_existing_pages_and_sections(pages):
    for path in _view_paths(pages):
        for link in pages[path].select("a[href]"):
            href = link["href"]
            if href.startswith(("http:", "https:", "mailto:", "data:")):
                continue
            file, fragment = resolve(path, href, "http://x/")
            assert file in pages or not file.endswith(".html"), (path, href)
            if fragment and file in pages:
                assert pages[file].find(id=fragment) is not None, (path, href)


_URL_ATTRIBUTES = ("href", "src", "srcset", "action", "data-site-search")


def _chrome_targets(path: str, soup) -> list[tuple[str, str, str, bool]]:
    """(tag, attribute, built file, whether a language switcher link) of every relative URL outside the
    page's <article>, and of the URLs in Material's __config (the root its script resolves requests
    against, its search worker)."""
    found = []
    for tag in soup.find_all(lambda t: any(t.has_attr(a) for a in _URL_ATTRIBUTES)):
        if tag.find_parent("article") is not None:
            continue
        for attribute in (a for a in _URL_ATTRIBUTES if tag.has_attr(a)):
            values = ([c.split()[0] for c in tag[attribute].split(",")] if attribute == "srcset"
                      else [tag[attribute]])
            for value in values:
                if not value.startswith(("#", "http:", "https:", "mailto:", "data:", "//")):
                    found.append((tag.name, attribute, resolve(path, value, "http://x/")[0],
                                  "md-select__link" in tag.get("class", [])))
    config = json.loads(soup.select_one("script#__config").string)
    found += [("__config", key, resolve(path, config[key], "http://x/")[0], False) for key in ("base", "search")]
    return found


@pytest.mark.parametrize("home", HOMES)
def test_every_relative_url_of_the_home_view_leads_where_it_led_from_the_home_page(built_site, pages, home):
    view = HOMES[home]
    targets = _chrome_targets(view, pages[view])
    assert {(tag, attribute) for tag, attribute, _, _ in targets} >= {
        ("link", "href"), ("script", "src"), ("a", "href"), ("div", "data-site-search"),
        ("__config", "base"), ("__config", "search")}
    for tag, attribute, file, _ in targets:
        if attribute == "data-site-search":     # the folder that search.js loads pagefind.js from
            file = file.removesuffix("index.html") + "pagefind.js"
        assert (built_site.site_dir / file).is_file(), (view, tag, attribute, file)
    # The same targets as from the home page, but for the language switcher, which leads to the views.
    assert {t[2] for t in targets if t[3]} == set(HOMES.values())
    home_targets = _chrome_targets(home + "index.html", pages[home + "index.html"])
    assert [t for t in targets if not t[3]] == [t for t in home_targets if not t[3]]


def _column(locale: str, url: str, article: str) -> Column:
    tag = "zh-Hans" if locale == "zh" else "en"
    return Column(locale, tag, url, f'<html><head><title>T</title><link rel="canonical" href="https://s/{url}">'
                  f'</head><body><a href="#a">skip</a><article class="md-content__inner md-typeset">{article}'
                  f'</article></body></html>')


def test_a_section_only_one_language_has_gets_its_own_row_in_place():
    en = _column("en", "p/", '<h1 id="t">Title</h1><p>Intro</p><h2 id="a">A</h2><p>a</p>'
                 '<h2 id="c">C</h2><p>see <a href="#a">A</a> and <a href="../q/#x">Q</a></p>')
    zh = _column("zh", "zh/p/", '<h1 id="t">标题</h1><h2 id="a">甲</h2><h2 id="b">乙</h2><h2 id="c">丙</h2>'
                 '<p><a href="../q/">Q</a></p>')
    html = parallel.page_html(en, zh)
    assert [part.split('"')[0] for part in html.split('data-section="')[1:]] == ["top", "a", "b", "c"]
    assert 'href="#en--a"' in html and 'href="../q/#x"' in html and 'href="../zh/q/"' in html
    assert '<meta name="robots" content="noindex">' in html and "<title>English and Chinese" in html
    assert '<h1 id="parallel">Title: English and Chinese side by side</h1>' in html


def test_a_page_without_an_article_is_a_clear_error():
    with pytest.raises(ValueError, match="p/: no <article>"):
        parallel.sections(Column("en", "en", "p/", "<html></html>"))


def test_a_page_whose_view_would_be_the_home_pages_is_a_clear_error(tmp_path):
    for url in ("", "home/", "zh/", "zh/home/"):
        (tmp_path / url).mkdir(parents=True, exist_ok=True)
        locale = "zh" if url.startswith("zh/") else "en"
        (tmp_path / url / "index.html").write_text(_column(locale, url, '<h1 id="t">T</h1>').html, encoding="utf-8")
    languages = [ENGLISH, CHINESE]
    assert parallel.write_views(tmp_path, ["index.md"], languages) == ["home-parallel/", "zh/home-parallel/"]
    with pytest.raises(ValueError, match="docs/en/home.md: its parallel view home-parallel/ is another page's"):
        parallel.write_views(tmp_path, ["index.md", "home.md"], languages)
