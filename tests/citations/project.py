"""Build a small throwaway project (sources + pages) for the citation tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scripts.project import Settings

IMPORT_FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"  # real exports; see its README

NEWSPAPER_ZH = """\
id: xinhua-keynote
type: article-newspaper
tier: state-media
title: 习近平出席第二届世界互联网大会开幕式并发表主旨演讲
title-en: Xi Jinping attends the opening of the 2nd World Internet Conference
author:
  - literal: 新华社
    en: Xinhua News Agency
container-title: 中国政府网
issued: "2015-12-16"
accessed: "2026-11-29"
language: zh-Hans
URL: https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm
archive-url: https://web.archive.org/web/20151217000000/https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm
excerpts:
  - text: 各国应该共同构建网络空间命运共同体,推动网络空间互联互通、共享共治
    locator: para. 1
"""

REPORT_EN = """\
id: fh-2018
type: report
tier: ngo
title: "Freedom on the Net 2018: The Rise of Digital Authoritarianism"
author:
  - family: Shahbaz
    given: Adrian
publisher: Freedom House
publisher-place: Washington, DC
issued: "2018-10"
accessed: "2026-11-29"
language: en
URL: https://freedomhouse.org/report/freedom-net/2018/rise-digital-authoritarianism
archive-url: https://web.archive.org/web/20181101000000/https://freedomhouse.org/report/freedom-net/2018/rise-digital-authoritarianism
excerpts:
  - text: Chinese officials held trainings and seminars on new media or information management with representatives from 36 out of the 65 countries assessed.
    locator: Key findings
"""


def make_project(tmp_path: Path, sources: dict[str, str] | None = None,
                 pages: dict[str, str] | None = None, floor: float = 0.95,
                 missing_archive: str = "warning") -> Settings:
    """sources: {file name stem: YAML}; pages: {"en/x.md": Markdown}."""
    sources_dir = tmp_path / "data" / "sources"
    docs_dir = tmp_path / "docs"
    sources_dir.mkdir(parents=True)
    for lang in ("en", "zh"):
        (docs_dir / lang).mkdir(parents=True)
    for stem, text in (sources or {}).items():
        (sources_dir / f"{stem}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    for rel, text in (pages or {}).items():
        (docs_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs_dir / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    return Settings(root=tmp_path, docs_dir=docs_dir, sources_dir=sources_dir,
                    coverage_floor=floor, missing_archive=missing_archive)
