"""An Atom feed per language of page updates and corrections, from the git history."""

from __future__ import annotations

import subprocess
from urllib.parse import urljoin
from xml.etree import ElementTree

from scripts.translation.languages import CHINESE, ENGLISH
from tests.reader.helpers import resolve
from tests.sitebuild import ROOT

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def git_log(locale: str) -> list[str]:
    out = subprocess.run(["git", "log", "--format=%H", "HEAD", "--", f"docs/{locale}", "data/timeline", "data/glossary"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return out.split()


def test_each_language_has_a_feed_of_its_page_updates_from_git(built_site, pages):
    for lang in (ENGLISH, CHINESE):
        feed = ElementTree.parse(built_site.site_dir / lang.url_prefix / "feed.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang.tag
        entries = feed.findall("a:entry", ATOM)
        history = git_log(lang.locale)
        assert entries, "the repository has commits that changed pages"
        commits = [e.findtext("a:id", namespaces=ATOM).rsplit(":", 1)[1].split("/")[0] for e in entries]
        assert len(set(commits)) == len(commits) and set(commits) <= set(history)
        assert commits == [c for c in history if c in set(commits)]  # newest first, as in git
        assert commits[0] == history[0] or len(entries) < len(history)
        dates = [e.findtext("a:updated", namespaces=ATOM) for e in entries]
        assert dates == sorted(dates, reverse=True) and feed.findtext("a:updated", namespaces=ATOM) == dates[0]
        for entry in entries:
            href = entry.find("a:link", ATOM).get("href")
            assert href.startswith(urljoin(built_site.base_url, lang.url_prefix))
            file, _ = resolve(lang.url_prefix, href, built_site.base_url)
            assert file in pages, href


def test_pages_announce_their_languages_feed(content_pages, built_site):
    for path, soup in content_pages.items():
        prefix = CHINESE.url_prefix if path.startswith(CHINESE.url_prefix) else ""
        link = soup.select_one('head link[type="application/atom+xml"]')
        assert link["href"] == urljoin(built_site.base_url, prefix + "feed.xml"), path
        assert "alternate" in link["rel"] and link.get("title")
