"""Link previews and structured data: the page's description, Open Graph and Twitter tags, a share
card per language, and JSON-LD (an Article with dateModified, inLanguage and its citations)."""

from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

from PIL import Image

from scripts.citations.registry import load_registry
from scripts.translation.languages import CHINESE
from tests.reader.helpers import canonical, front_matter, source_file
from tests.sitebuild import ROOT


def metas(soup, attr: str) -> dict[str, str]:
    return {m[attr]: m["content"] for m in soup.select(f"head meta[{attr}]")}


def test_every_page_has_its_description_and_open_graph_and_twitter_tags(content_pages, built_site):
    for path, soup in content_pages.items():
        description = front_matter(source_file(path))["description"]
        names, properties = metas(soup, "name"), metas(soup, "property")
        assert names["description"] == description, path
        assert properties["og:description"] == names["twitter:description"] == description
        assert properties["og:url"] == canonical(soup)
        assert properties["og:locale"] == ("zh_CN" if path.startswith(CHINESE.url_prefix) else "en_GB")
        assert names["twitter:card"] == "summary_large_image"
        image = properties["og:image"]
        prefix = CHINESE.url_prefix if path.startswith(CHINESE.url_prefix) else ""
        assert image == names["twitter:image"] == urljoin(built_site.base_url, prefix + "assets/images/share-card.png")
        assert properties["og:title"] and properties["og:image:alt"]


def test_share_cards_are_pngs_of_the_card_size_one_per_language(built_site):
    english = built_site.site_dir / "assets/images/share-card.png"
    chinese = built_site.site_dir / CHINESE.url_prefix / "assets/images/share-card.png"
    for card in (english, chinese):
        with Image.open(card) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
            assert len(image.convert("L").getcolors(1 << 16)) > 16  # text was drawn, not a blank
    assert english.read_bytes() != chinese.read_bytes()


def test_a_share_card_is_drawn_once_and_then_taken_from_the_cache(tmp_path, monkeypatch):
    from scripts.reader import card

    cache = tmp_path / "cache"
    first = card.write(tmp_path / "one", "", "Site", "A description", "example.org", cache_dir=cache).read_bytes()
    assert len(list(cache.glob("*.png"))) == 1

    def must_not_draw(*args):
        raise AssertionError("drawn again although the cache has it")

    monkeypatch.setattr(card, "draw", must_not_draw)
    assert card.write(tmp_path / "two", "", "Site", "A description", "example.org", cache_dir=cache).read_bytes() == first
    monkeypatch.undo()
    card.write(tmp_path / "three", "", "Site", "Another description", "example.org", cache_dir=cache)
    assert len(list(cache.glob("*.png"))) == 2   # other texts, another card


def test_json_ld_is_an_article_with_its_date_language_and_citations(content_pages):
    registry = load_registry(ROOT / "data" / "sources", ROOT)
    for path, soup in content_pages.items():
        page_script = soup.select_one('script[type="application/ld+json"]:not(article.claim-review script)')
        data = json.loads(page_script.string)  # (the ClaimReviews of the Claims page are in their articles)
        assert data["@context"] == "https://schema.org" and data["@type"] == "Article", path
        assert data["inLanguage"] == soup.html["lang"]
        assert data["dateModified"] == soup.select_one(".md-source-file time")["datetime"]
        assert data["url"] == canonical(soup)
        cited = {urlsplit(a["href"]).fragment for a in soup.select("div.citation-notes a[href*='sources/#']")}
        if urlsplit(data["url"]).path.rstrip("/").endswith(("print", "sources")):
            continue  # the print page gathers other pages' notes; the Sources page lists, not cites
        names = {work["name"] for work in data.get("citation", [])}
        assert names == {registry[key].title for key in cited}, path


def test_json_ld_script_is_json_ld_dumped_with_no_way_to_close_the_element():
    import datetime as dt

    from scripts.reader.meta import PageMeta

    sources = list(load_registry(ROOT / "data" / "sources", ROOT).sources.values())[:3]
    tricky = replace(sources[0], title='A "quoted" </script><b> title 网络空间')
    meta = PageMeta("Page", "About it", "https://example.org/p/", "Site", "https://example.org/", "en",
                    dt.date(2026, 1, 2), "https://example.org/card.png", "Card", sources=[tricky, *sources[1:]])
    # The second page cites the same works, so its JSON-LD is joined from the works remembered.
    for page in (meta, replace(meta, sources=meta.sources[::-1]), replace(meta, sources=[])):
        text = page.json_ld_script()
        assert json.loads(text) == page.json_ld()
        assert "<" not in text
