"""`python -m scripts check-online`: check every source URL, archived copy and page link online.

Exit codes: 0 nothing dead or drifted (warnings may remain); 1 a dead link or content drift;
2 bad input or usage (with file and line); 3 the network is unreachable (nothing was judged, the
history was left alone, and the --json / --markdown reports say so).

This module only wires options to scripts.linkcheck's parts; the heavy imports happen in `run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_DEAD, EXIT_USAGE, EXIT_OFFLINE = 0, 1, 2, 3
STATE_FILE = "data/link-state.json"
CACHE_FILE = ".cache/linkcheck/results.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.split("\n\n")[0]
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=["text", "json", "github"], default="text",
                     help="stdout: findings and a summary table; the JSON report; or GitHub annotations")
    out.add_argument("--json", type=Path, metavar="PATH", help="also write the JSON report here")
    out.add_argument("--markdown", type=Path, metavar="PATH", help="also write the Markdown report here")
    out.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="progress bar on stderr (default: when stderr is a terminal)")
    what = parser.add_argument_group("what to check")
    what.add_argument("--source", action="append", metavar="ID", help="only this source (repeatable)")
    what.add_argument("--urls", type=Path, metavar="FILE",
                      help="check the URLs listed in FILE (one a line) instead of the project's")
    fix = parser.add_argument_group("archived copies")
    fix.add_argument("--fix", action="store_true",
                     help="write found archived copies into data/sources/ (atomically; the diff is shown)")
    fix.add_argument("--force", action="store_true", help="with --fix: also replace an existing archive-url")
    fix.add_argument("--no-archive", action="store_true", help="do not ask the Wayback Machine")
    fix.add_argument("--archive-api", default=None, metavar="URL", help="Wayback availability API (for tests)")
    net = parser.add_argument_group("network")
    net.add_argument("--concurrency", type=int, default=32, help="requests in flight in all (32)")
    net.add_argument("--per-host", type=int, default=4, help="requests in flight per host (4)")
    net.add_argument("--connect-timeout", type=float, default=10.0, metavar="S")
    net.add_argument("--read-timeout", type=float, default=20.0, metavar="S")
    net.add_argument("--total-timeout", type=float, default=45.0, metavar="S", help="per request")
    net.add_argument("--retries", type=int, default=3, help="after timeouts, resets, 5xx and 429 (3)")
    net.add_argument("--backoff", type=float, default=1.0, metavar="S", help="first retry delay; doubles (1)")
    net.add_argument("--max-retry-after", type=float, default=120.0, metavar="S",
                     help="longest Retry-After waited for (120)")
    net.add_argument("--max-body", type=int, default=10 * 2**20, metavar="BYTES", help="body size cap (10 MiB)")
    net.add_argument("--probe-url", default=None, metavar="URL",
                     help="asked when nothing else answered, to tell 'offline' from 'all dead'")
    mem = parser.add_argument_group("cache and history")
    mem.add_argument("--cache-ttl", type=float, default=12.0, metavar="HOURS",
                     help="reuse successful results younger than this (12)")
    mem.add_argument("--no-cache", action="store_true")
    mem.add_argument("--state", type=Path, default=None, metavar="PATH",
                     help=f"link-state history ({STATE_FILE})")
    mem.add_argument("--no-record", action="store_true", help="do not update the history")
    mem.add_argument("--import-state", type=Path, metavar="PATH",
                     help="merge another history first (e.g. the last CI run's), newest entry per URL")
    mem.add_argument("--dead-after", type=int, default=3, metavar="DAYS",
                     help="failures on this many different days make a link dead (3)")


def run(args: argparse.Namespace, settings) -> int:
    import asyncio

    from scripts.findings import format_findings
    from scripts.linkcheck import report
    from scripts.linkcheck.check import DEFAULT_PROBE, Options, check_targets
    from scripts.linkcheck.client import Limits
    from scripts.linkcheck.progress import Progress
    from scripts.linkcheck.state import History, ResultCache, StateError
    from scripts.linkcheck.targets import collect, url_list_targets

    root = settings.root
    if args.force and not args.fix:
        return _usage("--force only makes sense with --fix")
    if args.fix and (args.no_archive or args.urls):
        return _usage("--fix needs archive lookups for the project's sources (not --no-archive or --urls)")
    try:
        limits = Limits(concurrency=args.concurrency, per_host=args.per_host, connect_timeout=args.connect_timeout,
                        read_timeout=args.read_timeout, total_timeout=args.total_timeout, retries=args.retries,
                        backoff=args.backoff, max_retry_after=args.max_retry_after, max_body=args.max_body)
    except ValueError as exc:
        return _usage(str(exc))

    if args.urls:
        targets, problems = url_list_targets(args.urls, root)
        registry = None
    else:
        targets, registry, problems = collect(settings, args.source)
    if problems:
        print(format_findings(problems, "github" if args.format == "github" else "text"), file=sys.stderr)
        print(f"error: {len(problems)} problem(s) in the input; fix them first "
              "(python -m scripts check lists every offline problem)", file=sys.stderr)
        return EXIT_USAGE

    record = not args.no_record and not (args.urls and args.state is None)
    try:
        history = History(args.state or root / STATE_FILE, args.dead_after)
        if args.import_state:
            if args.import_state.exists():
                history.merge(History(args.import_state, args.dead_after))
            else:
                print(f"note: {args.import_state} does not exist; nothing imported", file=sys.stderr)
    except (StateError, ValueError) as exc:
        return _usage(str(exc))
    cache = None if args.no_cache else ResultCache(root / CACHE_FILE, args.cache_ttl * 3600)

    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    progress = Progress(len(targets)) if show_progress and targets else None
    options = Options(limits=limits, cache=cache, history=history, record=record,
                      probe_url=DEFAULT_PROBE if args.probe_url is None else args.probe_url,
                      lookup_archives=not args.no_archive, root=root, progress=progress)
    if args.archive_api:
        options.archive_api = args.archive_api
    sources = list(registry.sources.values()) if registry and not args.urls else None
    if sources and args.source:
        sources = [s for s in sources if s.id in args.source]
    try:
        run_ = asyncio.run(check_targets(list(targets.values()), options, sources))
    except KeyboardInterrupt:
        return 130
    finally:
        if progress:
            progress.close()

    if run_.offline:
        # The reports are written all the same, saying so: an old report left in place would be
        # taken for this run's.
        _write_reports(args, run_)
        print(f"error: the network is unreachable: no request reached a server (nor the probe "
              f"{run_.probe or '(none)'}); nothing was judged and the history was not changed", file=sys.stderr)
        return EXIT_OFFLINE
    if record:
        if not args.urls and not args.source:
            history.prune(set(targets))
        history.save()
    if cache is not None:
        cache.save()

    findings = report.findings(run_, args.dead_after)
    _write_reports(args, run_)
    if args.format == "json":
        print(report.to_json(run_, args.dead_after))
    elif args.format == "github":
        if findings:
            print(format_findings(findings, "github"))
        print(report.table(run_), file=sys.stderr)
    else:
        if findings:
            print(format_findings(findings, "text"))
            print()
        print(report.table(run_))

    code = EXIT_DEAD if any(r.verdict in ("dead", "drift") for r in run_.results) else EXIT_OK
    if args.fix:
        fix_code = _fix(run_, args.force, root, sys.stderr if args.format == "json" else sys.stdout)
        code = fix_code if code == EXIT_OK else code
    return code


def _fix(run_, force: bool, root: Path, out) -> int:
    """Write the archived copies found; each diff goes to `out` (stderr when stdout carries JSON)."""
    from scripts.linkcheck.fix import FixError, apply, plan

    failed = 0
    written = 0
    for suggestion in run_.suggestions:
        path = root / suggestion.path
        try:
            edit = plan(path, suggestion, force)
        except (FixError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if edit is None:
            if suggestion.snapshot and suggestion.current and suggestion.snapshot != suggestion.current:
                print(f"{suggestion.path}:{suggestion.line}: kept the existing archive-url "
                      f"(use --force to replace it with {suggestion.snapshot})", file=sys.stderr)
            continue
        print(edit.diff(suggestion.path), end="", file=out)
        apply(edit)
        written += 1
    print(f"--fix: {written} file(s) written", file=sys.stderr)
    return EXIT_USAGE if failed else EXIT_OK


def _write_reports(args: argparse.Namespace, run_) -> None:
    from scripts.linkcheck import report

    if args.json:
        _write(args.json, report.to_json(run_, args.dead_after))
    if args.markdown:
        _write(args.markdown, report.markdown(run_, args.dead_after))


def _write(path: Path, text: str) -> None:
    from scripts.atomic import write_text

    write_text(path, text if text.endswith("\n") else text + "\n")


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE

