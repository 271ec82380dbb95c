"""Originals over mirrors: the host list, the warning, the count and the link to the original."""

from __future__ import annotations

from scripts.citations.mirrors import check, summary_line
from scripts.citations.registry import load_registry
from scripts.citations.render import render_citations
from tests.citations.project import NEWSPAPER_ZH, make_project

HOSTS = """\
- host: big5.www.gov.cn
  kind: gateway
  note: Big5 gateway copy.
"""
GATEWAY = NEWSPAPER_ZH.replace("https://www.gov.cn/", "http://big5.www.gov.cn/gate/big5/www.gov.cn/")
WITH_ORIGINAL = GATEWAY.replace("excerpts:", "original-url: https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm\nexcerpts:")


def project(tmp_path, source):
    settings = make_project(tmp_path, sources={"xinhua-keynote": source},
                            pages={"en/a.md": "# A\n\nText [@xinhua-keynote].\n"})
    (tmp_path / "data" / "mirror-hosts.yml").write_text(HOSTS, encoding="utf-8")
    return settings


def test_a_source_on_a_mirror_host_without_original_url_is_warned_and_counted(tmp_path):
    settings = project(tmp_path, GATEWAY)
    (finding,) = check(settings)
    assert (finding.code, finding.severity, finding.path) == ("mirror-source", "warning", "data/sources/xinhua-keynote.yml")
    assert "original-url" in finding.message
    assert "1 source(s) read on mirror" in summary_line(settings) and "1 without 'original-url'" in summary_line(settings)


def test_a_source_with_original_url_passes_and_its_note_links_the_original(tmp_path):
    settings = project(tmp_path, WITH_ORIGINAL)
    assert check(settings) == []
    assert "0 without 'original-url'" in summary_line(settings)
    registry = load_registry(settings.sources_dir, settings.root)
    rendered = render_citations("Text [@xinhua-keynote].", registry, "en", "../sources/")
    assert 'href="https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm"' in rendered.late["<!--late:notes-->"]
    assert "Original publisher" in rendered.late["<!--late:notes-->"]


def test_a_source_on_the_original_host_is_not_a_mirror(tmp_path):
    settings = project(tmp_path, NEWSPAPER_ZH.replace("https://www.gov.cn/", "https://www.example.org/"))
    assert check(settings) == []


def test_original_url_on_a_mirror_or_equal_to_url_is_an_error(tmp_path):
    settings = project(tmp_path, GATEWAY.replace("excerpts:", "original-url: http://big5.www.gov.cn/x.htm\nexcerpts:"))
    assert [(f.code, f.severity) for f in check(settings)] == [("mirror-source", "error")]
    same = make_project(tmp_path / "b", sources={"xinhua-keynote": NEWSPAPER_ZH.replace(
        "excerpts:", "original-url: https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm\nexcerpts:")})
    registry = load_registry(same.sources_dir, same.root)
    assert [f.code for f in registry.findings if f.severity == "error"] == ["bad-url"]
