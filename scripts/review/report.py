"""Compare two snapshots of the project and write the report on a change, in Markdown.

The report covers only what the change touches: the pages and data files it edits, the findings
on them, the translations it makes stale, the sources and glossary terms it adds, and (with
`online=True`) the online check of the URLs it adds or changes, bounded in time. A URL that a
change adds and that answers 404 or 410 fails the report; a site that turns robots away is
"blocked", never a failure; an unreachable network is said to be so.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scripts.findings import ERROR, Finding
from scripts.review.snapshot import PageFigures, Snapshot

MARKER = "<!-- contribution-report -->"   # the PR comment that carries it is found by this line
ONLINE_TIME_LIMIT = 180                   # seconds for the whole online check


@dataclass
class Online:
    ran: bool = False
    offline: bool = False
    timed_out: bool = False
    results: list[dict] = field(default_factory=list)   # check-online's JSON results

    @property
    def dead(self) -> list[dict]:
        return [r for r in self.results if r["verdict"] in ("dead", "drift")]


@dataclass
class Report:
    base: str
    changed: list[str]
    before: Snapshot
    after: Snapshot
    online: Online = field(default_factory=Online)

    @property
    def findings(self) -> list[Finding]:
        """The findings on the files the change touches, now."""
        touched = set(self.changed)
        return sorted(f for f in self.after.findings if f.path in touched)

    @property
    def failed(self) -> bool:
        return any(f.severity == ERROR for f in self.findings) or bool(self.online.dead)

    def stale_translations(self) -> list[str]:
        """Chinese pages current before the change and stale after it."""
        return sorted(rel for rel, state in self.after.translations.items()
                      if state == "stale" and self.before.translations.get(rel) != "stale")

    def new_sources(self) -> list[tuple[str, dict]]:
        return sorted((key, info) for key, info in self.after.sources.items() if key not in self.before.sources)

    def new_terms(self) -> list[str]:
        return sorted(word for path, word in self.after.glossary.items() if path not in self.before.glossary)

    def new_urls(self) -> list[str]:
        """URLs in the project now that were not before (a changed URL is a new one)."""
        return sorted(url for url, files in self.after.urls.items()
                      if url not in self.before.urls and set(files) & set(self.changed))


def check_online(urls: list[str], root: Path, limit: float = ONLINE_TIME_LIMIT) -> Online:
    """check-online --urls for these URLs, in a subprocess bounded to `limit` seconds in all."""
    online = Online(ran=True)
    if not urls:
        return online
    with tempfile.TemporaryDirectory(prefix="report-online-") as folder:
        listing, out = Path(folder) / "urls.txt", Path(folder) / "report.json"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "scripts", "--root", str(root), "check-online", "--urls", str(listing),
                   "--no-archive", "--no-cache", "--no-progress", "--retries", "1", "--total-timeout", "30",
                   "--format", "json", "--json", str(out)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            online.timed_out = True
            return online
        online.offline = done.returncode == 3
        if out.is_file():
            online.results = json.loads(out.read_text(encoding="utf-8"))["results"]
    return online


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _change(before, after, show=str) -> str:
    if before is None:
        return f"{show(after)} (new)"
    return show(after) if before == after else f"{show(before)} → {show(after)}"


def _page_row(path: str, before: PageFigures | None, after: PageFigures, report: Report) -> str:
    errors = sum(1 for f in report.findings if f.path == path and f.severity == ERROR)
    warnings = sum(1 for f in report.findings if f.path == path and f.severity != ERROR)
    get = (lambda attr: getattr(before, attr)) if before else (lambda attr: None)
    coverage = _change(before.coverage if before else None, after.coverage, _percent)
    quotes = f"{after.quotations_matched} of {after.quotations}"
    figures = _change(f"{before.figures_supported} of {before.figures}" if before else None,
                      f"{after.figures_supported} of {after.figures}")
    names = _change(f"{before.names_supported} of {before.names}" if before else None,
                    f"{after.names_supported} of {after.names}")
    return (f"| `{path}` | {coverage} | {_change(get('notes'), after.notes)} | {figures} | {names} | {quotes} | "
            f"{errors} | {warnings} |")


def parity_line(report: Report, path: str) -> str | None:
    """For a Chinese page: whether it cites the same sources in the same order as the English."""
    if not path.startswith("docs/zh/"):
        return None
    english = report.after.pages.get("docs/en/" + path.removeprefix("docs/zh/"))
    chinese = report.after.pages.get(path)
    if not english or not chinese:
        return None
    if english.sources == chinese.sources:
        return None
    return f"`{path}` cites its sources in another order or set than the English page"


def markdown(report: Report) -> str:
    lines = [MARKER, "## Contribution report", ""]
    pages = [p for p in report.changed if p in report.after.pages]
    data = [p for p in report.changed if p.startswith("data/")]
    verdict = "**Needs work**: see the errors below." if report.failed else "No errors on the changed files."
    lines += [f"Compared with `{report.base}`: {len(pages)} page(s) and {len(data)} data file(s) changed. {verdict}",
              ""]
    if pages:
        lines += ["### Pages", "", "| page | citation coverage | notes | figures supported | names supported "
                  "| quotations matching a recorded excerpt | errors | warnings |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        lines += [_page_row(p, report.before.pages.get(p), report.after.pages[p], report) for p in pages]
        lines.append("")
        order = [line for line in (parity_line(report, p) for p in pages) if line]
        if order:
            lines += ["Parity between the languages:", ""] + [f"- {line}" for line in order] + [""]
    if report.findings:
        lines += [f"### Findings on the changed files ({len(report.findings)})", "", "```"]
        lines += [f.text() for f in report.findings] + ["```", ""]
    stale = report.stale_translations()
    if stale:
        lines += ["### Translations this change makes stale", ""]
        lines += [f"- `docs/zh/{rel}`: the English page changed; `python -m scripts translations --diff` shows "
                  f"how, then `python -m scripts translations --mark docs/zh/{rel}` once it is updated" for rel in stale]
        lines.append("")
    sources = report.new_sources()
    if sources:
        lines += ["### New sources", "", "| source | archived copy |", "| --- | --- |"]
        for key, info in sources:
            archived = "yes" if info["archived"] else \
                f"none yet: `python -m scripts check-online --fix --source {key}` finds one"
            lines.append(f"| `{key}` (`{info['path']}`) | {archived} |")
        lines.append("")
    terms = report.new_terms()
    if terms:
        lines += ["### New glossary terms", ""] + [f"- {term}" for term in terms] + [""]
    lines += _online_section(report)
    return "\n".join(lines).rstrip() + "\n"


def _online_section(report: Report) -> list[str]:
    online, urls = report.online, report.new_urls()
    if not online.ran:
        return ["### URLs added or changed", "", f"{len(urls)} URL(s); not checked online in this run "
                "(`--online` checks them).", ""] if urls else []
    lines = ["### Online check of the URLs added or changed", ""]
    if not urls:
        return lines + ["No URL added or changed.", ""]
    if online.timed_out:
        return lines + [f"Stopped after {ONLINE_TIME_LIMIT} s: not judged.", ""]
    if online.offline:
        return lines + ["The network was unreachable: nothing was checked.", ""]
    lines += ["| URL | verdict | result |", "| --- | --- | --- |"]
    for result in sorted(online.results, key=lambda r: r["url"]):
        lines.append(f"| {result['url']} | {result['verdict']} | {result.get('summary') or ''} |")
    lines += ["", "*dead*: answered 404 or 410 (fails the report); *failing*: no answer this time; "
              "*blocked*: the site turns robots away (never a failure).", ""]
    return lines


def build(root: Path, base: str, online: bool = False) -> Report:
    """The report on the working tree at `root` against the revision `base`."""
    from scripts.review.snapshot import changed_files, take, tree_at

    changed = changed_files(root, base)
    with tree_at(root, base) as folder:
        before = take(Path(folder), with_findings=False)
    after = take(root)
    report = Report(base, changed, before, after)
    if online:
        report.online = check_online(report.new_urls(), root)
    return report
