"""The online checker's reports: findings (for text and GitHub annotations, via scripts.findings),
a summary table, a JSON report and a Markdown report (the body of the weekly issue)."""

from __future__ import annotations

import json
from collections import Counter

from scripts.findings import ERROR, WARNING, Finding
from scripts.linkcheck.check import ArchiveSuggestion, Result, Run

ORDER = ("dead", "drift", "failing", "unverified", "blocked", "ok")
TITLES = {
    "dead": "Dead links",
    "drift": "Content drift: alive, but a recorded excerpt is gone",
    "failing": "Failing (not yet dead: failures on too few days)",
    "unverified": "Alive, excerpts not verified",
    "blocked": "Blocked (the site turns robots away; not a verdict on the link)",
}
KIND_WORDS = {"source": "URL", "archive": "archive-url", "link": "link"}
ISSUE_LIMIT = 60_000   # GitHub refuses issue bodies over 65,536 characters


def _state(result: Result) -> str:
    if result.verdict in ("failing", "dead") and result.failure_days:
        return f"{result.summary}; failed on {result.failure_days} day(s) since {result.first_failure}"
    return result.summary


def findings(run: Run, dead_after: int) -> list[Finding]:
    """One finding per use of a problem URL, at the line that holds it (excerpt line for drift)."""
    out: list[Finding] = []
    for result in run.results:
        for use in result.uses:
            what = KIND_WORDS[use.kind]
            if result.verdict == "dead":
                out.append(Finding(use.path, use.line, use.col, "dead-link",
                                   f"{what} {result.url} is dead ({_state(result)}); replace it or point to an "
                                   "archived copy", ERROR))
            elif result.verdict == "failing":
                out.append(Finding(use.path, use.line, use.col, "link-failing",
                                   f"{what} {result.url} failed ({_state(result)}); it is declared dead after "
                                   f"failing on {dead_after} different days", WARNING))
            elif result.verdict == "blocked":
                out.append(Finding(use.path, use.line, use.col, "link-blocked",
                                   f"{what} {result.url} refuses automated checks ({result.summary}); check it by "
                                   "hand in a browser", WARNING))
            elif result.verdict == "unverified" and use.kind != "link":
                out.append(Finding(use.path, use.line, use.col, "excerpt-unverified",
                                   f"{what} {result.url}: {result.note}", WARNING))
            if result.tls_problem:
                out.append(Finding(use.path, use.line, use.col, "tls-certificate",
                                   f"{what} {result.url}: the TLS certificate does not verify "
                                   f"({result.tls_problem}); the verdict was reached without verifying it",
                                   WARNING))
            if result.suggested_url and use.kind != "archive":
                out.append(Finding(use.path, use.line, use.col, "link-moved",
                                   f"{what} {result.url} redirects permanently to {result.suggested_url}; "
                                   "update the URL", WARNING))
        if result.verdict == "drift":
            for ref in result.missing:
                kinds = {u.kind for u in result.uses if u.source_id == ref.source_id}
                where = " and ".join(KIND_WORDS[k] for k in sorted(kinds)) or "URL"
                out.append(Finding(ref.path, ref.excerpt.line, 1, "content-drift",
                                   f"excerpt not found at the {where} {result.url} (page answers "
                                   f"{result.summary}): “{_short(ref.text)}”; the page was rewritten or is a "
                                   "soft 404: check it, and cite the archived copy if it changed", ERROR))
    for suggestion in run.suggestions:
        out.extend(_suggestion_findings(suggestion))
    return sorted(set(out))


def _suggestion_findings(s: ArchiveSuggestion) -> list[Finding]:
    if s.problem:
        return [Finding(s.path, s.line, 1, "archive-lookup", f"{s.problem} ({s.reason})", WARNING)]
    if not s.snapshot:
        return [Finding(s.path, s.line, 1, "no-snapshot", f"{s.reason}, and the Wayback Machine has no "
                        "snapshot of it; save one by hand if the page is still alive", WARNING)]
    if s.current == s.snapshot:
        return []
    verb = "replace the archive-url with" if s.current else "add archive-url:"
    return [Finding(s.path, s.line, 1, "archive-available",
                    f"{s.reason}; {verb} {s.snapshot} (run with --fix{' --force' if s.current else ''})", WARNING)]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def counts(run: Run) -> Counter:
    return Counter(r.verdict for r in run.results)


def headline(run: Run) -> str:
    c = counts(run)
    kinds = Counter(k for r in run.results for k in {u.kind for u in r.uses})
    parts = ", ".join(f"{kinds[k]} {w}" for k, w in (("source", "source URLs"), ("archive", "archived copies"),
                                                          ("link", "page links")) if kinds[k])
    cached = sum(r.cached for r in run.results)
    verdicts = ", ".join(f"{c[v]} {v}" for v in ORDER if c[v])
    return (f"{len(run.results)} URLs ({parts or 'none'}) checked in {run.elapsed:.1f} s, "
            f"{run.requests} requests, {cached} from cache: {verdicts or 'nothing to check'}")


