"""What the MkDocs build needs from the citation engine, for one language at a time.

Kept free of MkDocs imports: the hook passes plain strings in and logs the problems that come out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from scripts.citations.pages import cited_by, load_pages
from scripts.citations.registry import load_registry
from scripts.citations.render import Problem, Rendered, render_citations
from scripts.citations.sources_page import MARKER, sources_markdown
from scripts.citations.urls import SOURCES_PAGE, sources_href
from scripts.project import Settings

@dataclass
class CitationBuild:
    settings: Settings
    locale: str

    def __post_init__(self):
        self.registry = load_registry(self.settings.sources_dir, self.settings.root)
        self.made_notes: dict[tuple[str, str, str], str] = {}   # see render.note_html

    @cached_property
    def cited_by(self):
        """Which pages of this language cite each source: read from the files, for the Sources page only."""
        return cited_by(load_pages(self.settings.docs_dir, [self.locale])[self.locale])

    def registry_problems(self) -> list[str]:
        """Registry errors that make notes wrong (bad YAML, duplicate ids); warnings are the checker's."""
        return [f.text() for f in self.registry.findings if f.severity == "error"
                and f.code in {"bad-yaml", "bad-encoding", "duplicate-id", "unknown-type", "missing-field"}]

    def render(self, markdown: str, src_uri: str) -> Rendered:
        """Render one page; src_uri is MkDocs' path of the file, e.g. "zh/regions/africa.md"."""
        rel = src_uri.split("/", 1)[1] if "/" in src_uri else src_uri
        problems: list[Problem] = []
        early: dict[str, str] = {}
        late: dict[str, str] = {}
        if rel == SOURCES_PAGE:
            if MARKER not in markdown:
                problems.append(Problem(1, 1, f"the Sources page needs the line {MARKER} where the list goes"))
            listing, early, late = sources_markdown(self.registry, self.cited_by, self.locale, rel)
            markdown = markdown.replace(MARKER, listing)
        rendered = render_citations(markdown, self.registry, self.locale, sources_href(rel), self.made_notes)
        return Rendered(rendered.markdown, problems + rendered.problems, {**rendered.late, **late}, early)
