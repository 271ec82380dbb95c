"""The preview deploy (scripts/review/preview.py): its settings are checked, a site is refused unless
it is plain files, and publishing and removing work on a real git repository standing for the
previews repository (a bare one on disk, reached through file://), also when another deploy moves
its branch in between."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.review import preview
from scripts.review.preview import PreviewError
from tests.sitebuild import ROOT

pytestmark = pytest.mark.timeout(120)


def git(repo: Path, *args: str, **kwargs) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          **kwargs).stdout.strip()


def make_site(folder: Path, text: str = "preview") -> Path:
    (folder / "zh" / "assets").mkdir(parents=True)
    (folder / "index.html").write_text(f"<!doctype html><title>{text}</title>", encoding="utf-8")
    (folder / "zh" / "index.html").write_text(f"<!doctype html><title>{text} zh</title>", encoding="utf-8")
    (folder / "zh" / "assets" / "site.css").write_bytes(b"body{}\r\n")
    (folder / "zh" / "术语 list.json").write_text("[]", encoding="utf-8")
    return folder


@pytest.fixture
def remote(tmp_path) -> Path:
    """An empty bare repository that, like GitHub, serves trees without their files on request."""
    bare = tmp_path / "previews.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(bare, "config", "uploadpack.allowFilter", "true")
    return bare


def files_on_branch(bare: Path) -> dict[str, bytes]:
    names = [name for name in git(bare, "ls-tree", "-r", "-z", "--name-only", "gh-pages").split("\0") if name]
    return {name: subprocess.run(["git", "-C", str(bare), "show", f"gh-pages:{name}"], check=True,
                                 capture_output=True).stdout for name in names}


# ---- settings ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["7", "123", " 42\n"])
def test_a_pull_request_number_is_a_positive_whole_number(value):
    assert preview.pull_number(value) == int(value)


@pytest.mark.parametrize("value", ["", "0", "07", "-1", "1a", "1 2", "12345678901", "7; rm -rf /"])
def test_anything_else_is_refused_as_a_pull_request_number(value):
    with pytest.raises(PreviewError, match="not a positive whole number"):
        preview.pull_number(value)


@pytest.mark.parametrize("value", ["example-previews/explainer-previews", "a/b", "Org-1/site.previews_2"])
def test_a_previews_repository_is_owner_slash_name(value):
    assert preview.repository(value, "cyberspace-community/explainer") == value


@pytest.mark.parametrize("value", ["owner", "owner/", "/name", "owner/name/extra", "-owner/name", "owner-/name",
                                   "owner/..", "https://github.com/owner/name", "owner/na me", "own er/name",
                                   "owner/name;id", "a" * 40 + "/name"])
def test_anything_else_is_refused_as_a_previews_repository(value):
    with pytest.raises(PreviewError, match="is not owner/name of a GitHub repository"):
        preview.repository(value, "cyberspace-community/explainer")


def test_the_previews_repository_cannot_be_this_repository():
    with pytest.raises(PreviewError, match="separate repository"):
        preview.repository("Cyberspace-Community/Explainer", "cyberspace-community/explainer")


def test_the_preview_address_is_pr_number_under_the_previews_address():
    assert preview.address("https://example-previews.github.io/explainer-previews", 7) == \
        "https://example-previews.github.io/explainer-previews/pr-7/"
    assert preview.address(" https://previews.example.org/\n", 12) == "https://previews.example.org/pr-12/"


@pytest.mark.parametrize("value", ["http://example.github.io/previews/", "example.github.io/previews/",
                                   "https:///previews/", "https://example.github.io/p/?x=1",
                                   "https://example.github.io/p/#top", "https://user@example.github.io/p/",
                                   "javascript:alert(1)"])
def test_a_previews_address_other_than_plain_https_is_refused(value):
    with pytest.raises(PreviewError, match="is not an https address"):
        preview.base_url(value)


def test_previews_on_the_main_sites_github_io_origin_are_noticed():
    assert preview.shares_origin("https://cyberspace-community.github.io/previews/pr-1/",
                                 "Cyberspace-Community/explainer")
    assert not preview.shares_origin("https://example-previews.github.io/previews/pr-1/",
                                     "cyberspace-community/explainer")


def test_the_comment_line_says_when_the_site_was_built_for_another_address():
    address = "https://example-previews.github.io/p/pr-7/"
    assert preview.comment_line(address, address + "\n") == f"Preview: {address}"
    other = preview.comment_line(address, "https://cyberspace-community.github.io/explainer/\n")
    assert other.startswith(f"Preview: {address} (built for the published site's address")
    assert "forks" in other


def test_the_token_reaches_git_through_the_environment_after_any_config_already_there(monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    env = preview._git_env("s3cret")
    assert env["GIT_CONFIG_COUNT"] == "2" and env["GIT_CONFIG_KEY_1"] == "http.https://github.com/.extraheader"
    assert env["GIT_CONFIG_VALUE_1"] == "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46czNjcmV0"  # x-access-token:s3cret
    assert "GIT_CONFIG_KEY_0" not in preview._git_env("")


# ---- the site ----------------------------------------------------------------------------------

def test_a_site_of_plain_files_passes(tmp_path):
    preview.check_site(make_site(tmp_path / "site"))


def test_a_site_without_an_index_page_is_refused(tmp_path):
    site = make_site(tmp_path / "site")
    (site / "index.html").unlink()
    with pytest.raises(PreviewError, match="no index.html"):
        preview.check_site(site)


def test_links_git_entries_and_special_files_are_refused_and_named(tmp_path):
    site = make_site(tmp_path / "site")
    (site / "zh" / "secret").symlink_to("/etc/passwd")
    (site / "assets").symlink_to(tmp_path, target_is_directory=True)
    (site / "zh" / ".git").mkdir()
    (site / "zh" / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    os.mkfifo(site / "pipe")
    (site / "line\nbreak.html").write_text("x", encoding="utf-8")
    (site / os.fsdecode(b"latin-\xe9.html")).write_text("x", encoding="utf-8")
    with pytest.raises(PreviewError) as caught:
        preview.check_site(site)
    message = str(caught.value)
    for problem in ("zh/secret: a symbolic link", "assets: a symbolic link", "zh/.git: a .git entry",
                    "pipe: neither a file nor a folder", "line\\nbreak.html': a name with a line break",
                    "latin-\\udce9.html': a name with a line break or not in UTF-8"):
        assert problem in message, message
    assert "config" not in message   # nothing is read inside .git or through a link


def test_a_site_larger_than_the_cap_is_refused(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site")
    monkeypatch.setattr(preview, "MAX_SITE_BYTES", 10)
    with pytest.raises(PreviewError, match="MAX_SITE_BYTES"):
        preview.check_site(site)


# ---- publishing and removing -------------------------------------------------------------------

def test_publishing_puts_the_site_byte_for_byte_under_pr_number(tmp_path, remote):
    site = make_site(tmp_path / "site")
    (site / ".gitattributes").write_text("* text eol=lf\n*.css filter=lfs\n", encoding="utf-8")
    (site / ".gitignore").write_text("*.css\n", encoding="utf-8")
    assert preview.publish(f"file://{remote}", 7, site)
    files = files_on_branch(remote)
    assert files["pr-7/zh/assets/site.css"] == b"body{}\r\n"   # no attribute or ignore rule had a say
    assert files["pr-7/index.html"] == (site / "index.html").read_bytes()
    assert set(files) == {".nojekyll", "pr-7/.gitattributes", "pr-7/.gitignore", "pr-7/index.html",
                          "pr-7/zh/index.html", "pr-7/zh/assets/site.css", "pr-7/zh/术语 list.json"}
    assert git(remote, "log", "--format=%an <%ae>|%s", "gh-pages") == \
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|Preview of pull request #7"


def test_publishing_again_replaces_that_preview_and_keeps_the_others_in_one_commit(tmp_path, remote):
    url = f"file://{remote}"
    preview.publish(url, 7, make_site(tmp_path / "a", "first"))
    preview.publish(url, 8, make_site(tmp_path / "b", "other"))
    second = make_site(tmp_path / "c", "second")
    (second / "zh" / "assets" / "site.css").unlink()
    assert preview.publish(url, 7, second)
    files = files_on_branch(remote)
    assert b"second" in files["pr-7/index.html"] and "pr-7/zh/assets/site.css" not in files
    assert b"other" in files["pr-8/index.html"]
    assert git(remote, "rev-list", "--count", "gh-pages") == "1"   # the open previews, no history


def test_publishing_the_same_site_again_changes_nothing(tmp_path, remote):
    site = make_site(tmp_path / "site")
    preview.publish(f"file://{remote}", 7, site)
    tip = git(remote, "rev-parse", "gh-pages")
    assert not preview.publish(f"file://{remote}", 7, site)
    assert git(remote, "rev-parse", "gh-pages") == tip


def test_removing_takes_out_that_preview_only(tmp_path, remote):
    url = f"file://{remote}"
    preview.publish(url, 7, make_site(tmp_path / "a"))
    preview.publish(url, 70, make_site(tmp_path / "b"))
    assert preview.remove(url, 7)
    assert sorted({name.split("/")[0] for name in files_on_branch(remote)}) == [".nojekyll", "pr-70"]
    assert not preview.remove(url, 7)
    assert not preview.remove(url, 9)


def test_removing_from_a_repository_without_previews_does_nothing(remote):
    assert not preview.remove(f"file://{remote}", 7)
    assert git(remote, "for-each-ref") == ""


def test_a_deploy_that_moves_the_branch_meanwhile_is_kept(tmp_path, remote, monkeypatch):
    """Another pull request's deploy lands between our fetch and our push: the push is refused by
    its lease (a plain force-push would erase that deploy), and the next attempt builds on it."""
    url = f"file://{remote}"
    preview.publish(url, 5, make_site(tmp_path / "a"))
    before = git(remote, "rev-parse", "gh-pages")
    preview.publish(url, 99, make_site(tmp_path / "b"))
    concurrent = git(remote, "rev-parse", "gh-pages")
    git(remote, "update-ref", "refs/heads/gh-pages", before)
    fetch = preview.Previews.tip

    def fetch_then_the_other_deploy_lands(self):
        tip = fetch(self)
        if git(remote, "rev-parse", "gh-pages") == before:
            git(remote, "update-ref", "refs/heads/gh-pages", concurrent)
        return tip

    monkeypatch.setattr(preview.Previews, "tip", fetch_then_the_other_deploy_lands)
    waits = []
    assert preview.publish(url, 7, make_site(tmp_path / "c"), wait=waits.append)
    assert waits == [1]
    assert sorted({name.split("/")[0] for name in files_on_branch(remote)}) == [".nojekyll", "pr-5", "pr-7", "pr-99"]


def test_a_refused_push_is_an_error_with_gits_reason(tmp_path, remote):
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'protected branch' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    waits = []
    with pytest.raises(PreviewError, match="protected branch"):
        preview.publish(f"file://{remote}", 7, make_site(tmp_path / "site"), wait=waits.append)
    assert waits == []


def test_an_unreachable_repository_is_an_error(tmp_path):
    with pytest.raises(PreviewError, match="ls-remote"):
        preview.publish(f"file://{tmp_path}/missing.git", 7, make_site(tmp_path / "site"))


def test_a_refused_site_is_never_pushed(tmp_path, remote):
    site = make_site(tmp_path / "site")
    (site / "x").symlink_to("/etc/passwd")
    with pytest.raises(PreviewError, match="symbolic link"):
        preview.publish(f"file://{remote}", 7, site)
    assert git(remote, "for-each-ref") == ""


# ---- the command line, as the workflows run it -------------------------------------------------

def run_cli(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The module on the runner's bare Python: -S, so no installed package can be imported."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PREVIEW_", "GIT_CONFIG"))}
    return subprocess.run([sys.executable, "-S", "-m", "scripts.review.preview", *args], cwd=cwd,
                          env={**clean, **env}, capture_output=True, text=True)


def test_the_command_gives_the_address_to_build_for():
    done = run_cli("address", "--number", "12", env={"PREVIEW_URL": "https://example-previews.github.io/p"})
    assert (done.returncode, done.stdout) == (0, "https://example-previews.github.io/p/pr-12/\n")


def test_the_command_says_which_setting_is_missing_or_wrong():
    done = run_cli("address", "--number", "12", env={})
    assert done.returncode == 2 and "PREVIEW_URL is not set" in done.stderr
    done = run_cli("remove", "--number", "12", env={"PREVIEW_REPOSITORY": "o/n", "GITHUB_REPOSITORY": "o/n",
                                                     "PREVIEW_TOKEN": "t"})
    assert done.returncode == 2 and "separate repository" in done.stderr
    done = run_cli("remove", "--number", "x", env={})
    assert done.returncode == 2 and "not a positive whole number" in done.stderr
    done = run_cli("remove", "--number", "3", env={"PREVIEW_REPOSITORY": "o/previews", "GITHUB_REPOSITORY": "o/n"})
    assert done.returncode == 2 and "PREVIEW_TOKEN is not set" in done.stderr


def test_the_command_publishes_and_removes_through_github_addresses(tmp_path):
    """publish and remove as the workflows call them, with https://github.com/ pointed at a folder."""
    bare = tmp_path / "example-previews" / "p.git"
    bare.parent.mkdir()
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(bare, "config", "uploadpack.allowFilter", "true")
    env = {"PREVIEW_REPOSITORY": "example-previews/p", "PREVIEW_URL": "https://example-previews.github.io/p/",
           "PREVIEW_TOKEN": "t", "GITHUB_REPOSITORY": "cyberspace-community/explainer",
           "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.file://{tmp_path}/.insteadOf",
           "GIT_CONFIG_VALUE_0": "https://github.com/"}
    site = make_site(tmp_path / "site")
    (tmp_path / "site-url").write_text("https://example-previews.github.io/p/pr-7/\n", encoding="utf-8")
    done = run_cli("publish", "--number", "7", "--site", str(site), "--built-for", str(tmp_path / "site-url"),
                   env=env)
    assert (done.returncode, done.stdout) == (0, "Preview: https://example-previews.github.io/p/pr-7/\n"), done.stderr
    assert "pr-7/index.html" in files_on_branch(bare)
    done = run_cli("remove", "--number", "7", env=env)
    assert done.returncode == 0 and "pr-7/ removed" in done.stderr
    assert files_on_branch(bare) == {".nojekyll": b""}
