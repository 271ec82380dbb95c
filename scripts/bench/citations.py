"""Benchmark of the citation engine: a generated corpus of 500 pages per language with 10,000
citations. Prints the checker's wall time, and the build time with the citation hook against the same
pages built without it (the site's other hooks run in both).

Targets: checker under 2 s; hook overhead under 15 % of build time.
"""

from __future__ import annotations

import os
import resource
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
    """CPU seconds of one `mkdocs build` (less disturbed than wall time by other load on the machine)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
                            cwd=project, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(pages: int = PAGES, citations: int = CITATIONS, repeats: int = 2) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-citations-") as tmp:
        with_hooks = make_corpus(Path(tmp) / "with", pages, citations)
        without = make_corpus(Path(tmp) / "without", pages, citations, hooks="no-citations")
        start = time.perf_counter()
        findings = check(settings(with_hooks))
        checker = time.perf_counter() - start
        errors = [f for f in findings if f.severity == "error"]
        built_with = min(timed_build(with_hooks) for _ in range(repeats))
        built_without = min(timed_build(without) for _ in range(repeats))
    overhead = (built_with - built_without) / built_without
    print(f"corpus: {pages} pages per language, {citations} citations, 100 sources")
    print(f"checker: {checker:.2f} s ({len(findings)} findings, {len(errors)} errors)   target < 2 s")
    print(f"build with the citation hook:    {built_with:.1f} s CPU (best of {repeats})")
    print(f"build without the citation hook: {built_without:.1f} s CPU")
    print(f"citation hook overhead: {overhead:+.1%}   target < 15 %")
    return 0
