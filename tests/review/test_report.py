"""`python -m scripts report --base REF` on a fixture change to a copy of the real project: a page
edit, a new source without an archived copy, and the translation that the edit makes stale; and
the online check of the URLs the change adds, against loopback servers."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from scripts.cli import main
from scripts.review import report
from tests.linkcheck.conftest import site  # noqa: F401  (the loopback server fixture)
from tests.sitebuild import ROOT

pytestmark = pytest.mark.timeout(120)

NEW_SOURCE = """\
id: example-2026-new-report
type: webpage
tier: analysis
title: A new report
issued: "2026-01"
accessed: "2026-12-01"
language: en
URL: {url}
excerpts:
  - text: "The report says something."
    locator: para. 1
"""


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def project(tmp_path):
    """A copy of the project's content in a git repository of its own, committed as the base."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(ROOT / name, root / name)
    git(root, "init", "-q")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return root


def change(root, url: str) -> None:
    """Edit the English origin page (a sentence citing a new source, one citing an unknown key)."""
    (root / "data/sources/example-2026-new-report.yml").write_text(NEW_SOURCE.format(url=url), encoding="utf-8")
    page = root / "docs/en/origin.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + "\n\nA new report says something [@example-2026-new-report]. In 1999 it said "
                    "something else [@example-2026-new-report]. Another sentence cites a source that does not "
                    "exist [@no-such-source].\n", encoding="utf-8")


def test_the_report_names_the_page_the_source_and_the_stale_translation(project, site):  # noqa: F811
    change(project, site.url("/ok"))
    result = report.build(project, "HEAD")
    text = report.markdown(result)
    assert text.startswith(report.MARKER)
    assert "| `docs/en/origin.md` |" in text
    assert "docs/en/origin.md:" in text and "[unknown-key]" in text           # the finding, with its line
    assert "the figure '1999' is in none of the cited excerpts" in text       # a figure without support
    before, after = result.before.pages["docs/en/origin.md"], result.after.pages["docs/en/origin.md"]
    assert (after.figures, after.figures_supported) == (before.figures + 1, before.figures_supported)
    assert f"{before.figures_supported} of {before.figures} → {after.figures_supported} of {after.figures}" in text
    assert result.failed
    assert "`example-2026-new-report` (`data/sources/example-2026-new-report.yml`) | none yet" in text
    assert "- `docs/zh/origin.md`: the English page changed" in text         # stale translation
    assert "not checked online" in text


def test_a_new_url_that_answers_404_fails_the_report_and_a_blocked_one_does_not(project, site):  # noqa: F811
    change(project, site.url("/missing"))
    result = report.build(project, "HEAD", online=True)
    assert [r["verdict"] for r in result.online.results] == ["dead"]
    assert result.online.dead and "| dead |" in report.markdown(result)

    git(project, "checkout", "-q", "--", ".")
    (project / "data/sources/example-2026-new-report.yml").unlink()
    (project / "data/sources/walled-2026.yml").write_text(
        NEW_SOURCE.format(url=site.url("/forbidden")).replace("example-2026-new-report", "walled-2026"))
    page = project / "docs/en/about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA walled report [@walled-2026].\n", encoding="utf-8")
    result = report.build(project, "HEAD", online=True)
    assert [r["verdict"] for r in result.online.results] == ["blocked"]
    assert not result.online.dead


def test_the_cli_writes_the_markdown_and_exits_1_on_errors(project, site, tmp_path, capsys):  # noqa: F811
    change(project, site.url("/ok"))
    out = tmp_path / "report.md"
    assert main(["--root", str(project), "report", "--base", "HEAD", "--markdown", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == capsys.readouterr().out
    assert main(["--root", str(project), "report", "--base", "no-such-ref"]) == 2
