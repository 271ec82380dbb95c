"""The optional preview deploy of a pull request's built site (CONTRIBUTING.md, "Previews").

A site is published into `pr-<number>/` on the `gh-pages` branch of a separate previews repository,
and removed from it when the pull request closes. The files are only copied, never executed: the
site comes from unreviewed code. Each change replaces the branch with one new commit, pushed with a
lease on the commit it was made from and made again when another deploy moved the branch in
between, so the repository holds the open previews and no history of old ones.

The trusted workflows run this module on the runner's own Python, where none of the project's
dependencies are installed: it uses the standard library and git only.

  python3 -m scripts.review.preview address --number N     # the address of pull request N's preview
  python3 -m scripts.review.preview publish --number N --site DIR [--built-for FILE]
  python3 -m scripts.review.preview remove --number N

The settings come from the environment: PREVIEW_REPOSITORY (owner/name), PREVIEW_URL (its Pages
address), PREVIEW_TOKEN (may push to that repository), GITHUB_REPOSITORY (this one, set by Actions).
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

BRANCH = "refs/heads/gh-pages"
MAX_SITE_BYTES = 100 * 1024 * 1024  # the site is ~20 MB; a Pages site may not exceed 1 GB in all
ATTEMPTS = 5                        # pushes, when concurrent deploys keep moving the branch
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")

_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?"
_NAME = r"[A-Za-z0-9._-]{1,100}"


class PreviewError(ValueError):
    """A setting or a site that cannot be published, or git refusing: the message says which."""


def pull_number(value: str) -> int:
    if not re.fullmatch(r"[1-9][0-9]{0,9}", value.strip()):
        raise PreviewError(f"pull-request number {value[:40]!r} is not a positive whole number")
    return int(value)


def repository(value: str, main_repository: str = "") -> str:
    """PREVIEW_REPOSITORY, checked: owner/name on GitHub, and not the main repository, which
    the preview's write token must never reach."""
    value = value.strip()
    owner, _, name = value.partition("/")
    if not re.fullmatch(_OWNER, owner) or not re.fullmatch(_NAME, name) or name in (".", ".."):
        raise PreviewError(f"PREVIEW_REPOSITORY {value[:140]!r} is not owner/name of a GitHub repository "
                           "(e.g. example-previews/explainer-previews)")
    if value.lower() == main_repository.strip().lower():
        raise PreviewError(f"PREVIEW_REPOSITORY is {value}, this repository: previews go to a separate "
                           "repository (CONTRIBUTING.md, \"Previews\")")
    return value


def base_url(value: str) -> str:
    """PREVIEW_URL, checked (https, no query or fragment), ending in "/"."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment or "@" in parts.netloc:
        raise PreviewError(f"PREVIEW_URL {value[:200]!r} is not an https address such as "
                           "https://example-previews.github.io/explainer-previews/")
    return value if value.endswith("/") else value + "/"


def address(base: str, number: int) -> str:
    """Where pull request `number`'s preview is served."""
    return f"{base_url(base)}pr-{number}/"


def shares_origin(preview_base: str, main_repository: str) -> bool:
    """Whether previews would be served on the origin of this repository's default Pages address
    (https://<owner>.github.io), where unreviewed pages could reach the main site's storage."""
    owner = main_repository.partition("/")[0].lower()
    return bool(owner) and urlsplit(preview_base).hostname == f"{owner}.github.io"


def comment_line(preview: str, built_for: str) -> str:
    """The line of the pull-request comment that gives the preview's address."""
    if built_for.strip() == preview:
        return f"Preview: {preview}"
    return (f"Preview: {preview} (built for the published site's address, since pull requests from forks "
            "do not see this repository's variables: its canonical links, feeds and \"Cite this page\" "
            "name that address)")


