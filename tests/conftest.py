"""Shared fixtures: the real site, built once per test run, and served on loopback; a real headless
Chromium (Debian's package) driven by Playwright, never a downloaded browser."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from scripts.translation.languages import CHINESE, ENGLISH, Language
from scripts.reader.parallel import SUFFIX as PARALLEL_SUFFIX
from tests.sitebuild import BuiltSite, build_site, free_port, serve


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    return build_site(site_dir, f"http://127.0.0.1:{site_port}/")


PREVIEW_ADDRESS = "https://example-previews.github.io/explainer-previews/pr-7/"


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory) -> BuiltSite:
    """The site as a pull request's build makes it for its preview (pr-report.yml): for the preview's
    address, marked noindex, on a machine without a CJK font (the CI container has none)."""
    hidden = {"SHARE_CARD_FONT": "/nonexistent/regular.ttc", "SHARE_CARD_FONT_BOLD": "/nonexistent/bold.ttc"}
    return build_site(tmp_path_factory.mktemp("preview-site"), PREVIEW_ADDRESS, env={**hidden, "SITE_NOINDEX": "1"})


@pytest.fixture(scope="session")
def site_url(built_site, site_port) -> str:
    server = serve(built_site.site_dir, site_port)
    yield built_site.base_url
    server.shutdown()


@pytest.fixture(scope="session")
def pages(built_site) -> dict[str, BeautifulSoup]:
    """Every built HTML page, keyed by its path relative to the site root (e.g. "zh/about/index.html")."""
    return {
        path.relative_to(built_site.site_dir).as_posix(): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in sorted(built_site.site_dir.rglob("*.html"))
    }


def language_of(path: str) -> Language:
    """The language of a built file, from its path: "zh/about/index.html" -> CHINESE."""
    return CHINESE if path.startswith(CHINESE.url_prefix) else ENGLISH


def page_url(path: str) -> str:
    """The URL path of a built file: "zh/about/index.html" -> "zh/about/"."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


@pytest.fixture(scope="session")
def content_pages(pages) -> dict[str, BeautifulSoup]:
    """The pages built from Markdown (not the 404 pages, nor the parallel views built from them,
    which tests/reader/test_parallel.py checks)."""
    return {path: soup for path, soup in pages.items()
            if not path.endswith("404.html") and not path.endswith(f"{PARALLEL_SUFFIX}/index.html")}


# A real browser, shared by tests/browser and tests/quality ------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium calls home at start-up, which this test would
# (rightly) count as a request leaving the site.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (`make browser` does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Recorder:
    """Collects every request and every console error or page error of one page."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def off_origin(self) -> list[str]:
        def origin(url):
            parts = urlsplit(url)
            return f"{parts.scheme}://{parts.netloc}"
        return [u for u in self.requests if not u.startswith(("data:", "blob:")) and origin(u) != self.origin]


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.recorder = Recorder(page, site_url.rstrip("/"))
    yield page
    context.close()


def pytest_collection_modifyitems(session, config, items):
    """Run the tests that use the browser last.

    Playwright's sync API keeps an asyncio event loop running in the main thread while the browser is
    open (the `browser` fixture lives for the whole session), so any test calling asyncio.run() after
    the first browser test would fail. A stable sort keeps every other order as collected.
    """
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))
