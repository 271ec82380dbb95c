"""The Content-Security-Policy and the `_headers` file: one policy on every page, the same in the
headers file (plus frame-ancestors), no 'unsafe-inline'; Material works under it in a real browser
with no violation, and the policy really blocks an injected script."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from tests.conftest import page_url

CSP_META = 'meta[http-equiv="Content-Security-Policy"]'


def parse_policy(value: str) -> dict[str, list[str]]:
    return {part.split()[0].lower(): part.split()[1:] for part in value.split(";") if part.strip()}


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """Netlify / Cloudflare Pages `_headers`: a path line, then indented `Name: value` lines."""
    rules, current = {}, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules


def executable_inline_scripts(soup) -> list[str]:
    return [s.string or "" for s in soup.find_all("script")
            if not s.get("src") and s.get("type", "text/javascript") in ("text/javascript", "module", "")]


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_every_page_carries_one_policy_that_allows_only_its_own_inline_scripts(pages):
    policies = set()
    for path, soup in pages.items():
        meta = soup.select_one(CSP_META)
        assert meta is not None, f"{path}: no Content-Security-Policy meta tag"
        head = soup.head
        first_script = head.find("script")
        assert first_script is None or meta.sourceline < first_script.sourceline or (
            meta.sourceline == first_script.sourceline and meta.sourcepos < first_script.sourcepos), path
        policy = parse_policy(meta["content"])
        for inline in executable_inline_scripts(soup):
            assert sha256_source(inline) in policy["script-src"], (path, inline[:80])
        assert soup.select("article script:not([src]):not([type='application/ld+json'])") == [], path
        policies.add(meta["content"])
    assert len(policies) == 1, policies
    policy = parse_policy(policies.pop())
    assert policy["default-src"] == ["'none'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    for directive, sources in policy.items():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(sources), directive
    assert "frame-ancestors" not in policy  # ignored (with a console error) in a meta tag


def test_headers_file_has_the_same_policy_plus_what_only_headers_can_carry(pages, built_site):
    headers_file = built_site.site_dir / "_headers"
    assert headers_file.exists(), "no _headers at the site root"
    headers = parse_headers_file(headers_file.read_text(encoding="utf-8"))["/*"]
    meta_policy = parse_policy(next(iter(pages.values())).select_one(CSP_META)["content"])
    header_policy = parse_policy(headers["Content-Security-Policy"])
    assert header_policy.pop("frame-ancestors") == ["'none'"]
    assert header_policy == meta_policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    for path, soup in pages.items():
        assert soup.select_one('meta[name="referrer"]')["content"] == headers["Referrer-Policy"], path


# In the browser ---------------------------------------------------------------------------------

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


@pytest.fixture
def csp_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


def first_with(content_pages, prefix: str, selector: str) -> str:
    """The first page of a language (by path prefix) that has `selector`, e.g. a note reference."""
    for path, soup in content_pages.items():
        in_language = path.startswith("zh/") if prefix == "zh/" else not path.startswith("zh/")
        if in_language and soup.select_one(selector) is not None:
            return path
    pytest.fail(f"no page under /{prefix} has {selector}")


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_material_works_under_the_policy_without_a_violation(csp_page, site_url, content_pages, prefix):
    page = csp_page
    # Search: the worker, the lunr language files and the index (connect-src, worker-src).
    page.goto(site_url + prefix)
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("a")  # any letter: a prefix query always has results
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    # Note previews (reader.js) and the colour scheme toggle.
    page.goto(site_url + page_url(first_with(content_pages, prefix, "a.footnote-ref")), wait_until="networkidle")
    page.locator("article a.footnote-ref").first.hover()
    page.locator("#note-preview").wait_for(state="visible")
    page.click("label.md-header__button[for^='__palette']:visible")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    # The page that lists every source, and a missing page (the 404 template).
    page.goto(site_url + page_url(first_with(content_pages, prefix, "div.source-entry")), wait_until="networkidle")
    violations = page.evaluate("window.__cspViolations")
    page.goto(site_url + prefix + "no-such-page/", wait_until="networkidle")
    violations += page.evaluate("window.__cspViolations")
    assert violations == []
    not_found = [e for e in page.console_errors if re.search(r"status of 404", e)]
    assert len(not_found) == 1, page.console_errors  # the missing page itself, nothing else
    assert [e for e in page.console_errors if e not in not_found] == []


@pytest.mark.browser
def test_the_policy_blocks_an_injected_script(csp_page, site_url):
    page = csp_page
    page.goto(site_url)
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.head.appendChild(script);
      const img = new Image(); img.src = "https://tracker.invalid/pixel.gif"; document.body.append(img);
    }""")
    page.wait_for_function("() => window.__cspViolations.length >= 2")
    assert page.evaluate("window.__injected === undefined")
    violated = " ".join(page.evaluate("window.__cspViolations"))
    assert "script-src" in violated and "img-src" in violated


@pytest.mark.parametrize("html, expected", [
    ('<script>a()</script><SCRIPT type="module">b()</SCRIPT >', ["a()"]),   # another case: no hash
    ('<p>İstanbul</p><Script>c()</Script><script >f()</script>', ["f()"]),
    ('<script src="x.js"></script><script type="application/ld+json">{}</script>', []),  # not inline JS
    ('<scripts>no</scripts><script>d()</script><script>unclosed', ["d()"]),
    ('<article><script>in the content</script></article><script>e()</script>', ["e()"]),
    ('<article>x</article><script/>g()</script><script-x>h()</script-x>', ["g()"]),
    ('<script>i()</script><article><script>j()</script></article><article>k</article>', ["i()"]),
])
def test_inline_scripts_in_lower_case_are_found_and_any_other_fails_closed(html, expected):
    """Only `<script` in lower case gets a hash, outside the content: a script spelt otherwise is
    blocked by the policy (and the site-wide test above, which parses as a browser does, fails)."""
    from scripts.site.security import inline_scripts

    assert inline_scripts(html) == expected
