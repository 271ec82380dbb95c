"""What the MkDocs build needs from the citation engine, for one language at a time.

Kept free of MkDocs imports: the hook passes plain strings in and logs the problems that come out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from scripts.citations import csl
from scripts.citations.checker import check_data_texts, citation_findings
from scripts.citations.markdown import find_citations
from scripts.citations.pages import PageSource, cited_by, load_pages
from scripts.citations.registry import load_registry
from scripts.citations.render import Problem, Rendered, render_citations
from scripts.citations.sources_page import MARKER, cited_on, sources_markdown
from scripts.citations.urls import SOURCES_PAGE, sources_href
from scripts.content.data import GLOSSARY_MARKER, TIMELINE_MARKER, citing_texts
from scripts.findings import ERROR, Finding, relpath
from scripts.project import Settings
from scripts.support import derived

CITATION_CODES = {"unknown-key", "malformed-citation"}
BLOCKING_CODES = {"bad-yaml", "bad-encoding", "duplicate-id", "duplicate-key", "unknown-type", "missing-field"}


@dataclass
class CitationBuild:
    settings: Settings
    locale: str

    def __post_init__(self):
        self.registry = load_registry(self.settings.sources_dir, self.settings.root)
        self.forms = csl.render_forms(self.registry, self.locale)   # every reference, one pandoc call (cached)
        self.cited: dict[str, list[str]] = {}   # {rel: keys} of this language's pages rendered so far

    def registry_problems(self) -> list[str]:
        """Registry errors that make notes wrong (bad YAML, duplicate ids); warnings are the checker's."""
        return [f.text() for f in self.registry.findings if f.severity == "error" and f.code in BLOCKING_CODES]

    def render(self, markdown: str, src_uri: str) -> Rendered:
        """Render one page; src_uri is MkDocs' path of the file, e.g. "zh/regions/africa.md"."""
        rel = _rel(src_uri)
        problems: list[Problem] = []
        early: dict[str, str] = {}
        late: dict[str, str] = {}
        if rel == SOURCES_PAGE:
            if MARKER not in markdown:
                problems.append(Problem(1, 1, f"the Sources page needs the line {MARKER} where the list goes"))
            listing, early, late = sources_markdown(self.registry, self.locale, self.forms)
            markdown = markdown.replace(MARKER, listing)
        markdown = derived.render(markdown, self.locale)
        rendered = render_citations(markdown, self.registry, self.locale, sources_href(rel), self.forms)
        if src_uri.startswith(f"{self.locale}/"):   # not a page the language falls back to
            self.cited[rel] = [key for citation in find_citations(markdown)[0] for key in citation.keys]
        return replace(rendered, problems=problems + rendered.problems, late={**rendered.late, **late}, early=early)

    def findings(self, rendered: Rendered, src_uri: str) -> list[str]:
        """The page's problems as `python -m scripts check` prints them, file:line:col included.

        MkDocs hands the build a page without its front matter, with a translation notice or a
        timeline added, so the rendered page's positions are not the file's: the problems are found
        again, by the checker's code, in the page's file and in the data texts the page shows. Only
        for a page with problems (a clean build pays nothing)."""
        if not rendered.problems:
            return []
        path = self.settings.docs_dir / src_uri
        rel = relpath(path, self.settings.root)
        page = PageSource(path, self.locale, _rel(src_uri), path.read_text(encoding="utf-8"))
        found = citation_findings(page, self.registry, rel)
        if TIMELINE_MARKER in page.text or GLOSSARY_MARKER in page.text:
            texts = [t for t in citing_texts(self.settings) if t.locale == self.locale]
            found += [f for f in check_data_texts(texts, self.registry) if f.code in CITATION_CODES]
        if _rel(src_uri) == SOURCES_PAGE and MARKER not in page.text:
            found.append(Finding(rel, 1, 1, "sources-marker", f"the Sources page needs the line {MARKER} "
                                 "where the list goes"))
        found = [f for f in found if f.severity == ERROR]   # warnings are the checker's to report
        return [f.text() for f in found] or [f"{rel}: {p.message} (at {p.line}:{p.col} of the page as the "
                                             "build saw it)" for p in rendered.problems]

    def complete(self, rendered: Rendered, src_uri: str) -> Rendered:
        """The page's late HTML with, on the Sources page, the pages that cite each source. Call it
        once every page is rendered: MkDocs renders the Markdown of all pages before it makes any
        page's HTML (on_page_context). The citations are those of each page as rendered (its data
        texts included), or, for a page this build did not render (`mkdocs build --dirty`), its file's.
        """
        rel = _rel(src_uri)
        if rel != SOURCES_PAGE:
            return rendered
        pages = load_pages(self.settings.docs_dir, [self.locale])[self.locale]
        listed = cited_on(self.registry, cited_by(pages, self.cited, self.registry.resolve), self.locale, rel)
        return replace(rendered, late={**rendered.late, **listed})


def _rel(src_uri: str) -> str:
    """The page's path inside its language folder: "zh/regions/africa.md" -> "regions/africa.md"."""
    return src_uri.split("/", 1)[1] if "/" in src_uri else src_uri
