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


def test_sources_page_lists_the_pages_as_rendered_and_reads_the_files_of_pages_not_rendered(tmp_path):
    from scripts.citations.build import CitationBuild
    from scripts.citations.sources_page import MARKER
    from tests.citations.project import NEWSPAPER_ZH

    settings = make_project(tmp_path, {"fh-2018": REPORT_EN, "xinhua": NEWSPAPER_ZH}, {
        "en/data.md": "# Data page\n\n<!-- timeline -->\n",      # its citations come from data texts
        "en/unbuilt.md": "# Not rebuilt\n\nIn Wuzhen [@xinhua-keynote].\n",
        "en/sources.md": f"# Sources\n\n{MARKER}\n",
    })
    build = CitationBuild(settings, "en")
    build.render("# Data page\n\nA report [@fh-2018].\n", "en/data.md")   # as expanded by the build
    build.render("Fallen back to [@xinhua-keynote].\n", "zh/data.md")       # another language's page
    sources = build.render(f"# Sources\n\n{MARKER}\n", "en/sources.md")    # unbuilt.md: as in --dirty
    assert "<!--late:fh-2018:cited-->" not in sources.late
    late = build.complete(sources, "en/sources.md").late
    assert 'href="../data/">Data page</a>' in late["<!--late:fh-2018:cited-->"]
    assert 'href="../unbuilt/">Not rebuilt</a>' in late["<!--late:xinhua-keynote:cited-->"]
    assert "data/" not in late["<!--late:xinhua-keynote:cited-->"]
    assert build.complete(sources, "en/data.md") is sources      # other pages: unchanged
