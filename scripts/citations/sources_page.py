"""Generate the Sources page of one language from the registry: grouped by tier, one entry per
source with a stable anchor (`sources/#<id>`), its excerpts and the pages that cite it."""

from __future__ import annotations

import posixpath

from scripts.citations import styles
from scripts.citations.pages import PageSource
from scripts.citations.registry import TIERS, Registry, Source

MARKER = "<!-- sources-list -->"

TIER_NAMES_ZH = {
    "official": "官方一手资料",
    "state-media": "官方媒体",
    "analysis": "研究分析",
    "news": "新闻报道",
    "ngo": "非政府组织报告",
}
LABELS = {
    "en": {"cited": "Cited on", "uncited": "Not yet cited on any page", "excerpts": "Excerpts we rely on",
           "archived": "Archived copy", "note": "Note"},
    "zh": {"cited": "引用页面", "uncited": "暂无页面引用", "excerpts": "所依据的原文摘录",
           "archived": "存档", "note": "说明"},
}


def _sort_key(source: Source) -> tuple:
    first = source.authors[0].native() if source.authors else (source.get("publisher") or source.title)
    return (first.casefold(), source.issued, source.id)


def sources_markdown(registry: Registry, cited_by: dict[str, list[PageSource]], locale: str,
                     sources_rel: str = "sources.md") -> str:
    labels = LABELS[locale]
    here = posixpath.dirname(sources_rel)
    blocks = []
    for tier, english_name in TIERS.items():
        members = sorted((s for s in registry.sources.values() if s.tier == tier), key=_sort_key)
        if not members:
            continue
        name = TIER_NAMES_ZH[tier] if locale == "zh" else english_name
        blocks.append(f"## {name} {{#tier-{tier}}}\n")
        for source in members:
            blocks.append(_entry(source, cited_by.get(source.id, []), locale, labels, here))
    return "\n".join(blocks)


def _entry(source: Source, pages: list[PageSource], locale: str, labels: dict, here: str) -> str:
    lines = [f'<div class="source-entry" id="{source.id}" markdown>', "", styles.bibliography(source, locale)]
    if source.archive_url:
        lines[-1] += f" {styles.link(source.archive_url, labels['archived'])}"
    lines.append("")
    if source.excerpts:
        quoted = "; ".join(f"“{styles.md(e.text)}” ({styles.md(e.locator)})" for e in source.excerpts)
        lines += [f"{labels['excerpts']}: {quoted}", ""]
    if locale == "en" and source.get("note"):
        lines += [f"{labels['note']}: {styles.md(source.get('note'))}", ""]
    if pages:
        links = ", ".join(f"[{styles.md(p.title)}]({posixpath.relpath(p.rel, here or '.')})" for p in pages)
        lines.append(f"{labels['cited']}: {links}")
    else:
        lines.append(labels["uncited"])
    lines += ["", "</div>", ""]
    return "\n".join(lines)
