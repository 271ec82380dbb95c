"""Relative page URLs (scripts/citations/urls.py, used by scripts/reader/urls.py): computed by hand,
checked against posixpath.relpath."""

from __future__ import annotations

import itertools
import posixpath

from scripts.citations.urls import page_dir, relative_path, relative_url, sources_href
from scripts.reader.urls import relative

PAGES = ["index.md", "sources.md", "origin.md", "regions/index.md", "regions/africa.md", "regions/asia/index.md",
         "regions/asia/laos.md", "regionsx/a.md", "a/b/c/d.md", "a/b/index.md"]


def test_relative_urls_match_posixpath_for_every_pair_of_pages():
    for start, target in itertools.product(PAGES, PAGES):
        expected = posixpath.relpath(page_dir(target) or ".", page_dir(start) or ".") + "/"
        assert relative_url(start, target) == expected, (start, target)


def test_examples():
    assert relative_url("regions/africa.md", "sources.md") == "../../sources/"
    assert relative_url("index.md", "regions/africa.md") == "regions/africa/"
    assert relative_url("regions/africa.md", "regions/index.md") == "../"
    assert relative_url("origin.md", "origin.md") == "./"
    assert relative_url("regionsx/a.md", "regions/africa.md") == "../../regions/africa/"
    assert sources_href("index.md") == "sources/"


def test_relative_paths_between_site_urls_match_posixpath():
    directories = ["", "zh/", "zh/map/", "regions/africa/", "print/", "a/b/c/"]
    targets = directories + ["data/timeline.json", "assets/images/share-card.png", "zh/regions/africa/", "a/b/c/d"]
    for start, target in itertools.product(directories, targets):
        expected = posixpath.relpath("/" + target, "/" + (start or "."))
        assert relative_path(start, target) == expected, (start, target)
        assert relative(start, target) == expected + ("/" if target.endswith("/") else ""), (start, target)
    assert relative("zh/map/", "data/timeline.json") == "../../data/timeline.json"
