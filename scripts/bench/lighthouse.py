"""Lighthouse (npm lighthouse@12.2.3, installed in tools/ by `make tools`) on the home page, the longest
prose page and the Sources page, in both languages, with Lighthouse's default mobile profile
(simulated slow 4G, 4x CPU slowdown) and Debian's chromium.

The site is built for a loopback address and served gzip-compressed, as a static host sends it.
Prints the four category scores and the main timings of each page (the median run with --runs N),
then the audits that cost points. Targets: performance >= 95; accessibility, best practices and SEO
100. Timings on a shared 2-core machine are noisy; sizes and request counts are not.

What moved the performance score of the long pages (A/B, alternating runs on the same machine):
- The first paint showed the header only, and the text a frame later: Lighthouse then puts LCP after
  FCP. Styling and laying out a hundred notes was most of that frame. The notes now sit in a section
  that starts closed, which the browser does not lay out (scripts/citations/render.py).
- Material's content.tooltips mounted a tooltip for every [title] at load (~70 ms of a 4x-slowed
  main thread); reader.js now fills one preview on demand. Its palette component restyled the page
  two or three times per load; palette.js replaces it.
- No effect measurable: Material's feature flags one at a time, font-feature-settings, word-break and
  the font stack. Rejected: content-visibility: auto (Lighthouse's axe then reports false contrast
  failures in the skipped content).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from scripts.bench.site import CHROMIUM, build_and_serve
from scripts.translation.languages import LANGUAGES
from scripts.project import ROOT, settings

LIGHTHOUSE = ROOT / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TIMINGS = [("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"),
           ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS"), ("speed-index", "SI")]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
_EXEMPT = re.compile(r"^coverage:\s*false\s*$", re.MULTILINE)


def pages() -> list[str]:
    """Home, the longest prose page (not exempt from citation coverage) and Sources, per language."""
    docs = settings().docs_dir / "en"
    prose = [p for p in docs.rglob("*.md") if p.name != "index.md" and not _EXEMPT.search(p.read_text(encoding="utf-8")[:2000])]
    longest = max(prose, key=lambda p: p.stat().st_size).relative_to(docs).with_suffix("").as_posix() + "/"
    return [lang.url_prefix + path for lang in LANGUAGES for path in ("", longest, "sources/")]


def run_lighthouse(url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
           f"--only-categories={','.join(CATEGORIES)}",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def summary(report: dict) -> dict:
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    timings = {label: report["audits"][audit]["numericValue"] for audit, label in TIMINGS}
    losses = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                losses.append(f"{category}: {ref['id']} {audit.get('displayValue', '')} (score {audit['score']:.2f})")
    return {"scores": scores, "timings": timings, "losses": losses,
            "benchmark": report["environment"]["benchmarkIndex"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts bench lighthouse")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median performance run is shown")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"error: {LIGHTHOUSE.relative_to(ROOT)} not found: run `make tools`")
        return 2
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found: install Debian's chromium (`make browser`)")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        server, base_url = build_and_serve(Path(tmp) / "site")
        try:
            rows = []
            for path in pages():
                runs = [summary(run_lighthouse(base_url + path)) for _ in range(args.runs)]
                median = statistics.median_low([r["scores"]["performance"] for r in runs])
                rows.append(("/" + path, next(r for r in runs if r["scores"]["performance"] == median)))
        finally:
            server.shutdown()
    print(f"Lighthouse 12.2.3, mobile profile, {args.runs} run(s) per page; "
          f"benchmarkIndex {statistics.median(r['benchmark'] for _, r in rows):.0f}")
    print(f"{'page':28} {'perf':>4} {'a11y':>4} {'b.p.':>4} {'seo':>4}   {'FCP':>6} {'LCP':>6} {'TBT':>6} {'CLS':>6} {'SI':>6}")
    for path, r in rows:
        s, t = r["scores"], r["timings"]
        print(f"{path:28} {s['performance']:>4} {s['accessibility']:>4} {s['best-practices']:>4} {s['seo']:>4}   "
              f"{t['FCP'] / 1000:>5.1f}s {t['LCP'] / 1000:>5.1f}s {t['TBT']:>4.0f}ms {t['CLS']:>6.3f} {t['SI'] / 1000:>5.1f}s")
    print("targets: " + ", ".join(f"{c} >= {v}" for c, v in TARGETS.items()))
    missed = [(path, loss) for path, r in rows for loss in r["losses"]]
    for path, loss in missed:
        print(f"  {path}: {loss}")
    below = [(path, c) for path, r in rows for c, v in TARGETS.items() if r["scores"][c] < v]
    print(f"{len(below)} score(s) below target" if below else "all scores on target")
    return 0
