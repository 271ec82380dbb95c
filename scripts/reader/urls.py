"""Stable URLs. The set of published URLs is recorded in data/published-urls.txt (one path per
line, relative to the site root; "" is the home page). Every recorded URL must stay published, or
be redirected (mkdocs-redirects, `redirect_maps` in mkdocs.yml) to one that is; every published URL
must be recorded; and every link to a section (#anchor) must land on an element with that id.

`python -m scripts urls` compares a built site with the record; `--update` adds new URLs to it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from scripts.citations.urls import relative_path

RECORD = Path("data/published-urls.txt")
HEADER = """\
# Every URL this site has published, relative to the site root: pages end in "/", and "" is the
# English home page. A URL listed here must stay published or be redirected (redirect_maps of
# mkdocs-redirects in mkdocs.yml); tests/reader/test_urls.py checks the build against this list.
# After adding a page: `make build`, then `.venv/bin/python -m scripts urls --update`.
"""
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.IGNORECASE)
# Files published besides the pages, by pattern: feeds and data exports.
FILE_PATTERNS = ("feed.xml", "*/feed.xml", "data/*.json", "data/schema/*.json")


def language_redirects(maps: dict, locale: str, url_prefix: str) -> dict[str, str]:
    """The redirects of one language's build, for mkdocs-redirects. In mkdocs.yml both sides name
    files inside the language folders ("en/old.md: en/new.md#part", "zh/old.md: zh/new.md"); the
    old side becomes the path of the old URL ("old.md", "zh/old.md") and the new side stays, to be
    looked up among this language's pages (keyed "<locale>/<path>")."""
    out = {}
    for old, new in (maps or {}).items():
        lang, _, rel = str(old).partition("/")
        if lang == locale:
            out[url_prefix + rel] = str(new)
    return out


