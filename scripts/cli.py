"""One command line for the project's tools: `python -m scripts <command>`.

  check        offline checks of citations and sources (exit 0 clean, 1 findings, 2 usage/config error)
  import       import a CSL-JSON, BibTeX or RIS export (e.g. from Zotero) into data/sources/
               (`import-csl` is an older name for it)
  translations list missing, stale and current Chinese translations (--diff, --mark FILE)
  check-online check source URLs, archived copies and page links online (exit 0 clean, 1 dead or
               drifted, 2 usage/input error, 3 network unreachable)
  urls         compare a built site with the record of published URLs (--update adds new ones)
  bench NAME   run a benchmark and print its figures (citations, links, build, lighthouse, weight, search;
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

    imp = commands.add_parser("import", aliases=["import-csl"],
                              help="import a CSL-JSON, BibTeX or RIS file into data/sources/")
    imp.add_argument("file", type=Path, help="the export: *.json (CSL-JSON), *.bib (BibTeX) or *.ris (RIS)")
    imp.add_argument("--from", dest="fmt", choices=["csljson", "bibtex", "biblatex", "ris"],
                     help="the file's format, when its extension does not say it")
    imp.add_argument("--tier", help="tier for every imported source (else set it by hand afterwards)")
    imp.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")

    trans = commands.add_parser("translations", help="list missing, stale and current Chinese translations")
    trans.add_argument("--diff", action="store_true", help="show what changed in each stale English page")
    trans.add_argument("--mark", nargs="+", type=Path, metavar="FILE",
                       help="record the current English revision in these Chinese pages (after updating them)")

    urls = commands.add_parser("urls", help="compare a built site with data/published-urls.txt")
    urls.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site/)")
    urls.add_argument("--update", action="store_true", help="add the site's new URLs to the record")

    rep = commands.add_parser("report", help="the report on a change against a base revision, as pull "
                              "requests get it (exit 1 when the changed files have errors or a new URL is dead)")
    rep.add_argument("--base", required=True, metavar="REF", help="the revision to compare with (e.g. origin/main)")
    rep.add_argument("--online", action="store_true", help="also check the URLs the change adds, online")
    rep.add_argument("--markdown", type=Path, metavar="PATH", help="also write the report here")

    cards = commands.add_parser("share-cards", help="redraw the committed share cards (data/share-cards/) "
                                "for the texts in mkdocs.yml; needs a CJK font")
    cards.add_argument("--check", action="store_true", help="only say whether they match mkdocs.yml (exit 1 if not)")

    bench = commands.add_parser("bench", help="run a benchmark and print its figures")
    bench.add_argument("name", choices=["citations", "links", "build", "lighthouse", "weight", "search"])
    bench.add_argument("options", nargs=argparse.REMAINDER, help="passed to the benchmark (build, lighthouse, search)")

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
    if args.command in ("import", "import-csl"):
        from scripts.citations.source_import import run_import
        return run_import(args.file, settings, tier=args.tier, dry_run=args.dry_run, fmt=args.fmt)
    if args.command == "check-online":
        from scripts.linkcheck.cli import run as run_online
        return run_online(args, settings)
    if args.command == "translations":
        return run_translations(settings, args.diff, args.mark)
    if args.command == "urls":
        return run_urls(settings, args.site, args.update)
    if args.command == "report":
        return run_report(settings, args.base, args.online, args.markdown)
    if args.command == "share-cards":
        return run_share_cards(settings, args.check)
    if args.command == "bench" and args.name == "search":
        from scripts.bench import search
        return search.main(args.options)
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


def run_report(settings, base: str, online: bool, markdown_path: Path | None) -> int:
    from scripts.atomic import write_text
    from scripts.review import report

    try:
        result = report.build(settings.root, base, online)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = report.markdown(result)
    print(text, end="")
    if markdown_path:
        write_text(markdown_path, text)
    return 1 if result.failed else 0


def run_share_cards(settings, check_only: bool) -> int:
    from scripts.reader import card

    wanted = card.public_texts(settings.root)
    stale = sorted(locale for locale, texts in wanted.items() if card.committed_texts(settings.root).get(locale) != texts)
    if check_only:
        for locale in stale:
            print(f"{card.COMMITTED_DIR / (locale + '.png')}: drawn for other texts than mkdocs.yml's; "
                  "run `python -m scripts share-cards` where a CJK font is installed, and commit the result")
        return 1 if stale else 0
    try:
        for path in card.redraw_committed(settings.root, wanted):
            print(f"wrote {path.relative_to(settings.root)}")
    except card.FontMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def run_check(settings, fmt: str, strict: bool) -> int:
    from scripts.checks.run import run_all

    findings = run_all(settings)
    output = format_findings(findings, fmt)
    if output:
        print(output)
    if fmt == "text":
        from scripts.citations.figures import count
        from scripts.citations.mirrors import summary_line
        from scripts.support.checker import summary_lines
        for line in [*summary_lines(settings), summary_line(settings)]:
            print(line, file=sys.stderr)
        print(f"{summary(findings)}; checked {count(settings).summary()}", file=sys.stderr)
    failing = [f for f in findings if f.severity == ERROR or strict]
    return 1 if failing else 0


def run_translations(settings, show_diff: bool, mark: list[Path] | None) -> int:
    from scripts.translation import status as ts

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
