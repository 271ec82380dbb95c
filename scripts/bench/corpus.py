"""Generate a synthetic copy of the project with N pages per language, each with citations.

Used by the benchmarks: the generated project has the real mkdocs.yml, overrides and scripts, and
optionally no hooks, so the cost of our hooks can be measured against the same pages without them.

Pages are filed as a large documentation site would file them: parts of up to ten chapters of ten
pages (docs/<lang>/part-00/chapter-00/page-0000.md). With a flat list of 1,000 pages every page's
navigation held 1,000 links, and Material's rendering of them (not our hooks) made the build time grow
with the square of the page count; with chapters and `navigation.prune`, a page's navigation holds
the parts, the chapters and its own chapter's pages.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from scripts.project import ROOT

SOURCE = """\
id: bench-{n:04d}
type: article-newspaper
tier: {tier}
title: {title}
title-en: Generated source {n}
author:
  - literal: 新华社
    en: Xinhua News Agency
container-title: 人民日报
issued: "2020-{month:02d}-{day:02d}"
accessed: "2026-11-29"
language: zh-Hans
URL: https://example.org/{n}
archive-url: https://web.archive.org/web/20200101000000/https://example.org/{n}
excerpts:
  - text: 各国应该共同构建网络空间命运共同体{n}
    locator: para. 1
"""
TIERS = ["official", "state-media", "analysis", "news", "ngo"]
EN_SENTENCE = "The concept was discussed at a conference in Wuzhen in year {n} by several delegations"
ZH_SENTENCE = "该理念在第{n}届会议上由多国代表讨论"


HOME = {"en": "# Home\n", "zh": "# 首页\n"}
PAGES_PER_CHAPTER, CHAPTERS_PER_PART = 10, 10


def page_path(i: int) -> str:
    """Where page i is filed, relative to docs/<lang>/."""
    chapter = i // PAGES_PER_CHAPTER
    return f"part-{chapter // CHAPTERS_PER_PART:02d}/chapter-{chapter % CHAPTERS_PER_PART:02d}/page-{i:04d}.md"


def copy_skeleton(target: Path, hooks: bool = True) -> Path:
    """Copy the project without its content: configuration (without the nav, so MkDocs lists whatever
    pages there are), theme overrides, scripts, and the home and Sources pages of each language."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^nav:\n(?:[ -].*\n)+", "", config, flags=re.MULTILINE)
    if hooks == "none":
        config = re.sub(r"^hooks:\n(?:  - .*\n)+", "", config, flags=re.MULTILINE)
    elif hooks == "no-citations":
        config = config.replace("  - scripts/citations/mkdocs_hook.py\n", "")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "data" / "csl", target / "data" / "csl")   # the pinned citation styles
    (target / "data" / "sources").mkdir(parents=True)
    for lang in ("en", "zh"):
        (target / "docs" / lang).mkdir(parents=True)
        shutil.copy(ROOT / "docs" / lang / "sources.md", target / "docs" / lang / "sources.md")
        (target / "docs" / lang / "index.md").write_text(HOME[lang], encoding="utf-8")
    return target


def make_corpus(target: Path, pages_per_language: int, citations_total: int, sources: int = 100,
                hooks: str = "all", seed: int = 1) -> Path:
    """Write the project to `target` and return it. Citations are spread evenly over all pages."""
    rng = random.Random(seed)
    copy_skeleton(target, hooks)
    source_dir = target / "data" / "sources"
    for n in range(sources):
        (source_dir / f"bench-{n:04d}.yml").write_text(SOURCE.format(
            n=n, tier=TIERS[n % len(TIERS)], title=f"生成的来源{n}", month=n % 12 + 1, day=n % 28 + 1), encoding="utf-8")
    per_page = max(1, citations_total // (2 * pages_per_language))
    # The same keys on both versions of a page, as translation parity requires.
    keys = [[f"bench-{rng.randrange(sources):04d}" for _ in range(per_page)] for _ in range(pages_per_language)]
    for lang, sentence, title in (("en", EN_SENTENCE, "Page {i}"), ("zh", ZH_SENTENCE, "页面{i}")):
        docs = target / "docs" / lang
        for i in range(pages_per_language):
            paragraphs = []
            for j in range(per_page):
                key = keys[i][j]
                stop = "." if lang == "en" else "。"
                paragraphs.append(f"{sentence.format(n=i * per_page + j)} [@{key}, para. {j + 1}]{stop}")
            body = "\n\n".join(paragraphs)
            path = docs / page_path(i)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {title.format(i=i)}\n\n{body}\n", encoding="utf-8")
    return target
