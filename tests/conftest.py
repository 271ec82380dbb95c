"""Shared fixtures: the real site, built once per test run, and served on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import BuiltSite, build_site, free_port, serve


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    return build_site(site_dir, f"http://127.0.0.1:{site_port}/")


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


def page_url(path: str) -> str:
    """The URL path of a built file: "zh/about/index.html" -> "zh/about/"."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


@pytest.fixture(scope="session")
def content_pages(pages) -> dict[str, BeautifulSoup]:
    """The pages built from Markdown (not the 404 pages)."""
    return {path: soup for path, soup in pages.items() if not path.endswith("404.html")}


def pytest_collection_modifyitems(session, config, items):
    """Run the tests that use the browser last.

    Playwright's sync API keeps an asyncio event loop running in the main thread while the browser is
    open (the `browser` fixture lives for the whole session), so any test calling asyncio.run() after
    the first browser test would fail. A stable sort keeps every other order as collected.
    """
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))
