"""What the report measures in one state of the project (a checkout or a tree taken out of git)."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from scripts.citations.checker import MIN_UNIT_CHARS, unmatched_quotes
from scripts.citations.markdown import find_quotations, is_navigation, prose_units
from scripts.citations.pages import load_pages
from scripts.citations.registry import load_registry
from scripts.findings import Finding
from scripts.translation.languages import LANGUAGES
from scripts.project import settings as load_settings


@dataclass(frozen=True)
class PageFigures:
    units: int           # prose units that make a claim (as the coverage check counts them)
    cited_units: int
    notes: int           # citations
    quotations: int      # quoted passages the checker compares with the sources' excerpts
    quotations_matched: int
    sources: tuple[str, ...]   # cited source ids, in order of first citation
    figures: int = 0           # figures (numbers, dates, counts) in cited sentences (scripts/support)
    figures_supported: int = 0
    names: int = 0             # people, organisations and documents named in cited sentences
    names_supported: int = 0

    @property
    def coverage(self) -> float | None:
        return self.cited_units / self.units if self.units else None


@dataclass
class Snapshot:
    root: Path
    pages: dict[str, PageFigures] = field(default_factory=dict)      # "docs/en/origin.md" -> figures
    sources: dict[str, dict] = field(default_factory=dict)           # id -> {"path", "url", "archived"}
    glossary: dict[str, str] = field(default_factory=dict)           # file -> headword
    urls: dict[str, list[str]] = field(default_factory=dict)         # URL -> files using it
    findings: list[Finding] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)       # zh rel -> state


def take(root: Path, with_findings: bool = True) -> Snapshot:
    """Measure the project at `root`."""
    from scripts.checks.run import run_all
    from scripts.content.data import load_glossary
    from scripts.linkcheck.targets import collect
    from scripts.translation.status import statuses

    from scripts.support.names import load_actors

    settings = load_settings(root)
    snap = Snapshot(root)
    registry = load_registry(settings.sources_dir, root)
    actors = load_actors(root)[0] if (root / "data" / "actors.yml").is_file() else []
    for locale_pages in load_pages(settings.docs_dir, [lang.locale for lang in LANGUAGES]).values():
        for page in locale_pages.values():
            rel = page.path.relative_to(root).as_posix()
            snap.pages[rel] = _page_figures(page, registry, actors, rel)
    for source in registry.sources.values():
        snap.sources[source.id] = {"path": source.path.relative_to(root).as_posix(), "url": source.url,
                                   "archived": bool(source.archive_url)}
    entries, _ = load_glossary(settings)
    for entry in entries:
        snap.glossary[entry.path.relative_to(root).as_posix()] = _headword(entry)
    targets, _, _ = collect(settings)
    snap.urls = {url: sorted({use.path for use in target.uses}) for url, target in targets.items()}
    snap.translations = {status.rel: status.state for status in statuses(settings.docs_dir)}
    if with_findings:
        snap.findings = run_all(settings)
    return snap


def _page_figures(page, registry, actors, rel: str) -> PageFigures:
    from scripts.support.checker import Stats, check_page

    units = [u for u in prose_units(page.masked) if len(u.text.strip()) >= MIN_UNIT_CHARS
             and not is_navigation(u.text)]
    cited = [u for u in units if any(u.start <= c.start < u.end for c in page.citations)]
    quotations = find_quotations(page.masked)
    unmatched = unmatched_quotes(page.masked, page.citations, registry)
    order = list(dict.fromkeys(key for citation in page.citations for key in citation.keys))
    support = Stats()
    check_page(page, registry, actors, rel, support)
    return PageFigures(len(units), len(cited), len(page.citations), len(quotations),
                       len(quotations) - len(unmatched), tuple(order), support.figures_checked,
                       support.figures_supported, support.names_checked, support.names_supported)


def _headword(entry) -> str:
    parts = (entry.data.get("term"), entry.data.get("hanzi"))
    return " / ".join(str(part) for part in parts if part) or entry.path.stem


def tree_at(repo: Path, ref: str) -> tempfile.TemporaryDirectory:
    """The project's files at `ref`, unpacked into a temporary directory (git archive)."""
    try:
        archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", ref],
                                 capture_output=True, check=True).stdout
    except subprocess.CalledProcessError as exc:
        raise ValueError(f"cannot read {ref!r} from git: {exc.stderr.decode(errors='replace').strip()}") from exc
    folder = tempfile.TemporaryDirectory(prefix="report-base-")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder.name, filter="data")
    return folder


def changed_files(repo: Path, ref: str) -> list[str]:
    """Files that differ between `ref` and the working tree (committed or not), and new untracked
    files, relative to the repository."""
    def git(*args: str) -> list[str]:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
        if done.returncode:
            raise ValueError(f"git {' '.join(args)}: {done.stderr.strip()}")
        return [line for line in done.stdout.splitlines() if line]
    git("rev-parse", "--verify", f"{ref}^{{commit}}")   # a clear error for a ref that does not exist
    return sorted(set(git("diff", "--name-only", ref)) | set(git("ls-files", "--others", "--exclude-standard")))
