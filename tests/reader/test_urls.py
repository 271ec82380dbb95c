"""Stable URLs: every recorded URL is still published (or redirected), every published URL is
recorded, and every link to a section lands on an element with that id."""

from __future__ import annotations

from scripts.reader import urls
from tests.sitebuild import ROOT


def test_no_recorded_url_disappears_without_a_redirect(built_site):
    result = urls.compare(urls.read_record(ROOT), urls.built_urls(built_site.site_dir),
                          urls.redirects(built_site.site_dir))
    assert result.missing == [], "restore these URLs or redirect them (redirect_maps in mkdocs.yml)"


def test_every_published_url_is_recorded(built_site):
    result = urls.compare(urls.read_record(ROOT), urls.built_urls(built_site.site_dir),
                          urls.redirects(built_site.site_dir))
    assert result.unrecorded == [], "run `python -m scripts urls --update` after `make build`"


def test_every_link_to_a_section_lands_on_it(pages):
    ids = {path: {e["id"] for e in soup.find_all(id=True)} for path, soup in pages.items()}
    links = {path: [a["href"] for a in soup.find_all("a", href=True)] for path, soup in pages.items()}
    assert sum("#" in h for hrefs in links.values() for h in hrefs) > 1000
    assert urls.broken_fragment_links(ids, links) == []


def test_the_comparison_catches_a_lost_url_and_follows_redirects():
    built = {"", "about/", "new/"}
    result = urls.compare(["", "about/", "old/", "older/", "gone/"], built, {"old/": "new/", "older/": "old/"})
    assert result.missing == ["gone/"]  # old/ and older/ are redirected to a live page
    assert urls.compare(["", "about/"], built, {}).unrecorded == ["new/"]
    assert urls.broken_fragment_links({"a/index.html": {"x"}, "index.html": set()},
                                      {"index.html": ["a/#x", "a/#y", "#top", "https://example.org/#z"]}) \
        == [("index.html", "a/#y"), ("index.html", "#top")]


def test_redirects_are_given_to_each_language_build():
    maps = {"en/old.md": "en/new.md", "zh/old.md": "zh/new.md#part"}
    assert urls.language_redirects(maps, "en", "") == {"old.md": "en/new.md"}
    assert urls.language_redirects(maps, "zh", "zh/") == {"zh/old.md": "zh/new.md#part"}


def test_links_taken_to_a_page_one_level_down_are_rebased_and_scripts_kept():
    chrome = ('<link rel="stylesheet" href="../assets/site.css"><img src="../a.png" srcset="../a.png 1x, ../b.png 2x">'
              '<a href="./">home</a><a href="../origin/?h=x#keynote">o</a><a href="#top">t</a>'
              '<a href="https://example.org/a/">e</a><div data-site-search="../pagefind/"></div>'
              '<form action="../search/"></form><script src="../assets/s.js"></script>'
              '<script>var a = \'<a href="../x/">\';</script>')
    assert urls.rebase_links(chrome, "zh/", "zh/home-parallel/") == (
        '<link rel="stylesheet" href="../../assets/site.css">'
        '<img src="../../a.png" srcset="../../a.png 1x, ../../b.png 2x">'
        '<a href="../">home</a><a href="../../origin/?h=x#keynote">o</a><a href="#top">t</a>'
        '<a href="https://example.org/a/">e</a><div data-site-search="../../pagefind/"></div>'
        '<form action="../../search/"></form><script src="../../assets/s.js"></script>'
        '<script>var a = \'<a href="../x/">\';</script>')
    assert urls.rebase(".", "", "home-parallel/") == ".."
    assert urls.rebase("mailto:a@b.org", "", "home-parallel/") == "mailto:a@b.org"
