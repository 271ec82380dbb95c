"""Reports from a run: the Markdown stays under GitHub's issue limit; the progress bar draws."""

from __future__ import annotations

import io

import pytest

from scripts.linkcheck import report
from scripts.linkcheck.check import Result, Run
from scripts.linkcheck.progress import Progress
from scripts.linkcheck.targets import Use

pytestmark = pytest.mark.timeout(10)


def failing(n: int) -> Result:
    return Result(url=f"https://example.org/{n}/" + "x" * 80, uses=[Use("link", "docs/en/index.md", n)],
                  outcome="broken", verdict="failing", summary="404 Not Found", failure_days=1,
                  first_failure="2026-11-29")


def test_markdown_is_cut_to_the_limit_with_a_note():
    run = Run([failing(n) for n in range(2000)] + [Result("https://ok.example/", [], "ok", "ok")])
    text = report.markdown(run, 3, limit=20_000)
    assert len(text) <= 20_000
    assert "| failing | 2000 |" in text and "report cut to fit an issue" in text


def test_markdown_whole_when_it_fits():
    run = Run([failing(1)])
    text = report.markdown(run, 3)
    assert "cut" not in text and "https://example.org/1/" in text


def test_progress_bar_counts_outcomes():
    stream = io.StringIO()
    bar = Progress(2, stream=stream, width=10)
    bar(failing(1))
    bar(Result("https://ok.example/", [], "ok", "ok"))
    bar.close()
    assert "[##########] 2/2  broken 1  ok 1" in stream.getvalue()
