"""A pull request's build for its preview (pr-report.yml): every page names the preview's address
as its own and asks search engines not to index it, since a preview is unreviewed; the published
site asks nothing of the kind."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import PREVIEW_ADDRESS


def test_a_preview_build_is_noindex_and_built_for_its_address(preview_site):
    pages = sorted(preview_site.site_dir.rglob("index.html"))
    assert len(pages) > 40
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        robots = [meta["content"] for meta in soup.find_all("meta", attrs={"name": "robots"})]
        assert robots and set(robots) == {"noindex"}, path
        assert soup.find("link", rel="canonical")["href"].startswith(PREVIEW_ADDRESS), path


def test_the_published_pages_do_not_ask_to_stay_out_of_search_engines(content_pages):
    for path, soup in content_pages.items():
        assert soup.find("meta", attrs={"name": "robots"}) is None, path
