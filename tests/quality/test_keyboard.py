"""The site with a keyboard only: the skip link, a visible focus on every stop, and search."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

ACTIVE = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, cls: String(e.className), href: e.getAttribute("href"),
          inArticle: !!e.closest("article"), text: (e.innerText || e.value || "").trim().slice(0, 40)};
}"""
# The box that shows an element's focus (hidden radio buttons and checkboxes show it on their label),
# once it has stopped moving: focus can open the search, whose panel slides open.
FOCUS_BOX = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  let last = "", stable = 0;
  for (let i = 0; i < 60 && stable < 3; i++) {
    await frame();
    const r = document.activeElement.getBoundingClientRect(), now = [r.x, r.y, r.width, r.height].join();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  let e = document.activeElement;
  const r0 = e.getBoundingClientRect();
  if ((r0.width < 2 || r0.height < 2) && e.tagName === "INPUT") {
    // A hidden option (the colour-scheme toggle) shows its focus on the visible label after it.
    for (let next = e.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.tagName === "LABEL" && !next.hidden) { e = next; break; }
    }
  }
  const r = e.getBoundingClientRect();
  return {x: r.x, y: r.y, width: r.width, height: r.height};
}"""
TAB_STOPS = 60  # header, navigation, table of contents and the start of the content


def home(lang: str) -> str:
    return "zh/" if lang == "zh" else ""


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser, site_url):
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_skip_link_comes_first_shows_on_focus_and_moves_into_the_content(page, site_url, lang):
    page.goto(site_url + home(lang))
    opacity = "getComputedStyle(document.querySelector('a.md-skip')).opacity"
    assert page.evaluate(f"() => {opacity}") == "0"  # hidden until it has focus
    page.keyboard.press("Tab")
    active = page.evaluate(ACTIVE)
    assert "md-skip" in active["cls"], active
    page.wait_for_function(f"() => {opacity} === '1'")  # shown (a function: the policy forbids eval)
    box = page.evaluate(FOCUS_BOX)
    assert box["width"] > 20 and box["height"] > 10 and 0 <= box["y"] < 800, box  # on screen
    target = active["href"]
    page.keyboard.press("Enter")
    page.wait_for_function("target => decodeURIComponent(location.hash) === target", arg=target)
    page.keyboard.press("Tab")
    after = page.evaluate(ACTIVE)
    assert after["inArticle"], f"after the skip link, Tab went to {after} instead of the content"


def test_every_tab_stop_shows_a_visible_focus(scheme_page, site_url, content_pages):
    """For each of the first tab stops of the longest page: its area looks different with focus than
    without (compared as screenshots), and it is on screen."""
    page = scheme_page
    longest = max((p for p in content_pages if not p.startswith("zh/")), key=lambda p: len(content_pages[p].select("a")))
    page.goto(site_url + longest[: -len("index.html")])
    invisible, seen = [], 0
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active["tag"] == "BODY":
            break
        seen += 1
        box = page.evaluate(FOCUS_BOX)
        assert box["width"] > 0 and box["height"] > 0, f"focus on an element with no size: {active}"
        assert box["y"] + box["height"] > 0 and box["y"] < 800, f"focus is off screen: {active} {box}"
        clip = {"x": max(box["x"] - 4, 0), "y": max(box["y"] - 4, 0),
                "width": box["width"] + 8, "height": box["height"] + 8}
        focused = page.screenshot(clip=clip, animations="disabled")
        handle = page.evaluate_handle("document.activeElement")
        handle.evaluate("e => e.blur()")
        unfocused = page.screenshot(clip=clip, animations="disabled")
        handle.evaluate("e => e.focus()")
        if focused == unfocused:
            # Some elements show focus by opening something (the search field opens the search),
            # which a blur does not undo: compare with focus on the previous stop instead.
            page.keyboard.press("Shift+Tab")
            page.evaluate(FOCUS_BOX)
            unfocused = page.screenshot(clip=clip, animations="disabled")
            page.keyboard.press("Tab")
            page.evaluate(FOCUS_BOX)
            assert page.evaluate(ACTIVE) == active, "Shift+Tab, Tab did not come back"
        if focused == unfocused:
            invisible.append(active)
    assert seen >= 20, f"only {seen} tab stops on {longest}"
    assert not invisible, f"no visible focus on {len(invisible)} of {seen} stops: {invisible}"


def search_query(built_site, lang: str) -> str:
    """A word of the language's home page title (so it is found, whatever the content): its longest
    Latin word for English, its whole title for Chinese."""
    html = (built_site.site_dir / home(lang) / "index.html").read_text(encoding="utf-8")
    title = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL).group(1)).strip()
    return max(re.findall(r"[A-Za-z]{4,}", title), key=len) if lang == "en" else title


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_search_is_reachable_and_usable_with_the_keyboard(page, site_url, built_site, lang):
    page.goto(site_url + home(lang))
    for _ in range(20):
        page.keyboard.press("Tab")
        if "md-search__input" in page.evaluate(ACTIVE)["cls"]:
            break
    else:
        pytest.fail("the search field is not among the first 20 tab stops")
    page.keyboard.type(search_query(built_site, lang))
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    result = page.evaluate(ACTIVE)
    assert "md-search-result__link" in result["cls"], result
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0] == urljoin(site_url, result["href"]).split("#")[0]
    # Escape closes the search again, from the keyboard too.
    page.goto(site_url + home(lang), wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut, kept by the site search (search.js)
    assert "md-search__input" in page.evaluate(ACTIVE)["cls"]
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked", timeout=5_000)
    assert not page.locator("#__search").is_checked()
