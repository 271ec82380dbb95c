"""The committed share cards (data/share-cards/): a contributor without a CJK font can build and
serve the site, and the committed cards stay in step with mkdocs.yml."""

from __future__ import annotations

import pytest

from scripts.reader import card
from tests.sitebuild import ROOT

COMMITTED = ROOT / card.COMMITTED_DIR


def test_the_committed_cards_show_the_texts_of_mkdocs_yml():
    assert card.committed_texts(ROOT) == card.public_texts(ROOT), (
        "data/share-cards/ is out of date: run `python -m scripts share-cards` and commit the result")
    for locale in card.public_texts(ROOT):
        assert (COMMITTED / f"{locale}.png").read_bytes().startswith(b"\x89PNG")


@pytest.fixture
def no_font(monkeypatch):
    def missing(weight):
        raise card.FontMissing("no font with Chinese glyphs (hidden by the test)")
    monkeypatch.setattr(card, "find_font", missing)


def test_matching_texts_copy_the_committed_card_without_looking_for_a_font(tmp_path, no_font):
    texts = card.committed_texts(ROOT)["zh"]
    assert card.publish(tmp_path, "zh/", "zh", texts, ROOT) == ""
    assert (tmp_path / "zh" / card.FILE).read_bytes() == (COMMITTED / "zh.png").read_bytes()


def test_other_texts_without_a_font_fall_back_to_the_committed_card_with_a_notice(tmp_path, no_font):
    texts = card.card_texts("Cyberspace Community Explainer", "Another description", "http://127.0.0.1:8000/")
    notice = card.publish(tmp_path, "", "en", texts, ROOT)
    assert notice.startswith("share card (en): using the committed data/share-cards/en.png")
    assert "\n" not in notice
    assert (tmp_path / card.FILE).read_bytes() == (COMMITTED / "en.png").read_bytes()


def test_no_font_and_no_committed_card_is_an_error_with_the_remedy(tmp_path, no_font):
    with pytest.raises(card.FontMissing, match="Chinese glyphs"):
        card.publish(tmp_path / "site", "", "en", ["a", "b", "c"], tmp_path)


def test_a_font_variable_naming_no_file_says_so(monkeypatch):
    monkeypatch.setenv("SHARE_CARD_FONT", "/nonexistent/font.ttc")
    with pytest.raises(card.FontMissing, match="SHARE_CARD_FONT=/nonexistent/font.ttc: no such font file"):
        card.find_font("regular")


def test_the_strict_build_passes_with_the_font_hidden(preview_site):
    """As on a machine without a CJK font, building for another address than the public one (so
    that the committed cards show other texts, as a pull request's preview build does): the
    committed cards stand in, with a notice."""
    site = preview_site
    assert "share card (zh): using the committed data/share-cards/zh.png" in site.log
    assert (site.site_dir / "zh" / card.FILE).read_bytes() == (COMMITTED / "zh.png").read_bytes()
    assert (site.site_dir / card.FILE).read_bytes() == (COMMITTED / "en.png").read_bytes()