def table(run: Run) -> str:
    """A plain-text summary: counts per verdict, then one row per problem URL."""
    c = counts(run)
    lines = [headline(run), "", f"{'verdict':<11}{'URLs':>6}"]
    lines += [f"{v:<11}{c[v]:>6}" for v in ORDER]
    moved = [r for r in run.results if r.suggested_url]
    lines.append(f"{'moved':<11}{len(moved):>6}   (permanent redirects: URL updates suggested)")
    problems = sorted((r for r in run.results if r.verdict in TITLES), key=lambda r: (ORDER.index(r.verdict), r.url))
    if problems:
        lines += ["", f"{'verdict':<11}{'result':<34}URL  (where)"]
        for r in problems:
            where = ", ".join(f"{u.path}:{u.line}" for u in r.uses[:2]) + (" …" if len(r.uses) > 2 else "")
            lines.append(f"{r.verdict:<11}{_short(r.summary, 32):<34}{r.url}  ({where})")
    return "\n".join(lines)


def to_json(run: Run, dead_after: int) -> str:
    return json.dumps({
        "summary": {"urls": len(run.results), "counts": dict(counts(run)), "requests": run.requests,
                    "elapsed": round(run.elapsed, 3), "offline": run.offline, "dead_after_days": dead_after,
                    "max_in_flight_per_host": max(run.max_in_flight.values(), default=0)},
        "results": [r.to_dict() for r in run.results],
        "archive_suggestions": [vars(s) for s in run.suggestions],
    }, ensure_ascii=False)   # no indent: json's C encoder is used only without one (1,000 results)


def markdown(run: Run, dead_after: int, limit: int = ISSUE_LIMIT) -> str:
    """The Markdown report: a summary, then a table per kind of problem. Cut to `limit` characters
    (GitHub's issue body limit) with a note saying how much was left out."""
    c = counts(run)
    head = ["## Online source check", "", headline(run) + ".", "",
            "| verdict | URLs |", "| --- | ---: |"] + [f"| {v} | {c[v]} |" for v in ORDER]
    head += ["", f"A link is declared dead after failing on {dead_after} different days with no success "
             "in between; until then it is *failing*. *Blocked* means the site refuses automated checks."]
    if run.offline:
        head += ["", "**The network was unreachable: nothing was checked.**"]
    sections: list[list[str]] = []
    for verdict in ORDER[:-1]:
        rows = sorted((r for r in run.results if r.verdict == verdict), key=lambda r: r.url)
        if not rows:
            continue
        body = [f"### {TITLES[verdict]} ({len(rows)})", "", "| URL | result | used in |", "| --- | --- | --- |"]
        for r in rows:
            detail = _state(r) + (f" — {r.note}" if r.note else "")
            if verdict == "drift":
                detail += "; missing: " + "; ".join(f"“{_short(m.text, 60)}” ({m.source_id})" for m in r.missing)
            body.append(f"| {_cell(r.url)} | {_cell(detail)} | {_cell(_where(r))} |")
        sections.append(body)
    moved = sorted((r for r in run.results if r.suggested_url), key=lambda r: r.url)
    if moved:
        body = [f"### Permanent redirects: suggested URL updates ({len(moved)})", "", "| URL | moved to | used in |",
                "| --- | --- | --- |"]
        body += [f"| {_cell(r.url)} | {_cell(r.suggested_url)} | {_cell(_where(r))} |" for r in moved]
        sections.append(body)
    found = [s for s in run.suggestions if s.snapshot and s.snapshot != s.current]
    if found:
        body = [f"### Archived copies found ({len(found)})", "",
                "Written into the registry by `python -m scripts check-online --fix` (`--force` to replace an "
                "existing archive-url).", "", "| source | why | snapshot |", "| --- | --- | --- |"]
        body += [f"| `{s.source_id}` ({s.path}:{s.line}) | {_cell(s.reason)} | {_cell(s.snapshot)} |" for s in found]
        sections.append(body)
    text = "\n".join(head)
    for i, section in enumerate(sections):
        block = "\n\n" + "\n".join(section)
        if len(text) + len(block) > limit:
            kept = []
            for line in section:
                if len(text) + len("\n".join(kept + [line])) + 200 > limit:
                    break
                kept.append(line)
            left = sum(len(s) for s in sections[i:]) - len(kept)
            text += "\n\n" + "\n".join(kept) + f"\n\n*…report cut to fit an issue: about {left} more lines; " \
                                               "see the JSON report in the workflow run's artifacts.*"
            return text + "\n"
        text += block
    return text + "\n"


def _where(result: Result) -> str:
    shown = [f"{u.path}:{u.line}" for u in result.uses[:3]]
    return ", ".join(shown) + (f" and {len(result.uses) - 3} more" if len(result.uses) > 3 else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
