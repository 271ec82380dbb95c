"""The parallel view: every content page in English and Chinese side by side, section by section,
built from the rendered pages (scripts/reader/parallel.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from scripts.reader import parallel
from scripts.reader.parallel import Column
from tests.reader.helpers import resolve

PAGES = ["origin/", "regions/africa/", "glossary/", "debate/"]


def _view_paths(pages) -> list[str]:
    return [p for p in pages if p.endswith(f"{parallel.SUFFIX}/index.html")]


def test_every_content_page_has_a_view_in_both_languages_linked_from_its_top(content_pages, pages):
    views = set(_view_paths(pages))
    paths = [p for p in content_pages if p.endswith("index.html")
             and p not in ("index.html", "zh/index.html", "print/index.html", "zh/print/index.html")]
    assert len(paths) >= 40
    for path in paths:
        view = parallel.parallel_url(path[: -len("index.html")]) + "index.html"
        assert view in views, path
        link = content_pages[path].select_one("article p.parallel-link a")
        assert link is not None, path
        assert resolve(path, link["href"], "http://x/")[0] == view
        assert link.get_text() == ("中英对照" if path.startswith("zh/") else "English and Chinese side by side")
    assert not content_pages["index.html"].select(".parallel-link")
    assert len(views) == len(paths)


@pytest.mark.parametrize("url", PAGES + [f"zh/{u}" for u in PAGES])
def test_view_pairs_sections_by_heading_id_with_prefixed_unique_ids(pages, url):
    soup = pages[parallel.parallel_url(url) + "index.html"]
    reader, other = ("zh", "en") if url.startswith("zh/") else ("en", "zh")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical.endswith("/" + url) and "parallel" not in canonical
    assert not soup.select('link[hreflang]')            # the view has no alternates of its own
    switcher = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    assert switcher and all(href.endswith(parallel.SUFFIX + "/") for href in switcher.values())
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
        parallel.sections(Column("en", "en", "p/", "<html></html>"), "p-parallel/")
