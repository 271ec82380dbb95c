"""Benchmark of the citation engine (issue 3): a generated corpus of 500 pages per language with
10,000 citations. Prints the checker's wall time and the build time with and without our hooks.

Targets: checker under 2 s; hook overhead under 15 % of build time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.bench.corpus import make_corpus
from scripts.citations.checker import check
from scripts.project import settings

PAGES, CITATIONS = 500, 10_000


def timed_build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
                            cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
    return elapsed


def main(pages: int = PAGES, citations: int = CITATIONS, repeats: int = 1) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-citations-") as tmp:
        with_hooks = make_corpus(Path(tmp) / "with", pages, citations)
        without = make_corpus(Path(tmp) / "without", pages, citations, hooks=False)
        start = time.perf_counter()
        findings = check(settings(with_hooks))
        checker = time.perf_counter() - start
        errors = [f for f in findings if f.severity == "error"]
        built_with = min(timed_build(with_hooks) for _ in range(repeats))
        built_without = min(timed_build(without) for _ in range(repeats))
    overhead = (built_with - built_without) / built_without
    print(f"corpus: {pages} pages per language, {citations} citations, 100 sources")
    print(f"checker: {checker:.2f} s ({len(findings)} findings, {len(errors)} errors)   target < 2 s")
    print(f"build with hooks:    {built_with:.1f} s")
    print(f"build without hooks: {built_without:.1f} s")
    print(f"hook overhead: {overhead:+.1%}   target < 15 %")
    return 0
