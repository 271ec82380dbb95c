"""axe-core on every built page, in the light and the dark colour scheme: no violation of WCAG 2.0,
2.1 and 2.2 at levels A and AA.

The parallel views (<page>-parallel/, two articles side by side from one template) are left to
tests/browser/test_parallel.py, which runs axe on a sample of them in both schemes: run here on all
44, they doubled this test's time, its longest.

axe is the copy bundled in the axe-playwright-python wheel (no CDN). One browser, one tab per scheme,
reused for every page; axe runs in both tabs at once (each context has its own renderer process, so
the two runs share the machine's two cores).
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.conftest import PARALLEL_SUFFIX, page_url

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SCHEMES = {"light": "default", "dark": "slate"}  # emulated system preference -> Material's scheme

# axe starts in a task of its own, so that evaluate() returns at once and the other tab's run overlaps.
# Collapsed sections (the notes, "Cite this page") are opened first: axe skips what is hidden.
START_AXE = """([context, options]) => {
  document.querySelectorAll("details:not([open])").forEach(d => { d.open = true; });
  window.__axeRun = new Promise(go => setTimeout(go, 0)).then(() => axe.run(context, options));
}"""
# Resolves when every running CSS transition has ended (an evaluated function, which the CSP allows).
FINISH_TRANSITIONS = """() => Promise.all(document.getAnimations()
  .filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)))"""
AXE_RESULT = """() => window.__axeRun.then(r => ({
  rules: r.passes.length + r.violations.length + r.incomplete.length,
  violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                               summary: (n.failureSummary || "").replace(/\\s+/g, " ")})),
  })),
}))"""


def axe_report(violations: list[tuple[str, str, dict]], limit: int = 40) -> str:
    lines = []
    for path, scheme, v in violations:
        for node in v["nodes"]:
            lines.append(f"{path} [{scheme}] {v['id']} ({v['impact']}): {v['help']}\n"
                         f"    at {node['target']}: {node['html']}\n    {node['summary'][:300]}")
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"{len(lines)} violation(s):\n" + "\n".join(lines[:limit]) + more


def test_every_page_has_no_wcag_a_or_aa_violation_in_light_and_dark(browser, site_url, pages):
    tabs = {}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
        context.set_default_timeout(30_000)
        tabs[scheme] = context.new_page()
    violations = []
    try:
        for path in (p for p in pages if not p.endswith(f"{PARALLEL_SUFFIX}/index.html")):
            for scheme, tab in tabs.items():
                tab.goto(site_url + page_url(path))
                assert tab.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme], (path, scheme)
                tab.evaluate(AXE_SCRIPT)
                tab.evaluate(START_AXE, ["html", AXE_OPTIONS])
            for scheme, tab in tabs.items():
                result = tab.evaluate(AXE_RESULT)
                assert result["rules"] > 20, f"axe ran only {result['rules']} rules on {path}"
                violations += [(path, scheme, v) for v in result["violations"]]
    finally:
        for tab in tabs.values():
            tab.context.close()
    assert not violations, axe_report(violations)


def longest_word(text: str) -> str:
    """A query that finds at least the page it comes from, whatever the content (never a stop word)."""
    return max(re.findall(r"[A-Za-z]+", text), key=len)


def test_open_search_with_results_has_no_violation(browser, site_url):
    """The search dialog and its results exist only once a reader searches."""
    violations = []
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
        tab = context.new_page()
        tab.goto(site_url)
        field = tab.locator("input.md-search__input")
        field.click()
        field.fill(longest_word(tab.locator("article h1").first.inner_text()))
        field.press("End")  # Material searches on key events
        tab.locator(".md-search-result__item").first.wait_for()
        # Measure colours once the dialog's fade-in is over: halfway through it the result text is
        # still translucent, and axe then reported 4.41:1 for what is 4.9:1 at rest (a flaky failure).
        tab.evaluate(FINISH_TRANSITIONS)
        tab.evaluate(AXE_SCRIPT)
        tab.evaluate(START_AXE, [".md-search", AXE_OPTIONS])
        violations += [("search", scheme, v) for v in tab.evaluate(AXE_RESULT)["violations"]]
        context.close()
    assert not violations, axe_report(violations)
