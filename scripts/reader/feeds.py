"""An Atom feed per language of page updates and corrections, from the git history.

One entry per commit that changed a page of that language (docs/<locale>/) or the data its Timeline
and Glossary pages are built from; it links to every page the commit changed. A commit that touched
the Corrections log (changed it, not created it) is filed under the category "corrections". Uncommitted changes are not news.
"""

from __future__ import annotations

import datetime as dt
import html
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts.citations.urls import page_dir
from scripts.translation.languages import by_locale

FEED_FILE = "feed.xml"
MAX_ENTRIES = 50
DATA_PAGES = {"data/timeline/": "timeline.md", "data/glossary/": "glossary.md"}
CORRECTIONS = "corrections.md"
LABELS = {
    "en": {"feed": "{site}: page updates and corrections", "updated": "Updated: {pages}",
           "correction": "Corrections log updated", "changed": "Pages changed:", "sep": ", "},
    "zh": {"feed": "{site}：页面更新与更正", "updated": "更新：{pages}",
           "correction": "更正记录已更新", "changed": "本次修改的页面：", "sep": "、"},
}


def _text(text: str) -> str:
    """XML character data. html, not xml.sax.saxutils: that module imports urllib.request (and with
    it http.client and ssl), 10 ms of every build."""
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    """A quoted XML attribute value."""
    return f'"{html.escape(text)}"'


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.datetime
    subject: str
    paths: tuple[str, ...]
    modified: tuple[str, ...] = ()   # the paths it changed that existed before (status M)


def commits(repo_root: Path, paths: list[str]) -> list[Commit]:
    """Commits that touched any of `paths` (relative to repo_root), newest first."""
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--no-renames", "--format=%x1e%H%x1f%cI%x1f%s", "--name-status", "HEAD", "--", *paths],
            cwd=repo_root, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []  # not a git checkout, or no commit yet
    found = []
    for record in out.split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        sha, date, subject = header.split("\x1f", 2)
        changes = [line.split("\t", 1) for line in names.splitlines() if "\t" in line]
        found.append(Commit(sha, dt.datetime.fromisoformat(date), subject,
                            tuple(path for _, path in changes),
                            tuple(path for status, path in changes if status.startswith("M"))))
    return found


def changed_pages(commit: Commit, locale: str) -> list[str]:
    """The pages (paths inside docs/<locale>/) that a commit changed, in a stable order."""
    pages = []
    prefix = f"docs/{locale}/"
    for path in commit.paths:
        rel = path[len(prefix):] if path.startswith(prefix) else next(
            (page for folder, page in DATA_PAGES.items() if path.startswith(folder)), None)
        if rel and rel.endswith(".md") and rel not in pages:
            pages.append(rel)
    return pages


def is_correction(commit: Commit, locale: str) -> bool:
    """A commit that changed (not created) the Corrections log of this language."""
    return f"docs/{locale}/{CORRECTIONS}" in commit.modified


def atom(locale: str, site_name: str, home_url: str, titles: dict[str, str], history: list[Commit],
         existing: set[str]) -> str:
    """The Atom document. `home_url` is this language's home page (absolute); `titles` maps page
    paths to their titles; pages not in `existing` (removed since) are left out of the entries."""
    labels = LABELS[locale]
    lang = by_locale(locale)
    entries = []
    for commit in history:
        pages = [rel for rel in changed_pages(commit, locale) if rel in existing]
        if not pages:
            continue
        entries.append((commit, pages))
        if len(entries) == MAX_ENTRIES:
            break
    host = urlsplit(home_url).hostname or "localhost"
    feed_url = urljoin(home_url, FEED_FILE)
    updated = entries[0][0].date if entries else dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang.tag}">',
        f"  <title>{_text(labels['feed'].format(site=site_name))}</title>",
        f"  <id>{_text(home_url)}</id>",
        f'  <link rel="alternate" type="text/html" href={_attr(home_url)}/>',
        f'  <link rel="self" type="application/atom+xml" href={_attr(feed_url)}/>',
        f"  <updated>{updated.isoformat()}</updated>",
        f"  <author><name>{_text(site_name)}</name></author>",
    ]
    for commit, pages in entries:
        names = labels["sep"].join(titles.get(rel, rel) for rel in pages)
        correction = is_correction(commit, locale)
        if correction:
            pages = [CORRECTIONS] + [rel for rel in pages if rel != CORRECTIONS]
        title = labels["correction"] if correction else labels["updated"].format(pages=names)
        links = "".join(f'<li><a href="{_text(_url(home_url, rel))}">{_text(titles.get(rel, rel))}</a></li>'
                        for rel in pages)
        content = f"<p>{_text(commit.subject)}</p><p>{_text(labels['changed'])}</p><ul>{links}</ul>"
        out += [
            "  <entry>",
            f"    <title>{_text(title)}</title>",
            f"    <id>tag:{host},{commit.date.date().isoformat()}:{commit.sha}/{locale}</id>",
            f'    <link rel="alternate" type="text/html" href={_attr(_url(home_url, pages[0]))}/>',
            f"    <updated>{commit.date.isoformat()}</updated>",
            *(['    <category term="corrections"/>'] if correction else []),
            f'    <content type="html">{_text(content)}</content>',
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _url(home_url: str, rel: str) -> str:
    directory = page_dir(rel)
    return urljoin(home_url, directory + "/" if directory else "")
