"""Page weight: the bytes of a page's first load (empty cache), compressed as a web host sends them.

A real browser loads the page and everything it fetches until the network is idle (Material fetches
its search worker, the lunr language files and the whole search index at once). Each response is
counted gzip-compressed (level 6, as web servers and GitHub Pages send text); images and other
already compressed types are counted as they are.

`python -m scripts bench weight` builds the site, measures the heaviest pages of each language and
prints what each resource weighs; tests/quality/test_page_weight.py holds the budget.
"""

from __future__ import annotations

import gzip
import tempfile
from dataclasses import dataclass
from pathlib import Path

COMPRESSED_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "font/woff2",
                    "application/gzip", "application/zip")
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Resource:
    url: str
    raw: int          # bytes of the body
    compressed: int   # bytes on the wire with compression


def compressed_size(body: bytes, content_type: str) -> int:
    # Files gzipped already (Pagefind's index, chunks and WebAssembly) are sent as they are.
    if content_type.split(";")[0].strip() in COMPRESSED_TYPES or body.startswith(GZIP_MAGIC):
        return len(body)
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def first_load(browser, url: str) -> list[Resource]:
    """Load `url` in a fresh browser context (empty cache) and return every response it fetched."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    responses = []
    context.on("response", lambda response: responses.append(response))
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        resources = []
        for response in responses:
            if response.url.startswith("data:") or response.status >= 300:
                continue
            body = response.body()
            resources.append(Resource(response.url, len(body),
                                      compressed_size(body, response.headers.get("content-type", ""))))
        return resources
    finally:
        context.close()


def candidates(site_dir: Path, per_language: int = 2) -> list[str]:
    """The pages (paths relative to the site root) most likely to be heaviest: the largest HTML files,
    compressed, of each language; every other resource a page loads is shared by all pages."""
    by_language: dict[str, list[tuple[int, str]]] = {}
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir).as_posix()
        lang = "zh" if rel.startswith("zh/") else "en"
        by_language.setdefault(lang, []).append((compressed_size(path.read_bytes(), "text/html"), rel))
    return [rel for pages in by_language.values() for _, rel in sorted(pages, reverse=True)[:per_language]]


def url_path(rel: str) -> str:
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def report(page: str, resources: list[Resource]) -> str:
    lines = [f"{page}: {sum(r.compressed for r in resources) / 1024:.1f} KiB compressed "
             f"({sum(r.raw for r in resources) / 1024:.1f} KiB raw), {len(resources)} requests"]
    for r in sorted(resources, key=lambda r: -r.compressed):
        lines.append(f"  {r.compressed / 1024:8.1f} KiB  {r.raw / 1024:8.1f} KiB raw  {r.url.split('/', 3)[-1]}")
    return "\n".join(lines)


def main() -> int:
    from playwright.sync_api import sync_playwright

    from scripts.bench.site import CHROMIUM, CHROMIUM_ARGS, build_and_serve

    with tempfile.TemporaryDirectory(prefix="bench-weight-") as tmp:
        site_dir = Path(tmp) / "site"
        server, base_url = build_and_serve(site_dir, compress=False)  # sizes are counted, not sent
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for rel in candidates(site_dir):
                    print(report(url_path(rel) or "/", first_load(browser, base_url + url_path(rel))))
                browser.close()
        finally:
            server.shutdown()
    return 0
