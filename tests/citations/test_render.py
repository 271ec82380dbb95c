"""Citations rendered for the build: markers through Markdown, then note references and notes."""

from __future__ import annotations

from scripts.citations.registry import load_registry
from scripts.citations.render import render_citations
from tests.citations.project import REPORT_EN, make_project


def test_citation_markers_keep_an_ascii_page_ascii(tmp_path):
    # A character beyond Latin-1 in the marker made CPython store the whole English page at two bytes
    # a character, and every Markdown pattern ran over the wider text (render.py).
    settings = make_project(tmp_path, sources={"fh-2018": REPORT_EN})
    registry = load_registry(settings.sources_dir, settings.root)
    markdown = "Officials held trainings [@fh-2018, p. 3].\n\nAnd again [@fh-2018].\n"
    rendered = render_citations(markdown, registry, "en", "../sources/")
    assert rendered.problems == [] and "[@" not in rendered.markdown
    assert rendered.markdown.isascii()
    html = rendered.with_notes(rendered.with_references(f"<p>{rendered.markdown}</p>"))
    assert html.count('class="footnote-ref"') == 2 and "\x0e" not in html and "\x0f" not in html