def check_site(site: Path) -> None:
    """Refuse a site that is not plain files and folders with an index.html (no links, no .git, no
    names git or this module could misread), or that is larger than MAX_SITE_BYTES."""
    if not (site / "index.html").is_file() or (site / "index.html").is_symlink():
        raise PreviewError(f"{site}: no index.html; is this the site-preview artifact?")
    problems, total = [], 0
    for folder, dirs, files in os.walk(site):
        for name in dirs + files:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            if name == ".git":
                problems.append(f"{path}: a .git entry")
            elif "\n" in name or not _is_utf8(name):
                problems.append(f"{str(path)!r}: a name with a line break or not in UTF-8")
            elif stat.S_ISLNK(mode):
                problems.append(f"{path}: a symbolic link")
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                problems.append(f"{path}: neither a file nor a folder")
            else:
                total += path.lstat().st_size if stat.S_ISREG(mode) else 0
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink() and d != ".git"]
    if total > MAX_SITE_BYTES:
        problems.append(f"{site}: {total // 2**20} MB, more than the {MAX_SITE_BYTES // 2**20} MB a preview may take "
                        "(MAX_SITE_BYTES in scripts/review/preview.py)")
    if problems:
        raise PreviewError("the site cannot be published:\n  " + "\n  ".join(problems[:20]))


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:   # bytes that are not UTF-8, as os.walk passes them on
        return False
    return True


class Previews:
    """The gh-pages branch of the previews repository at `remote`, in a scratch repository that
    fetches its trees and none of its files."""

    def __init__(self, remote: str, scratch: Path, token: str = "", wait=time.sleep):
        self.remote, self.git_dir, self.wait = remote, scratch / "repo", wait
        self.env = _git_env(token)
        self.git("init", "-q", "--bare", str(self.git_dir), git_dir=False)
        self.git("remote", "add", "origin", remote)

    def git(self, *args: str, git_dir: bool = True, stdin: str = "", env: dict | None = None,
            check: bool = True) -> subprocess.CompletedProcess:
        command = ["git", *(["--git-dir", str(self.git_dir)] if git_dir else []), *args]
        done = subprocess.run(command, input=stdin, capture_output=True, encoding="utf-8", errors="replace",
                              env={**self.env, **(env or {})})
        if check and done.returncode:
            raise PreviewError(f"git {args[0]} ({self.remote}): {done.stderr.strip()}")
        return done

    def tip(self) -> str:
        """The branch's commit on the remote, fetched (trees only), or "" when it has none yet."""
        if not self.git("ls-remote", "origin", BRANCH).stdout.strip():
            return ""
        self.git("fetch", "-q", "--depth", "1", "--filter=blob:none", "origin", f"+{BRANCH}:refs/previews/tip")
        return self.git("rev-parse", "refs/previews/tip").stdout.strip()

    def site_tree(self, folder: Path) -> str:
        """The tree of `folder`'s files, written into the scratch repository byte for byte (no
        attributes, no filters: nothing in the site has a say); "" for a folder without files."""
        children = sorted(folder.iterdir())
        files = [path for path in children if path.is_file()]
        entries = []
        if files:
            listing = "".join(f"{path}\n" for path in files)
            blobs = self.git("hash-object", "-w", "--no-filters", "--stdin-paths", stdin=listing).stdout.split()
            entries += [f"100644 blob {blob}\t{path.name}" for path, blob in zip(files, blobs)]
        for path in children:
            tree = self.site_tree(path) if path.is_dir() else ""
            if tree:
                entries.append(f"040000 tree {tree}\t{path.name}")
        return self.tree(entries) if entries else ""

    def tree(self, entries: list[str], *options: str) -> str:
        return self.git("mktree", "-z", *options, stdin="".join(entry + "\0" for entry in entries)).stdout.strip()

    def root_tree(self, tip: str, folder: str, tree: str = "") -> str:
        """The branch's top folder with `folder` replaced by `tree` (removed without one), and a
        .nojekyll file so that Pages serves the files as they are."""
        listing = self.git("ls-tree", "-z", tip).stdout.split("\0") if tip else []
        entries = [e for e in listing if e and e.split("\t", 1)[1] != folder]
        if tree:
            entries.append(f"040000 tree {tree}\t{folder}")
        if not any(e.split("\t", 1)[1] == ".nojekyll" for e in entries):
            empty = self.git("hash-object", "-w", "--stdin").stdout.strip()
            entries.append(f"100644 blob {empty}\t.nojekyll")
        return self.tree(entries, "--missing")   # the other entries' files were not fetched

    def replace(self, folder: str, site: Path | None, message: str) -> bool:
        """Put `site` at `folder` on the branch (remove `folder` when `site` is None); False when
        the branch already had it so."""
        tree = self.site_tree(site) if site else ""
        for attempt in range(1, ATTEMPTS + 1):
            tip = self.tip()
            if not tip and not tree:
                return False   # nothing published yet, nothing to remove
            root = self.root_tree(tip, folder, tree)
            if tip and root == self.git("rev-parse", f"{tip}^{{tree}}").stdout.strip():
                return False
            commit = self.git("commit-tree", root, "-m", message).stdout.strip()
            pushed = self.git("push", "-q", f"--force-with-lease={BRANCH}:{tip}", "origin", f"{commit}:{BRANCH}",
                              check=False)
            if not pushed.returncode:
                return True
            if self.git("ls-remote", "origin", BRANCH).stdout.split("\t")[0].strip() == tip:
                raise PreviewError(f"git push ({self.remote}): {pushed.stderr.strip()}")
            self.wait(attempt)   # another deploy moved the branch: build on its commit instead
        raise PreviewError(f"{self.remote}: the branch kept moving; gave up after {ATTEMPTS} attempts")


