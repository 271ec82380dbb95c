"""One command line for the project's tools: `python -m scripts <command>`.

  check        offline checks of citations and sources (exit 0 clean, 1 findings, 2 usage/config error)
  import-csl   import a CSL-JSON export (e.g. from Zotero) into data/sources/
  translations list missing, stale and current Chinese translations (--diff, --mark FILE)
  check-online check source URLs, archived copies and page links online (exit 0 clean, 1 dead or
               drifted, 2 usage/input error, 3 network unreachable)
  urls         compare a built site with the record of published URLs (--update adds new ones)
  bench NAME   run a benchmark and print its figures (citations, links, build, lighthouse, weight;
               options after the name, e.g. `bench build --sizes 100 300`)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.findings import ERROR, format_findings, summary
from scripts.project import settings as load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None, help="project root (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="offline checks of citations and sources")
    check.add_argument("--format", choices=["text", "json", "github"], default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too")

    imp = commands.add_parser("import-csl", help="import a CSL-JSON file into data/sources/")
    imp.add_argument("file", type=Path)
    imp.add_argument("--tier", help="tier for every imported source (else set it by hand afterwards)")
    imp.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")

    trans = commands.add_parser("translations", help="list missing, stale and current Chinese translations")
    trans.add_argument("--diff", action="store_true", help="show what changed in each stale English page")
    trans.add_argument("--mark", nargs="+", type=Path, metavar="FILE",
                       help="record the current English revision in these Chinese pages (after updating them)")

    urls = commands.add_parser("urls", help="compare a built site with data/published-urls.txt")
    urls.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site/)")
    urls.add_argument("--update", action="store_true", help="add the site's new URLs to the record")

    bench = commands.add_parser("bench", help="run a benchmark and print its figures")
    bench.add_argument("name", choices=["citations", "links", "build", "lighthouse", "weight"])
    bench.add_argument("options", nargs=argparse.REMAINDER, help="passed to the benchmark (build, lighthouse)")

    from scripts.linkcheck.cli import add_arguments as add_online_arguments
    add_online_arguments(commands.add_parser("check-online", help="online checks of source URLs, "
                                             "archived copies and page links"))

    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    try:
        settings = load_settings(args.root.resolve()) if args.root else load_settings()
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        return run_check(settings, args.format, args.strict)
    if args.command == "import-csl":
        from scripts.citations.csl_import import run_import
        return run_import(args.file, settings, tier=args.tier, dry_run=args.dry_run)
    if args.command == "check-online":
        from scripts.linkcheck.cli import run as run_online
        return run_online(args, settings)
    if args.command == "translations":
        return run_translations(settings, args.diff, args.mark)
    if args.command == "urls":
        return run_urls(settings, args.site, args.update)
    if args.command == "bench" and args.name in ("build", "lighthouse", "weight"):
        from scripts.bench import build_scaling, lighthouse, weight
        if args.name == "weight":
            return weight.main()
        return (build_scaling if args.name == "build" else lighthouse).main(args.options)
    if args.command == "bench" and args.name == "links":
        from scripts.linkcheck import bench as links_bench
        return links_bench.main()
    if args.command == "bench":
        from scripts.bench import citations
        return citations.main()
    return 2


def run_check(settings, fmt: str, strict: bool) -> int:
    from scripts.checks import run_all

    findings = run_all(settings)
    output = format_findings(findings, fmt)
    if output:
        print(output)
    if fmt == "text":
        from scripts.citations.figures import count

        print(f"{summary(findings)}; checked {count(settings).summary()}", file=sys.stderr)
    failing = [f for f in findings if f.severity == ERROR or strict]
    return 1 if failing else 0


def run_translations(settings, show_diff: bool, mark: list[Path] | None) -> int:
    from scripts import translation_status as ts

    if mark:
        for file in mark:
            try:
                print(ts.mark(settings.docs_dir, file) or f"{file}: already records the current English revision")
            except (ValueError, OSError) as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
        return 0
    all_statuses = ts.statuses(settings.docs_dir)
    width = max(len(s.rel) for s in all_statuses)
    for status in all_statuses:
        print(f"{status.rel:<{width}}  {status.state}")
        if show_diff and status.state == ts.STALE:
            print(ts.english_diff(settings.docs_dir, status))
    counts = {state: sum(s.state == state for s in all_statuses) for state in (ts.CURRENT, ts.STALE, ts.UNTRACKED, ts.MISSING)}
    print(", ".join(f"{n} {state}" for state, n in counts.items()), file=sys.stderr)
    return 0


def run_urls(settings, site: Path, update: bool) -> int:
    from scripts.reader import urls

    site = site if site.is_absolute() else settings.root / site
    if not (site / "index.html").exists():
        print(f"error: no built site in {site}; run `make build` first", file=sys.stderr)
        return 2
    recorded = urls.read_record(settings.root)
    result = urls.compare(recorded, urls.built_urls(site), urls.redirects(site))
    for url in result.missing:
        print(f"{urls.RECORD}: /{url} is no longer published: restore it or redirect it (redirect_maps in mkdocs.yml)")
    if update and result.unrecorded:
        urls.write_record(settings.root, recorded + result.unrecorded)
        print(f"{urls.RECORD}: added {len(result.unrecorded)} URL(s)", file=sys.stderr)
    else:
        for url in result.unrecorded:
            print(f"{urls.RECORD}: /{url} is published but not recorded (run with --update)")
    return 1 if result.missing or (result.unrecorded and not update) else 0