def read_record(root: Path) -> list[str]:
    path = root / RECORD
    if not path.exists():
        return []
    return [line.strip() if line.strip() != '""' else "" for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def write_record(root: Path, urls: list[str]) -> None:
    lines = [u if u else '""' for u in urls]
    (root / RECORD).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def _url_of(path: str) -> str:
    return path[: -len("index.html")] if path.endswith("index.html") else path


def redirects(site_dir: Path) -> dict[str, str]:
    """{url: target path} of the redirect pages that mkdocs-redirects wrote."""
    found = {}
    for file in site_dir.rglob("*.html"):
        head = file.read_text(encoding="utf-8", errors="replace")[:2000]
        match = _REFRESH.search(head) if "mkdocs-redirects" in head or "http-equiv" in head else None
        if match:
            url = _url_of(file.relative_to(site_dir).as_posix())
            found[url] = urlsplit(urljoin("/" + url, match.group(1))).path.lstrip("/")
    return found


def built_urls(site_dir: Path) -> set[str]:
    """The URLs a built site publishes: its pages (not 404 pages or redirects), feeds and exports."""
    moved = redirects(site_dir)
    pages = {_url_of(p.relative_to(site_dir).as_posix()) for p in site_dir.rglob("index.html")}
    files = {p.relative_to(site_dir).as_posix() for pattern in FILE_PATTERNS for p in site_dir.glob(pattern)}
    return (pages - set(moved)) | files


@dataclass(frozen=True)
class Comparison:
    missing: list[str]      # recorded, neither published nor redirected to a published URL
    unrecorded: list[str]   # published, not in the record


def compare(recorded: list[str], built: set[str], moved: dict[str, str]) -> Comparison:
    def alive(url: str) -> bool:
        seen = set()
        while url in moved and url not in seen:  # follow chains of redirects
            seen.add(url)
            url = moved[url]
        return url in built
    missing = [u for u in recorded if u not in built and not alive(u)]
    unrecorded = sorted(u for u in built if u not in set(recorded))
    return Comparison(missing, unrecorded)


def broken_fragment_links(pages: dict[str, set[str]], links: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(page, href) of every internal link with a #fragment whose target has no such id.

    `pages` maps each built HTML file (relative to the site root, e.g. "zh/about/index.html") to
    the ids in it; `links` maps it to its hrefs. Links to other origins are not judged here."""
    out = []
    for page, hrefs in links.items():
        base = "/" + _url_of(page)
        for href in hrefs:
            if "#" not in href or href.startswith(("http://", "https://", "mailto:", "//")):
                continue
            target = urlsplit(urljoin(base, href))
            if not target.fragment:
                continue
            path = target.path.lstrip("/")
            file = path + "index.html" if path == "" or path.endswith("/") else path
            ids = pages.get(file)
            if ids is None or unquote(target.fragment) not in ids:
                out.append((page, href))
    return out


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two site URLs ("zh/map/" -> "data/timeline.json" gives "../../data/timeline.json")."""
    return relative_path(from_url, to_url) + ("/" if to_url.endswith("/") else "")


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")   # https:, mailto:, data:


@lru_cache(maxsize=65536)   # the print page and the parallel views resolve each link of a page again
def target(page_url: str, href: str) -> SplitResult:
    """Where a relative link on the page at site URL `page_url` leads: its path from the site root
    (without a leading "/"), query and fragment, as urlsplit gives them."""
    split = urlsplit(urljoin("/" + page_url, href))
    return split._replace(path=split.path.lstrip("/"))


def leaves_site(href: str) -> bool:
    """Whether a link points outside the site (a scheme, or "//host"): nothing to rebase. A pattern,
    not urlsplit: the notes of a page hold hundreds of links to sources."""
    return href.startswith("//") or _SCHEME.match(href) is not None


def rebase(href: str, from_url: str, to_url: str) -> str:
    """A link written on the page at site URL `from_url`, rewritten to lead to the same place from the
    page at `to_url` ("../assets/site.css" on "zh/" is "../../assets/site.css" on "zh/home-parallel/").
    Absolute URLs, fragments of the page itself and data: or mailto: URLs are left as they are."""
    if href.startswith("#") or leaves_site(href):
        return href
    if href.startswith("../") and _parent(from_url) == _parent(to_url):
        return href   # it climbs out of the page's folder, into the same folder for both: the same place
    if to_url.startswith(from_url) and not href.startswith(("/", ".")):   # the new page is below the old one
        return "../" * to_url[len(from_url):].count("/") + href
    found = target(from_url, href)
    return (relative(to_url, found.path) + (f"?{found.query}" if found.query else "")
            + (f"#{found.fragment}" if found.fragment else ""))


def _parent(url: str) -> str:
    """The folder that holds a page's folder: "regions/africa/" -> "regions", "origin/" -> ""."""
    return url.rstrip("/").rpartition("/")[0]


# The attributes that hold a URL (srcset holds several, each with its size); <meta content> is left
# out: it holds text as often ("image/png"), and the pages' URLs there are absolute (Open Graph).
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|action|poster|data-site-search)=")([^"]*)(")')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')
_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?</script>)", re.DOTALL)


def rebase_links(html_text: str, from_url: str, to_url: str) -> str:
    """`html_text`, taken from the page at `from_url`, with every relative URL of its attributes
    rebased (`rebase`) for the page at `to_url`. The text of inline scripts is left as it is (their
    hashes are in the page's security policy)."""
    rebased: dict[str, str] = {}   # the navigation links to the same few places many times

    def one(href: str) -> str:
        if href not in rebased:
            rebased[href] = html.escape(rebase(html.unescape(href), from_url, to_url), quote=True)
        return rebased[href]

    def candidates(value: str) -> str:   # "a.png 1x, b.png 2x"
        parts = [candidate.split() for candidate in value.split(",") if candidate.strip()]
        return ", ".join(" ".join([one(url), *size]) for url, *size in parts)

    def attributes(text: str) -> str:
        text = _URL_ATTRIBUTE.sub(lambda m: m.group(1) + one(m.group(2)) + m.group(3), text)
        return _SRCSET.sub(lambda m: m.group(1) + candidates(m.group(2)) + m.group(3), text)

    parts = _SCRIPT.split(html_text)   # text, script tag, script text and end tag, text, ...
    return "".join(attributes(part) if index % 3 != 2 else part for index, part in enumerate(parts))
