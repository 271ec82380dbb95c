"""Finding what to check: external links in pages (not in code), and the registry's URLs."""

from __future__ import annotations

import pytest

from scripts.citations.markdown import mask
from scripts.linkcheck.targets import collect, find_links, url_list_targets
from tests.citations.project import NEWSPAPER_ZH, REPORT_EN, make_project

pytestmark = pytest.mark.timeout(10)

PAGE = """\
---
title: Links
---
# Links

An [inline link](https://example.org/a) and ![an image](https://example.org/b.png "title").
A [Wikipedia link](https://en.wikipedia.org/wiki/Cyber_(disambiguation)), then a full stop.
An autolink <https://example.org/auto>.
A reference [link][ref] and <a href="https://example.org/html">HTML</a>.

[ref]: https://example.org/ref "Title"

`[code](https://example.org/in-code)` and a relative [page](other.md).

```markdown
[fenced](https://example.org/fenced)
```
<!-- [comment](https://example.org/comment) -->
"""


def test_links_found_with_line_and_column():
    links = find_links(PAGE, mask(PAGE))
    assert [(url, line) for url, line, _ in links] == [
        ("https://example.org/a", 6),
        ("https://example.org/b.png", 6),
        ("https://en.wikipedia.org/wiki/Cyber_(disambiguation)", 7),
        ("https://example.org/auto", 8),
        ("https://example.org/html", 9),
        ("https://example.org/ref", 11),
    ]
    url, line, col = links[0]
    assert PAGE.splitlines()[line - 1][col - 1:].startswith(url)


def test_registry_and_pages_give_one_target_per_url(tmp_path):
    settings = make_project(tmp_path, {"xinhua-keynote": NEWSPAPER_ZH, "fh-2018": REPORT_EN}, {
        "en/index.md": "# Home\n\nSee [the report](https://freedomhouse.org/report/freedom-net/2018/"
                       "rise-digital-authoritarianism).\n",
        "zh/index.md": "# 首页\n\n见[报告](https://freedomhouse.org/report/freedom-net/2018/rise-digital-authoritarianism)。\n",
    })
    targets, registry, problems = collect(settings)
    assert problems == []
    report = targets["https://freedomhouse.org/report/freedom-net/2018/rise-digital-authoritarianism"]
    assert sorted(u.kind for u in report.uses) == ["link", "link", "source"]
    assert len(report.excerpts) == 1
    assert {u.path for u in report.uses} == {"data/sources/fh-2018.yml", "docs/en/index.md", "docs/zh/index.md"}
    archive = targets["https://web.archive.org/web/20151217000000/https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm"]
    assert [u.kind for u in archive.uses] == ["archive"] and archive.uses[0].line == 14
    assert len(targets) == 4


def test_unloadable_source_stops_the_check_with_file_and_line(tmp_path):
    settings = make_project(tmp_path, {"broken": "id: broken\ntitle: [unclosed\n"})
    _, _, problems = collect(settings)
    assert [(p.path, p.line, p.code) for p in problems] == [("data/sources/broken.yml", 3, "bad-yaml")]


def test_unknown_source_filter_is_an_error(tmp_path):
    settings = make_project(tmp_path, {"fh-2018": REPORT_EN})
    _, _, problems = collect(settings, ["fh-2019"])
    assert problems[0].code == "unknown-source" and "fh-2018" in problems[0].message


def test_url_list(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# a comment\nhttps://example.org/1\n\nhttp://127.0.0.1:8/x\nnot a url\n")
    targets, problems = url_list_targets(path, tmp_path)
    assert list(targets) == ["https://example.org/1", "http://127.0.0.1:8/x"]
    assert [(p.path, p.line, p.code) for p in problems] == [("urls.txt", 5, "bad-url")]
