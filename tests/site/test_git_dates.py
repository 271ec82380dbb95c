"""Last-updated dates from git: `git_dates` makes a page's path relative to the repository with string
operations (pathlib's took 25 µs a page), so every spelling of a path must still find its commit."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest

from scripts.site import git_dates


@pytest.fixture()
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "committed.md").write_text("# A\n", encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2020-05-06T12:00:00", "GIT_COMMITTER_DATE": "2020-05-06T12:00:00"}
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "first"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)
    git_dates.clear_cache()
    yield root
    git_dates.clear_cache()


def test_a_committed_file_gets_its_commit_date_by_any_spelling_of_its_path(repo, tmp_path):
    expected = dt.date(2020, 5, 6)
    link = tmp_path / "link"
    link.symlink_to(repo, target_is_directory=True)
    spellings = [repo / "docs" / "committed.md", str(repo / "docs" / ".." / "docs" / "committed.md"),
                 link / "docs" / "committed.md"]  # the last reaches the repository through a symbolic link
    for path in spellings:
        assert git_dates.last_updated(path, repo) == expected, path


def test_an_uncommitted_file_gets_its_modification_date(repo):
    new = repo / "docs" / "new.md"
    new.write_text("# B\n", encoding="utf-8")
    os.utime(new, (dt.datetime(2021, 1, 2, 12).timestamp(),) * 2)
    git_dates.clear_cache()
    assert git_dates.last_updated(str(new), repo) == dt.date(2021, 1, 2)


def test_a_file_outside_the_repository_is_an_error(repo, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="is not under"):
        git_dates.last_updated(outside, repo)
