"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar, run with Java) over every built page, in
one invocation: no error."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.sitebuild import ROOT

VNU_JAR = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A page that must fail: proves that the checker ran and reports errors.
BROKEN = "<!doctype html><html lang=en><head><title>x</title></head><body><p id=a id=a>x</body></html>"


@pytest.fixture(scope="session")
def vnu_messages(built_site, tmp_path_factory) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: install a Java runtime 11+ (Debian: default-jre-headless; `make tools` does it)")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR.relative_to(ROOT)} not found: run `make tools` (npm ci in tools/)")
    sentinel = tmp_path_factory.mktemp("vnu") / "broken.html"
    sentinel.write_text(BROKEN, encoding="utf-8")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--no-langdetect",
         "--format", "json", str(built_site.site_dir), str(sentinel)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no JSON report (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return [dict(m, sentinel=m.get("url", "").endswith("/broken.html")) for m in messages]


def test_the_checker_reports_errors(vnu_messages):
    assert any(m["sentinel"] and m["type"] == "error" for m in vnu_messages), vnu_messages


def test_every_built_page_is_valid_html(vnu_messages, built_site):
    def where(url: str) -> str:  # vnu writes file:/abs/path
        return "site/" + url.split(str(built_site.site_dir) + "/", 1)[-1]

    errors = [
        f"{where(m.get('url', ''))}:{m.get('lastLine', 0)}:{m.get('firstColumn', m.get('lastColumn', 0))}: "
        f"{m['message']}\n    {m.get('extract', '').strip()[:160]}"
        for m in vnu_messages if not m["sentinel"] and m["type"] in ("error", "non-document-error")
    ]
    assert not errors, f"{len(errors)} error(s) from the Nu HTML Checker:\n" + "\n".join(errors[:50])


@pytest.mark.parametrize("html, expected", [
    ('<input type="checkbox" autocomplete="off">', '<input type="checkbox">'),
    ('<input class="t" type="radio" id="r" autocomplete="off" hidden>', '<input class="t" type="radio" id="r" hidden>'),
    ('<input type="text" autocomplete="off">', '<input type="text" autocomplete="off">'),   # allowed there
    ('<input autocomplete="off" type="checkbox">', '<input type="checkbox">'),
    ('<p>autocomplete="off"</p><label tabindex="">x</label>', '<p>autocomplete="off"</p><label>x</label>'),
])
def test_repairs_touch_only_what_vnu_rejects(html, expected):
    from scripts.valid_html import repair

    assert repair(html) == expected
