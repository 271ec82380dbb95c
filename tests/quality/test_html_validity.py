"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar, run with Java) over every built page, in
one invocation: no error."""

from __future__ import annotations

import json
import shutil
import subprocess
from types import SimpleNamespace

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


def test_every_theme_patch_applies_to_the_installed_material():
    """Each edit of scripts/site/theme_patches.py finds its text in the installed theme's template; the
    built pages above show the result is valid."""
    from mkdocs.config import load_config

    from scripts.site import theme_patches

    env = load_config(str(ROOT / "mkdocs.yml")).theme.get_env()
    for edit in theme_patches.patches("zh-Hans"):
        source = env.loader.get_source(env, edit.template)[0]
        assert source.count(edit.old) == edit.count, edit
        assert theme_patches.apply(edit.template, source, [edit]).count(edit.new) == edit.count


def test_a_patch_that_no_longer_applies_stops_the_build_naming_the_template():
    import jinja2
    from mkdocs.exceptions import PluginError

    from scripts.site import mkdocs_hooks

    moved = {"base.html": '<html lang="en">', "partials/nav-item.html": ""}   # as if Material had changed
    env = jinja2.Environment(loader=jinja2.DictLoader(moved))
    with pytest.raises(PluginError, match=r"partials/nav-item\.html|base\.html") as raised:
        mkdocs_hooks.on_env(env, SimpleNamespace(theme={"language": "en"}), None)
    assert "scripts/site/theme_patches.py" in str(raised.value)
