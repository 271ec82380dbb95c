"""--fix edits one line of a source file, keeps everything else, and refuses what it cannot do safely."""

from __future__ import annotations

import pytest
import yaml

from scripts.linkcheck.check import ArchiveSuggestion
from scripts.linkcheck.fix import FixError, apply, plan

pytestmark = pytest.mark.timeout(10)

SNAP = "https://web.archive.org/web/20181101000000/https://example.org/report"
SOURCE = """\
id: fh-2018
type: report   # a comment kept as it is
title: "Freedom on the Net"
URL: https://example.org/report
accessed: "2026-11-29"
excerpts:
  - text: A passage.
    locator: p. 1
"""


def suggestion(current: str = "", snapshot: str = SNAP) -> ArchiveSuggestion:
    return ArchiveSuggestion("fh-2018", "data/sources/fh-2018.yml", 4, "no archive-url", current, snapshot, "20181101")


def test_inserts_after_the_url_and_changes_nothing_else(tmp_path):
    path = tmp_path / "fh-2018.yml"
    path.write_text(SOURCE)
    edit = plan(path, suggestion(), force=False)
    apply(edit)
    lines = path.read_text().splitlines()
    assert lines[3:5] == ["URL: https://example.org/report", f"archive-url: {SNAP}"]
    assert [line for line in lines if not line.startswith("archive-url")] == SOURCE.splitlines()
    assert f"+archive-url: {SNAP}" in edit.diff("data/sources/fh-2018.yml")


def test_url_with_continuation_lines(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("id: x\nURL: https://example.org/a-very-long\n  -path\n# note\nissued: '2020'\n")
    apply(plan(path, suggestion(), force=False))
    data = yaml.safe_load(path.read_text())
    assert data["URL"] == "https://example.org/a-very-long -path" and data["archive-url"] == SNAP
    assert path.read_text().splitlines()[3] == f"archive-url: {SNAP}"


def test_existing_archive_kept_without_force(tmp_path):
    path = tmp_path / "x.yml"
    text = SOURCE.replace("accessed:", "archive-url: https://web.archive.org/web/2019/x  # checked\naccessed:")
    path.write_text(text)
    assert plan(path, suggestion(current="https://web.archive.org/web/2019/x"), force=False) is None
    apply(plan(path, suggestion(current="https://web.archive.org/web/2019/x"), force=True))
    assert f"archive-url: {SNAP}  # checked\n" in path.read_text()
    assert path.read_text().replace(SNAP, "https://web.archive.org/web/2019/x") == text


def test_same_snapshot_is_no_edit(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text(SOURCE)
    assert plan(path, suggestion(current=SNAP), force=True) is None


def test_multi_line_archive_url_is_refused_with_its_line(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text(SOURCE.replace("accessed:", "archive-url: >-\n  https://web.archive.org/web/2019/x\naccessed:"))
    with pytest.raises(FixError, match=r"fh-2018\.yml:5: archive-url is not a one-line value"):
        plan(path, suggestion(current="https://web.archive.org/web/2019/x"), force=True)


def test_url_needing_quotes_is_quoted(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text(SOURCE)
    odd = "https://web.archive.org/web/2018/https://example.org/a #frag"
    apply(plan(path, suggestion(snapshot=odd), force=False))
    assert yaml.safe_load(path.read_text())["archive-url"] == odd


def test_crlf_file_keeps_its_line_endings(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(SOURCE.replace("\n", "\r\n").encode())
    apply(plan(path, suggestion(), force=False))
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") == SOURCE.count("\n") + 1
