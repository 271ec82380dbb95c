"""The citation hook inside a real `mkdocs build --strict`, on a copy of the project with test pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.citations.project import IMPORT_FIXTURES, NEWSPAPER_ZH, REPORT_EN, make_project
from scripts.bench.corpus import copy_skeleton
from scripts.content import data as content_data
from scripts.citations.build import CitationBuild
from scripts.citations.checker import check
from scripts.citations.source_import import run_import
from scripts.project import settings

EN = """\
# Test page

Xi Jinping proposed the concept in Wuzhen [@xinhua-keynote, para. 1]. Freedom House counted
“36 out of the 65 countries assessed” [@fh-2018; @xinhua-keynote].

Code is left alone: `[@not-a-key]`.
"""
ZH = """\
# 测试页面

习近平在乌镇提出这一理念[@xinhua-keynote, p. 1]。自由之家的统计见报告[@fh-2018; @xinhua-keynote]。

代码不处理：`[@not-a-key]`。
"""


def copy_project(tmp_path, pages: dict[str, str]):
    root = copy_skeleton(tmp_path / "project")
    sources = root / "data" / "sources"
    (sources / "xinhua-keynote.yml").write_text(NEWSPAPER_ZH, encoding="utf-8")
    (sources / "fh-2018.yml").write_text(REPORT_EN, encoding="utf-8")
    for rel, text in pages.items():
        (root / "docs" / rel).write_text(text, encoding="utf-8")
    return root


def build(root):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
                          cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("cite"), {"en/test.md": EN, "zh/test.md": ZH})
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_citations_become_numbered_notes_with_links(built):
    page = soup(built, "test/index.html")
    article = page.select_one("article")
    assert "[@" not in article.get_text().replace("[@not-a-key]", "")
    assert article.select_one("code").get_text() == "[@not-a-key]"
    refs = article.select("sup[id^='fnref:cite-'] a.footnote-ref")
    assert [a.get_text() for a in refs] == ["1", "2"]
    notes = article.select("div.footnote li")
    assert len(notes) == 2
    first = notes[0]
    # Chicago 14.98 from the processor, with our gloss after the title and before its comma
    assert "“习近平出席第二届世界互联网大会开幕式并发表主旨演讲” [Xi Jinping attends" in first.get_text()
    assert "December 16, 2015, para. 1, gov.cn/xinwen/" in first.get_text()
    hrefs = [a["href"] for a in first.select("a")]
    assert "https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm" in hrefs
    assert any(h.startswith("https://web.archive.org/web/") for h in hrefs)
    assert "../sources/#xinhua-keynote" in hrefs
    second = notes[1].get_text()
    # a first citation in full, a later one of the same source shortened (Chicago 14.29): author, title
    assert "Adrian Shahbaz, Freedom on the Net 2018: The Rise of Digital Authoritarianism (Washington, DC: " \
        "Freedom House, 2018)" in second
    assert "; Xinhua News Agency, “习近平出席第二届世界互联网大会开幕式并发表主旨演讲.” Source entry" in second
    assert "web.archive.org" not in str(notes[1].select("a")[-2:])   # a short note has no archived copy


def test_chinese_page_gives_each_source_one_number_reused_with_its_locator(built):
    article = soup(built, "zh/test/index.html").select_one("article")
    notes = article.select("div.footnote li")
    assert [n["id"] for n in notes] == ["fn:cite-1", "fn:cite-2"]   # two sources, two entries
    text = notes[0].get_text()
    # GB/T 7714-2015: a web page of the gov.cn gateway is [EB/OL], (publication date)[access date]
    assert "新华社. 习近平出席第二届世界互联网大会开幕式并发表主旨演讲[EB/OL]. (2015-12-16)[2026-11-29]. " \
        "gov.cn/xinwen/2015-12/16/content_5024700.htm." in text
    assert notes[0].select_one('a[href="../sources/#xinhua-keynote"]').get_text() == "来源条目"
    sups = article.select("sup.cite-gbt")
    # 顺序编码制: [1] with its locator after the number; then [2, 1], the first source's number reused
    assert [s.get_text() for s in sups] == ["[1]1", "[2, 1]"]
    assert [a["href"] for a in sups[1].select("a")] == ["#fn:cite-2", "#fn:cite-1"]
    backs = [a["href"] for a in notes[0].select("a.footnote-backref")]
    assert backs == ["#fnref:cite-1", "#fnref:cite-1-2"]     # one back-link per citing place
    assert all(article.find(id=href[1:]) for href in backs)


def test_sources_page_lists_each_source_by_tier_with_an_anchor_and_citing_pages(built):
    page = soup(built, "sources/index.html")
    tiers = [h["id"] for h in page.select("article h2")]
    assert tiers == ["tier-state-media", "tier-ngo"]
    entry = page.select_one("#fh-2018")
    assert entry is not None and "Shahbaz, Adrian." in entry.get_text()
    assert [a["href"] for a in entry.select("a") if "test" in a["href"]] == ["../test/"]
    assert "36 out of the 65 countries assessed" in entry.get_text()
    zh_entry = soup(built, "zh/sources/index.html").select_one("#xinhua-keynote")
    assert "引用页面" in zh_entry.get_text() and "[EB/OL]" in zh_entry.get_text()


def test_a_bad_key_is_reported_once_at_the_checkers_file_line_and_column(tmp_path):
    # Front matter before the bad key (MkDocs strips it before the build sees the page), and a stale
    # Chinese translation (whose notice links to the English page): one finding, the checker's.
    en = "---\ndescription: A test page.\n---\n\n" + EN.replace("[@fh-2018;", "[@fh-2019;")
    zh = "---\ntranslated-from: 000000000000\n---\n\n" + ZH
    # A page not yet translated, which both languages' builds render.
    untranslated = "# Only in English\n\nA claim [@no-such-source].\n"
    root = copy_project(tmp_path, {"en/test.md": en, "zh/test.md": zh, "en/untranslated.md": untranslated})
    result = build(root)
    assert result.returncode != 0
    findings = sorted(f for f in check(settings(root)) if f.code == "unknown-key")
    column = EN.splitlines()[3].index("[@fh") + 1
    assert [(f.path, f.line, f.col) for f in findings] == [("docs/en/test.md", 8, column),
                                                           ("docs/en/untranslated.md", 3, 9)]
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("WARNING")]
    assert sorted(warnings) == [f"WARNING -  {f.text()}" for f in findings]
    assert "did you mean 'fh-2018'?" in findings[0].text()


def test_a_kept_citation_key_resolves_in_a_built_page(tmp_path):
    # The English page cites the source by the key of the user's library, the Chinese one by its id.
    pages = {"en/imported.md": "# Imported\n\nDíaz-León asks what social construction is [@díaz-león:2013what, p. 2].\n",
             "zh/imported.md": "# 导入\n\n迪亚斯-莱昂讨论社会建构的含义[@diaz-leon-2013-what, 第2页]。\n"}
    root = copy_project(tmp_path, pages)
    project = settings(root)
    assert run_import(IMPORT_FIXTURES / "zotxt-better-bibtex.json", project, tier="analysis") == 0
    for path in project.sources_dir.glob("*.yml"):   # only the cited source, as a contributor would keep it
        if path.stem not in {"diaz-leon-2013-what", "xinhua-keynote", "fh-2018"}:
            path.unlink()
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    note = soup(root / "site", "imported/index.html").select_one("article div.footnote li")
    assert "What Is Social Construction?" in note.get_text() and "2" in note.get_text()
    assert "../sources/#diaz-leon-2013-what" in [a["href"] for a in note.select("a")]
    entry = soup(root / "site", "sources/index.html").select_one("#diaz-leon-2013-what")
    assert "../imported/" in [a["href"] for a in entry.select("a")]   # "cited on" lists the page
    findings = [f for f in check(project) if f.path.startswith("docs/")]
    assert [(f.path, f.line, f.code) for f in findings] == [("docs/en/imported.md", 3, "citation-key")]
    assert "cite the registry id: [@diaz-leon-2013-what]" in findings[0].message


def test_a_bad_key_in_a_timeline_entry_is_reported_where_the_checker_reports_it(tmp_path):
    # The timeline's entries are expanded into the page before its citations are rendered: their
    # problems belong to the entry's file and line, not to a line of the page.
    page = "---\ndescription: Events.\n---\n\n# Timeline\n\n<!-- timeline -->\n"
    project = make_project(tmp_path, sources={"fh-2018": REPORT_EN}, pages={"en/timeline.md": page})
    (tmp_path / "data" / "timeline").mkdir()
    (tmp_path / "data" / "timeline" / "2018-fotn.yml").write_text(
        "id: 2018-fotn\ndate: 2018-10\nregion: global\nkind: report\ntitle:\n  en: Freedom on the Net 2018\n"
        "summary:\n  en: Freedom House published its report [@fh-2019].\n", encoding="utf-8")
    citations = CitationBuild(project, "en")
    markdown = content_data.expand(page.split("---\n", 2)[2].lstrip("\n"), project, "en")
    reported = citations.findings(citations.render(markdown, "en/timeline.md"), "en/timeline.md")
    assert reported == [f.text() for f in check(project) if f.code == "unknown-key"]
    assert reported[0].startswith("data/timeline/2018-fotn.yml:8:1: error: summary.en: unknown source key 'fh-2019'")