def _git_env(token: str) -> dict[str, str]:
    """git's environment: no prompt, the bot as author, and the token as an HTTP header for
    github.com given through the environment (never on a command line, never in a file)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0",
           "GIT_AUTHOR_NAME": BOT[0], "GIT_AUTHOR_EMAIL": BOT[1],
           "GIT_COMMITTER_NAME": BOT[0], "GIT_COMMITTER_EMAIL": BOT[1]}
    if token:
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        count = int(env.get("GIT_CONFIG_COUNT") or 0)
        env.update({"GIT_CONFIG_COUNT": str(count + 1), f"GIT_CONFIG_KEY_{count}": "http.https://github.com/.extraheader",
                    f"GIT_CONFIG_VALUE_{count}": f"AUTHORIZATION: basic {basic}"})
    return env


def publish(remote: str, number: int, site: Path, token: str = "", wait=time.sleep) -> bool:
    """Publish `site` as pr-<number>/ of the previews repository at `remote`."""
    check_site(site)
    with tempfile.TemporaryDirectory(prefix="preview-") as scratch:
        previews = Previews(remote, Path(scratch), token, wait)
        return previews.replace(f"pr-{number}", site, f"Preview of pull request #{number}")


def remove(remote: str, number: int, token: str = "", wait=time.sleep) -> bool:
    """Remove pr-<number>/ from the previews repository at `remote` (False: it was not there)."""
    with tempfile.TemporaryDirectory(prefix="preview-") as scratch:
        previews = Previews(remote, Path(scratch), token, wait)
        return previews.replace(f"pr-{number}", None, f"Remove the preview of pull request #{number}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m scripts.review.preview", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("address", "publish", "remove"):
        command = commands.add_parser(name)
        command.add_argument("--number", required=True, help="the pull request's number")
    commands.choices["publish"].add_argument("--site", type=Path, required=True, help="the built site")
    commands.choices["publish"].add_argument("--built-for", type=Path, metavar="FILE",
                                             help="the address the site was built for, as the build recorded it")
    args = parser.parse_args(argv)
    env = os.environ
    try:
        number = pull_number(args.number)
        if args.command == "address":
            print(address(_setting("PREVIEW_URL"), number))
            return 0
        main_repository = env.get("GITHUB_REPOSITORY", "")
        remote = f"https://github.com/{repository(_setting('PREVIEW_REPOSITORY'), main_repository)}.git"
        token = _setting("PREVIEW_TOKEN")
        if args.command == "remove":
            done = remove(remote, number, token)
            print(f"pr-{number}/ {'removed' if done else 'was not published'}", file=sys.stderr)
            return 0
        preview = address(_setting("PREVIEW_URL"), number)
        if shares_origin(preview, main_repository):
            print(f"::warning::previews are served on {urlsplit(preview).hostname}, the origin of this "
                  "repository's own Pages site: give them a repository of another owner", file=sys.stderr)
        publish(remote, number, args.site, token)
        built_for = args.built_for.read_text(encoding="utf-8", errors="replace")[:2000] \
            if args.built_for and args.built_for.is_file() else ""
        print(comment_line(preview, built_for))
        return 0
    except PreviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _setting(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise PreviewError(f"{name} is not set (CONTRIBUTING.md, \"Previews\", says how to enable previews)")
    return value


if __name__ == "__main__":
    raise SystemExit(main())
