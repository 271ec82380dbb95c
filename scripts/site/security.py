"""The site's security policy, from one source: the Content-Security-Policy that every page carries in a
`<meta http-equiv>` tag, and the `_headers` file at the site root (read by Netlify, Cloudflare Pages
and other hosts; GitHub Pages ignores it) with the same policy plus what only a header can carry.

- Nothing may load from another origin (the site has no CDN, font or analytics), no plugin content,
  no `<base>` hijacking, no framing by other sites (`frame-ancestors`, header only: browsers ignore
  it in a meta tag and say so in the console).
- Material for MkDocs runs a few small inline scripts (its local-storage helpers, the colour scheme
  restore, the tab restore). They are allowed by their SHA-256 hashes, taken from the built page, so
  the policy needs no 'unsafe-inline'. Only scripts outside the page's `<article>` are hashed: a
  script in page content is never allowed (and `python -m scripts check` rejects it, see
  scripts/checks/content_safety.py).
- Material keys its local storage by `__md_scope`, by default the relative path to the site root,
  which makes the first inline script differ with the depth of each page. `md_scope()` gives the
  same URL as an absolute path, so that every page has the same scripts and the same policy, and the
  `_headers` policy is exactly the meta policy plus `frame-ancestors`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

# Directive -> sources. The meta tag carries all of these; script-src gets the inline scripts' hashes.
POLICY: dict[str, list[str]] = {
    "default-src": ["'none'"],
    # 'wasm-unsafe-eval': the site search (Pagefind) runs WebAssembly from the site's own pagefind/
    # folder. It allows compiling WebAssembly only, not eval() or inline script.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Material's icons are data: SVGs in its stylesheet
    "font-src": ["'self'"],
    "connect-src": ["'self'"],       # the search index chunks and sitemap
    "worker-src": ["'self'"],        # the search worker (Pagefind's)
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
}
# Directives that browsers honour only in an HTTP header (in a meta tag they are ignored with a
# console error).
HEADER_ONLY: dict[str, list[str]] = {
    "frame-ancestors": ["'none'"],
}
# `same-origin`: readers who follow a note to a source (often a government or state-media site) do
# not tell that site which page, or which site, they came from. Also sent as <meta name="referrer">
# so that hosts without header support (GitHub Pages) get it.
REFERRER_POLICY = "same-origin"
HEADERS: dict[str, str] = {
    "Referrer-Policy": REFERRER_POLICY,
    "X-Content-Type-Options": "nosniff",
}
HEADERS_FILE = "_headers"

_SCRIPT_OPEN, _SCRIPT_CLOSE = "<script", "</script>"
_SRC_OR_TYPE = re.compile(r"""\s(src|type)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
_ARTICLE_OPEN, _ARTICLE_CLOSE = "<article", "</article>"   # the first and the last: the template's
_HEAD = re.compile(r"<head>\s*(<meta charset=\"utf-8\">)?", re.IGNORECASE)
_hash_cache: dict[str, str] = {}


def md_scope(site_url: str) -> str:
    """The site root as an absolute path ("/explainer/"), for Material's `extra.scope`."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def script_hash(text: str) -> str:
    """The CSP source for an inline script: 'sha256-<base64 of the SHA-256 of its UTF-8 text>'."""
    cached = _hash_cache.get(text)
    if cached is None:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        cached = _hash_cache[text] = f"'sha256-{digest}'"
    return cached


def inline_scripts(html: str) -> list[str]:
    """The texts of the inline scripts outside the page's <article> content, written `<script` in
    lower case, as the theme's templates and ours write them.

    A script spelt in another case gets no hash, so the policy blocks it: the page fails closed, and
    tests/quality/test_security.py, which parses every built page as a browser does (any case),
    fails on a script the policy does not allow. In return the scan is str.find: 75 µs a page of the
    300-page benchmark corpus, against 105 µs for a case-insensitive regex, which tried every "<" of
    the navigation. The text is searched in place, never sliced apart but for each script: slicing a
    large page makes CPython rescan and recode each slice.
    """
    start, end = html.find(_ARTICLE_OPEN), html.rfind(_ARTICLE_CLOSE)
    spans = [(0, start), (end, len(html))] if 0 <= start < end else [(0, len(html))]
    scripts = []
    for span_start, span_end in spans:
        pos = span_start
        while (tag := html.find(_SCRIPT_OPEN, pos, span_end)) >= 0:
            pos = tag + len(_SCRIPT_OPEN)
            tag_end = html.find(">", pos, span_end)
            if tag_end < 0:
                break
            attributes = html[pos:tag_end]
            if attributes[:1] not in ("", "/") and not attributes[:1].isspace():
                continue  # another element (<scripts>), not a script
            close = html.find(_SCRIPT_CLOSE, tag_end, span_end)
            if close < 0:
                break  # not closed: a browser runs nothing before </script>
            pos = close + len(_SCRIPT_CLOSE)
            attrs = {name.lower(): value.strip("\"'").strip().lower() for name, value in _SRC_OR_TYPE.findall(attributes)}
            if "src" in attrs or attrs.get("type", "") not in _JS_TYPES:
                continue  # external (allowed by 'self') or data such as JSON, which never runs
            scripts.append(html[tag_end + 1:close])
    return scripts


def policy(hashes: set[str] | list[str], header: bool = False) -> str:
    """The policy as a header or meta value; `header` adds the header-only directives."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    directives["script-src"] += sorted(set(hashes))
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def parse(value: str) -> dict[str, list[str]]:
    """A policy string back to directive -> sources (for tests and checks)."""
    parsed = {}
    for part in value.split(";"):
        tokens = part.split()
        if tokens:
            parsed[tokens[0].lower()] = tokens[1:]
    return parsed


def add_policy(html: str) -> tuple[str, set[str]]:
    """The page with its CSP and referrer meta tags first in <head>, and the script hashes it allows."""
    hashes = {script_hash(text) for text in inline_scripts(html)}
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
            f'<meta name="referrer" content="{REFERRER_POLICY}">')
    # After <meta charset>, which must come first; before any script, which the policy must cover.
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("no <head> in the page: cannot add the Content-Security-Policy")
    # str.replace of the matched text, not re.sub or slices (see inline_scripts): its first
    # occurrence is this match, the leftmost.
    return html.replace(head.group(0), head.group(0) + tags, 1), hashes


def headers_file(hashes: set[str]) -> str:
    """The `_headers` file: every path gets the security headers."""
    lines = [
        "# Security headers for hosts that read a _headers file (Netlify, Cloudflare Pages, ...).",
        "# Generated at build time by scripts/site/security.py; every page carries the same policy in a meta",
        "# tag (without frame-ancestors, which only a header can set).",
        "/*",
        f"  Content-Security-Policy: {policy(hashes, header=True)}",
        *(f"  {name}: {value}" for name, value in HEADERS.items()),
    ]
    return "\n".join(lines) + "\n"


def write_headers_file(site_dir: Path, hashes: set[str]) -> Path:
    path = Path(site_dir) / HEADERS_FILE
    path.write_text(headers_file(hashes), encoding="utf-8")
    return path
