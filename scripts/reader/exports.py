"""Data exports published with the site, under /data/: the source registry as CSL-JSON, and the
timeline, glossary and checked claims as JSON, each with a JSON Schema (data/schemas/, published
beside them).
The page "Data exports" (docs/<lang>/exports.md) describes them; its marker gets the file table.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from urllib.parse import urljoin

from scripts.content import claims as claims_module
from scripts.citations.urls import page_dir
from scripts.content.data import cited_keys
from scripts.translation.languages import LANGUAGES

EXPORTS_MARKER = "<!-- data-exports -->"
FOLDER = "data"
SCHEMAS = Path("data/schemas")
FILES = {  # file name -> (schema file, English description, Chinese description)
    "sources.csl.json": ("sources.schema.json", "Every source in the registry, as CSL-JSON",
                         "来源登记表中的全部来源（CSL-JSON格式）"),
    "timeline.json": ("timeline.schema.json", "Every timeline event, in both languages", "全部大事记条目（中英双语）"),
    "glossary.json": ("glossary.schema.json", "Every glossary term, in both languages", "全部术语条目（中英双语）"),
    "claims.json": ("claims.schema.json", "Every claim checked, with its verdict, in both languages",
                    "全部核查的说法及结论（中英双语）"),
}
CSL_FIELDS = ("title", "container-title", "publisher", "publisher-place", "URL", "DOI", "ISBN", "ISSN", "page",
              "volume", "issue", "section", "genre", "edition", "event", "event-place", "title-short",
              "citation-key")
CUSTOM_FIELDS = ("tier", "title-en", "container-title-en", "publisher-en", "original-url", "archive-url", "note")


def _date(value: str) -> dict:
    return {"date-parts": [[int(p) for p in value.split("-")]]}


def _name(name) -> dict:
    if name.literal:
        out = {"literal": name.literal}
    else:
        out = {k: v for k, v in (("family", name.family), ("given", name.given)) if v}
    return out


def source_item(source) -> dict:
    """A registry source as a CSL-JSON item; this project's own fields go under `custom`."""
    item = {"id": source.id, "type": source.type, "language": source.language}
    item.update({key: source.get(key) for key in CSL_FIELDS if source.get(key)})
    if source.authors:
        item["author"] = [_name(n) for n in source.authors]
    if source.issued:
        item["issued"] = _date(source.issued)
    if source.get("accessed"):
        item["accessed"] = _date(source.get("accessed"))
    custom = {key: source.get(key) for key in CUSTOM_FIELDS if source.get(key)}
    custom["excerpts"] = [{"text": e.text, "locator": e.locator} | ({"translation": e.translation} if e.translation else {})
                          for e in source.excerpts]
    item["custom"] = custom
    return item


def sources_csl(registry) -> list[dict]:
    return [source_item(registry[key]) for key in sorted(registry.sources)]


def _texts(entry, key: str) -> dict[str, str]:
    value = entry.data.get(key) or {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def section_urls(site_url: str, page: str) -> dict[str, str]:
    """The absolute URL of a page section in every language: "origin.md#keynote" -> {...}."""
    rel, _, anchor = page.partition("#")
    out = {}
    for lang in LANGUAGES:
        directory = page_dir(rel)
        url = urljoin(site_url, lang.url_prefix + (directory + "/" if directory else ""))
        out[lang.locale] = url + (f"#{anchor}" if anchor else "")
    return out


def timeline_json(entries, site_url: str) -> dict:
    events = []
    for entry in entries:
        texts = {"title": _texts(entry, "title"), "summary": _texts(entry, "summary")}
        keys = sorted({k for text in texts["summary"].values() for k in cited_keys(text)}
                      | {k for text in texts["title"].values() for k in cited_keys(text)})
        event = {"id": entry.id, "date": str(entry.data.get("date")), "region": entry.data.get("region"),
                 "kind": entry.data.get("kind"), "countries": [str(c) for c in entry.data.get("countries") or []],
                 **texts, "sources": keys, "url": section_urls(site_url, f"timeline.md#{entry.id}")}
        if entry.data.get("page"):
            event["page"] = section_urls(site_url, str(entry.data["page"]))
        events.append(event)
    return {"events": events}


def glossary_json(entries, site_url: str) -> dict:
    terms = []
    for entry in entries:
        definition = _texts(entry, "definition")
        translations = [{"text": str(t.get("text", "")), "used": str(t.get("used", "")),
                         "sources": [str(c) for c in t.get("cite") or []]}
                        for t in entry.data.get("translations") or [] if isinstance(t, dict)]
        keys = {k for text in definition.values() for k in cited_keys(text)}
        keys |= {k for t in translations for k in t["sources"]}
        term = {"id": entry.id, "hanzi": str(entry.data.get("hanzi", "")), "pinyin": str(entry.data.get("pinyin", "")),
                "literal": str(entry.data.get("literal", "")), "definition": definition,
                "translations": translations, "avoid": [str(a) for a in entry.data.get("avoid") or []],
                "sources": sorted(keys), "url": section_urls(site_url, f"glossary.md#{entry.id}")}
        if entry.data.get("page"):
            term["page"] = section_urls(site_url, str(entry.data["page"]))
        terms.append(term)
    return {"terms": terms}


def documents(registry, timeline, glossary, claims, site_url: str) -> dict[str, object]:
    return {"sources.csl.json": sources_csl(registry), "timeline.json": timeline_json(timeline, site_url),
            "glossary.json": glossary_json(glossary, site_url),
            "claims.json": claims_module.claims_json(claims, registry, lambda page: section_urls(site_url, page))}


def write(site_dir: Path, root: Path, docs: dict[str, object]) -> None:
    """Write the exports and their schemas into <site>/data/ (and data/schema/)."""
    folder = site_dir / FOLDER
    (folder / "schema").mkdir(parents=True, exist_ok=True)
    for name, doc in docs.items():
        (folder / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for schema, _, _ in FILES.values():
        if (root / SCHEMAS / schema).exists():  # (a stripped copy of the project may have none)
            shutil.copyfile(root / SCHEMAS / schema, folder / "schema" / schema)


def file_table(locale: str, to_root: str, counts: dict[str, int]) -> str:
    """The HTML table of the exports for the page that describes them; `to_root` is the relative
    URL from that page to the site root (e.g. "../" or "../../")."""
    zh = locale == "zh"
    head = ("文件", "内容", "条目数", "结构说明") if zh else ("File", "Contents", "Records", "Schema")
    rows = []
    for name, (schema, english, chinese) in FILES.items():
        href = f"{to_root}{FOLDER}/{name}"
        schema_href = f"{to_root}{FOLDER}/schema/{schema}"
        rows.append(f'<tr><td><a href="{html.escape(href)}" download><code>{name}</code></a></td>'
                    f"<td>{html.escape(chinese if zh else english)}</td><td>{counts.get(name, 0)}</td>"
                    f'<td><a href="{html.escape(schema_href)}"><code>{schema}</code></a></td></tr>')
    header = "".join(f"<th>{h}</th>" for h in head)
    return (f'<table class="data-exports"><thead><tr>{header}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def count(doc) -> int:
    if isinstance(doc, list):
        return len(doc)
    return len(next(iter(doc.values()))) if isinstance(doc, dict) and doc else 0
