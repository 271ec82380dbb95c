"""Screenshots for a reviewer: the home, origin, map, timeline and Sources pages in both languages,
light and dark, at 390 and 1280 px, saved as PNGs in test-report/screenshots/ (gitignored; CI can
keep the folder as an artifact). Each is the first screen as a reader sees it."""

from __future__ import annotations

import struct

import pytest

from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser

REPORT = ROOT / "test-report" / "screenshots"
PAGES = {"home": "", "origin": "origin/", "map": "map/", "timeline": "timeline/", "sources": "sources/"}
WIDTHS = {390: 844, 1280: 800}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_save_screenshots(browser, site_url, width, scheme):
    REPORT.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, color_scheme=scheme,
                                  is_mobile=width < 600, has_touch=width < 600)
    page = context.new_page()
    try:
        for prefix, language in (("", "en"), ("zh/", "zh")):
            for name, path in PAGES.items():
                page.goto(site_url + prefix + path)
                page.evaluate("document.fonts.ready")
                file = REPORT / f"{name}-{language}-{width}-{scheme}.png"
                page.screenshot(path=file)
                png = file.read_bytes()
                assert png.startswith(b"\x89PNG")
                assert struct.unpack(">II", png[16:24])[0] == width  # the PNG's width, from its header
                background = page.evaluate("getComputedStyle(document.body).backgroundColor")
                assert (background == "rgb(255, 255, 255)") == (scheme == "light"), background
    finally:
        context.close()
