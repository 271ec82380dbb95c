"""What the online checker checks: every source URL and archived-copy URL in the registry, and every
external link in the pages, each URL once with every place it is used.

Page links are found in the masked Markdown (code and comments blanked out by
scripts.citations.markdown.mask): inline links, reference definitions, autolinks and HTML
href/src attributes with an absolute http(s) URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.findings import Finding, relpath

if TYPE_CHECKING:   # imported where used: a URL-list run needs neither YAML nor Markdown
    from scripts.citations.registry import Excerpt, Registry

# The URL of an inline link may hold one level of balanced parentheses (Wikipedia's often do).
_URL = r"https?://(?:[^\s()<>\"']|\([^\s()<>]*\))+"
_LINK_PATTERNS = (
    re.compile(rf"\]\(\s*<?({_URL})"),                                     # [text](url) and ![alt](url)
    re.compile(rf"^ {{0,3}}\[[^\]\n]+\]:\s*<?({_URL})", re.MULTILINE),      # [ref]: url
    re.compile(r"<(https?://[^\s<>]+)>"),                                  # <url>
    re.compile(r"""\b(?:href|src)\s*=\s*["'](https?://[^"'\s]+)["']""", re.IGNORECASE),
)
_TRAILING = ".,;:!?'\""

# Registry problems after which the online check cannot be trusted to check the right thing.
BLOCKING_CODES = {"bad-yaml", "bad-encoding", "bad-url", "duplicate-id", "bad-excerpt"}


@dataclass(frozen=True)
class Use:
    kind: str          # "source" (a source's URL), "archive" (its archive-url) or "link" (in a page)
    path: str          # file, relative to the project root
    line: int
    col: int = 1
    source_id: str = ""


@dataclass(frozen=True)
class ExcerptRef:
    source_id: str
    path: str
    excerpt: Excerpt

    @property
    def text(self) -> str:
        return self.excerpt.text


@dataclass
class Target:
    url: str
    uses: list[Use] = field(default_factory=list)
    excerpts: list[ExcerptRef] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {use.kind for use in self.uses}


class Targets(dict):
    """{url: Target}, in the order URLs were first met."""

    def add(self, url: str, use: Use, excerpts: list[ExcerptRef] = ()) -> None:
        target = self.setdefault(url, Target(url))
        if use not in target.uses:
            target.uses.append(use)
        for ref in excerpts:
            if ref not in target.excerpts:
                target.excerpts.append(ref)


def find_links(text: str, masked: str) -> list[tuple[str, int, int]]:
    """(url, line, column) of every external link in a Markdown text, in order."""
    from scripts.citations.markdown import LineIndex

    index = LineIndex(text)
    found: dict[int, str] = {}
    for pattern in _LINK_PATTERNS:
        for match in pattern.finditer(masked):
            url = text[match.start(1):match.end(1)]
            if pattern is not _LINK_PATTERNS[2]:
                url = url.rstrip(_TRAILING)
            found.setdefault(match.start(1), url)
    return [(url, *index.position(offset)) for offset, url in sorted(found.items())]


def source_targets(registry: Registry, root: Path, targets: Targets) -> None:
    for source in registry.sources.values():
        rel = relpath(source.path, root)
        refs = [ExcerptRef(source.id, rel, e) for e in source.excerpts]
        if source.url:
            targets.add(source.url, Use("source", rel, source.line_of("URL"), 1, source.id), refs)
        if source.archive_url:
            targets.add(source.archive_url, Use("archive", rel, source.line_of("archive-url"), 1, source.id), refs)


def page_targets(pages: dict[str, dict], root: Path, targets: Targets) -> None:
    for by_rel in pages.values():
        for page in by_rel.values():
            rel = relpath(page.path, root)
            for url, line, col in find_links(page.text, page.masked):
                targets.add(url, Use("link", rel, line, col))


def collect(settings, only_sources: list[str] | None = None) -> tuple[Targets, Registry, list[Finding]]:
    """Targets for the whole project (or the named sources only), the registry, and the registry
    problems that stop an online check (file and line in each)."""
    from scripts.citations.pages import load_pages
    from scripts.citations.registry import Registry, load_registry
    from scripts.translation.languages import LANGUAGES

    registry = load_registry(settings.sources_dir, settings.root)
    blocking = [f for f in registry.findings if f.code in BLOCKING_CODES and f.severity == "error"]
    targets = Targets()
    if only_sources:
        unknown = [key for key in only_sources if key not in registry]
        for key in unknown:
            hint = registry.suggest(key)
            blocking.append(Finding(relpath(settings.sources_dir, settings.root), 0, 0, "unknown-source",
                                    f"no source {key!r}" + (f" (did you mean {hint!r}?)" if hint else "")))
        wanted = registry.ids(only_sources)   # an id, or a source's citation-key
        subset = Registry({k: v for k, v in registry.sources.items() if k in wanted}, [])
        source_targets(subset, settings.root, targets)
    else:
        source_targets(registry, settings.root, targets)
        page_targets(load_pages(settings.docs_dir, [lang.locale for lang in LANGUAGES]), settings.root, targets)
    return targets, registry, blocking


def url_list_targets(path: Path, root: Path) -> tuple[Targets, list[Finding]]:
    """Targets from a plain list of URLs, one a line (# starts a comment): for ad-hoc checks and
    the benchmark."""
    from urllib.parse import urlsplit

    rel = relpath(path, root)
    targets, problems = Targets(), []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return targets, [Finding(rel, 0, 0, "bad-url-list", f"cannot read the URL list: {exc}")]
    for number, line in enumerate(lines, 1):
        url = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
            problems.append(Finding(rel, number, 1, "bad-url", f"{url!r} is not an absolute http(s) URL"))
            continue
        targets.add(url, Use("link", rel, number))
    return targets, problems

