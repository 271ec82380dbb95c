"""Type in a real browser: the font Chromium actually draws Chinese and pinyin with, read through the
DevTools protocol (CSS.getPlatformFontsForNode), on English and Chinese pages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def used_fonts(page, selector: str) -> dict[str, int]:
    """{font family: glyphs drawn} for the text of the first element matching `selector`."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"nothing matches {selector}"
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def is_simplified_chinese_font(family: str) -> bool:
    """A CJK font whose default glyph forms are the mainland's (SC), not Japanese, Korean or
    traditional ones."""
    return any(mark in family for mark in (" SC", " CN", "PingFang SC", "YaHei", "Hiragino Sans GB"))


def test_chinese_inside_an_english_page_is_tagged_and_set_in_a_simplified_chinese_font(page, site_url):
    page.goto(site_url)
    run = page.locator("article p span[lang]").filter(has_text="网络空间命运共同体").first
    assert run.get_attribute("lang") == "zh-Hans"
    assert run.evaluate("el => el.matches(':lang(zh-Hans)')")
    fonts = used_fonts(page, 'article p span[lang="zh-Hans"]')
    assert fonts and all(is_simplified_chinese_font(family) for family in fonts), fonts


def test_chinese_pages_use_a_chinese_font_first_with_full_width_quotes(page, site_url):
    page.goto(site_url + "zh/")
    family = page.evaluate("getComputedStyle(document.querySelector('article h1 ~ p')).fontFamily")
    assert is_simplified_chinese_font(family.split(",")[0].strip('" ')), family
    fonts = used_fonts(page, "article h1 ~ p")
    assert fonts and all(is_simplified_chinese_font(f) for f in fonts), fonts  # the Latin letters too
    # “ ” drawn by the CJK font are full width: as wide as a Han character (measured between Han
    # characters, where no punctuation-spacing rule trims them)
    widths = page.evaluate("""() => {
        const p = document.querySelector('article h1 ~ p');
        const probe = (text) => { const s = document.createElement('span'); s.textContent = text;
            p.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; };
        return [probe('网“网'), probe('网网网')];
    }""")
    assert widths[1] > 20 and widths[0] == pytest.approx(widths[1], rel=0.02), widths


def test_pinyin_is_drawn_in_one_font_that_has_its_tone_marks(page, site_url):
    page.goto(site_url)
    pinyin = page.locator('article span[lang="zh-Latn-pinyin"]').first
    assert "ǎ" in pinyin.inner_text()
    fonts = used_fonts(page, 'article span[lang="zh-Latn-pinyin"]')
    assert len(fonts) == 1, fonts  # no tone mark borrowed from a fallback font
