"""Citations in the real built site: every note resolves, nothing is left raw, the Sources pages are
complete."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts.citations.registry import load_registry
from scripts.translation.languages import CHINESE
from tests.conftest import language_of, page_url
from tests.sitebuild import ROOT


def sources_ids(pages, prefix: str) -> set[str]:
    return {div["id"] for div in pages[f"{prefix}sources/index.html"].select("div.source-entry[id]")}


def test_no_page_shows_a_raw_citation(content_pages):
    for path, soup in content_pages.items():
        article = soup.select_one("article")
        for code in article.select("code, pre"):
            code.decompose()
        assert "[@" not in article.get_text(), path


def test_every_note_links_to_an_existing_sources_entry(content_pages, pages, built_site):
    checked = 0
    for path, soup in content_pages.items():
        page_abs = urljoin(built_site.base_url, page_url(path))
        for link in soup.select("div.citation-notes a[href*='sources/#']"):
            target = urlsplit(urljoin(page_abs, link["href"]))
            file = target.path.lstrip("/") + "index.html"
            assert target.fragment in sources_ids(pages, file[: -len("sources/index.html")]), (path, link["href"])
            checked += 1
    assert checked > 100  # the content pages cite many sources


def test_every_reference_has_its_note_and_back_link(content_pages):
    for path, soup in content_pages.items():
        refs = soup.select("a.footnote-ref[href^='#fn:cite-']")
        for ref in refs:
            note = soup.find(id=ref["href"][1:])
            assert note is not None, (path, ref["href"])
            ref_id = ref.get("id") or ref.parent["id"]   # on the number's <sup> (English) or link (Chinese)
            backs = note.select("a.footnote-backref")
            assert "#" + ref_id in [back["href"] for back in backs], (path, ref_id)
            assert all(back.get("aria-label") and not back.get("title") for back in backs)  # named, no tooltip


def test_sources_pages_list_every_registered_source_in_both_languages(pages):
    registry = load_registry(ROOT / "data" / "sources", ROOT)
    assert sources_ids(pages, "") == set(registry.sources)
    assert sources_ids(pages, CHINESE.url_prefix) == set(registry.sources)


def test_chinese_notes_use_gbt_7714_and_english_notes_chicago(content_pages):
    zh = content_pages[f"{CHINESE.url_prefix}origin/index.html"].select_one("div.citation-notes").get_text()
    en = content_pages["origin/index.html"].select_one("div.citation-notes").get_text()
    assert "[N/OL]" in zh or "[EB/OL]" in zh or "[R/OL]" in zh
    assert "/OL]" not in en
    assert "来源条目" in zh and "Source entry" in en


def test_chinese_pages_give_each_source_one_number_and_english_pages_shorten_later_notes(content_pages):
    for path, soup in content_pages.items():
        notes = soup.select("li[id^='fn:cite-']")
        if not notes:
            continue
        entries = [a["href"].split("#")[1] for note in notes for a in note.select("a[href*='sources/#']")]
        if path.startswith(CHINESE.url_prefix):
            # GB/T 顺序编码制: one entry per source, in order of first citation, each cited as [n]
            assert len(entries) == len(set(entries)) == len(notes), path
            numbers = [a.get_text().strip("[]") for a in soup.select("article sup.cite-gbt a.footnote-ref")]
            assert list(dict.fromkeys(int(n) for n in numbers)) == list(range(1, len(notes) + 1)), path
        else:
            # Chicago: a source's first note is in full (with its link), later ones shortened
            full_links = [note.select("a[href^='http']") for note in notes]
            assert full_links[0], path
    origin = content_pages[f"{CHINESE.url_prefix}origin/index.html"]
    en_origin = content_pages["origin/index.html"]
    assert len(origin.select("li[id^='fn:cite-']")) < len(en_origin.select("li[id^='fn:cite-']")) / 2


def test_notes_are_a_section_that_starts_closed_and_counts_its_notes(content_pages):
    # Closed, the browser neither styles nor lays out a long page's notes while the page loads.
    checked = 0
    for path, soup in content_pages.items():
        notes = soup.select("li[id^='fn:cite-']")
        if not notes:
            continue
        section = soup.select_one("article details.citation-notes-section")
        assert section is not None and not section.has_attr("open"), path
        assert section.select("li[id^='fn:cite-']") == notes, path  # every note is inside it
        summary = section.find("summary", recursive=False).get_text()
        assert str(len(notes)) in summary and ("注释" if path.startswith(CHINESE.url_prefix) else "Notes") in summary
        checked += 1
    assert checked > 20


def test_json_ld_comes_after_the_text_not_in_the_head(content_pages):
    # It lists every source the page cites: in the head those bytes came before the first paint's text.
    # (The Claims checked page also carries one ClaimReview per claim, inside that claim's article.)
    for path, soup in content_pages.items():
        scripts = soup.select('script[type="application/ld+json"]:not(article.claim-review script)')
        assert len(scripts) == 1 and scripts[0].find_parent("head") is None, path
        assert scripts[0].find_previous("article") is not None, path


def test_sources_page_fills_in_its_slots_and_marks_no_term_inside_a_source_s_words(pages):
    # The entries go in as soon as Markdown is done; excerpts and "cited on" lists after the search
    # index (sources_page.py). A reference quotes the source's title, an excerpt its text: no
    # glossary term is marked in either, as in the notes.
    for prefix in ("", CHINESE.url_prefix):
        soup = pages[f"{prefix}sources/index.html"]
        assert "<!--late:" not in str(soup) and "<!--early:" not in str(soup)
        entries = soup.select("div.source-entry")
        late = soup.select("div.source-entry > details[data-search-exclude] > p[data-search-exclude]")
        assert len(late) >= len(entries) + 100   # a "cited on" line each, and most have excerpts
        assert [e["id"] for e in entries if e.find("abbr")] == []
        assert soup.select("h2[id^='tier-'] + div.source-entry"), "entries follow their tier's heading"


def test_each_source_lists_exactly_the_pages_whose_notes_cite_it(content_pages, pages, built_site):
    # Including the pages whose citations come from data texts (the timeline, the glossary). The
    # print page gathers the other pages' notes after the build, and is listed nowhere.
    from scripts.citations.urls import page_dir
    from scripts.reader.printing import PRINT_PAGE

    def absolute(path: str, href: str) -> str:
        return urlsplit(urljoin(urljoin(built_site.base_url, page_url(path)), href)).path

    for prefix in ("", CHINESE.url_prefix):
        sources_path = f"{prefix}sources/index.html"
        from_notes: dict[str, set[str]] = {}
        for path, soup in content_pages.items():
            if language_of(path).url_prefix != prefix or path == f"{prefix}{page_dir(PRINT_PAGE)}/index.html":
                continue
            for link in soup.select("div.citation-notes a[href*='sources/#']"):
                from_notes.setdefault(urlsplit(link["href"]).fragment, set()).add(absolute(path, ""))
        listed = {
            entry["id"]: {absolute(sources_path, a["href"]) for a in entry.select("p[data-search-exclude] a")
                          if "sources/" not in a["href"] and not a["href"].startswith("http")}
            for entry in pages[sources_path].select("div.source-entry[id]")
        }
        assert any("timeline/" in page for pages_ in listed.values() for page in pages_), prefix
        assert {key: pages_ for key, pages_ in listed.items() if pages_} == from_notes, prefix


def test_sources_read_on_a_copy_link_their_original_in_notes_and_on_the_sources_pages(pages):
    registry = load_registry(ROOT / "data" / "sources", ROOT)
    originals = {s.id: s.original_url for s in registry.sources.values() if s.original_url}
    assert originals  # the registry records some
    for prefix, label in (("", "Original publisher"), (CHINESE.url_prefix, "原始出处")):
        sources = pages[f"{prefix}sources/index.html"]
        for source_id, url in originals.items():
            links = sources.find(id=source_id).find_all("a", href=url)
            assert [a.get_text() for a in links] == [label], (prefix, source_id)


def test_a_derived_figure_shows_its_working(content_pages):
    working = content_pages["digital-silk-road/index.html"].select("span.calc")
    assert [s.get_text() for s in working] == ["(calculated: 31 + 130 = 161)"]
    assert not any("{calc:" in soup.get_text() for soup in content_pages.values())
