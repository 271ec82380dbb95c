"""Data exports: sources as CSL-JSON, timeline and glossary as JSON, valid against their published
schemas, complete, and described (and linked) on the Data exports page."""

from __future__ import annotations

import json

import jsonschema
import pytest

from scripts.citations.registry import load_registry
from tests.reader.helpers import PREFIXES, resolve
from tests.sitebuild import ROOT

FILES = {"sources.csl.json": "sources.schema.json", "timeline.json": "timeline.schema.json",
         "glossary.json": "glossary.schema.json", "claims.json": "claims.schema.json"}


def load(built_site, name: str):
    return json.loads((built_site.site_dir / "data" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FILES)
def test_exports_are_valid_against_their_published_schemas(built_site, name):
    schema = load(built_site, f"schema/{FILES[name]}")
    assert schema == json.loads((ROOT / "data" / "schemas" / FILES[name]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(load(built_site, name))]
    assert errors == []


def test_exports_hold_every_record(built_site):
    registry = load_registry(ROOT / "data" / "sources", ROOT)
    sources = load(built_site, "sources.csl.json")
    assert [s["id"] for s in sources] == sorted(registry.sources)
    assert all(s["title"] == registry[s["id"]].title and s.get("URL", "") == registry[s["id"]].url for s in sources)
    events = load(built_site, "timeline.json")["events"]
    assert {e["id"] for e in events} == {p.stem for p in (ROOT / "data" / "timeline").glob("*.yml")}
    terms = load(built_site, "glossary.json")["terms"]
    assert {t["id"] for t in terms} == {p.stem for p in (ROOT / "data" / "glossary").glob("*.yml")}
    claims = load(built_site, "claims.json")["claims"]
    assert {c["id"] for c in claims} == {p.stem for p in (ROOT / "data" / "claims").glob("*.yml")}
    cited = {key for record in events + terms + claims for key in record["sources"]}
    assert cited <= set(registry.sources)


def test_export_links_lead_to_existing_sections(built_site, pages):
    records = (load(built_site, "timeline.json")["events"] + load(built_site, "glossary.json")["terms"]
               + load(built_site, "claims.json")["claims"])
    for record in records:
        for field in ("url", "page"):
            for url in (record.get(field) or {}).values():
                file, fragment = resolve("", url, built_site.base_url)
                assert file in pages and pages[file].find(id=fragment) is not None, url


def test_exports_page_links_every_file_and_schema(pages, built_site):
    for prefix in PREFIXES:
        path = f"{prefix}exports/index.html"
        links = [resolve(path, a["href"], built_site.base_url)[0]
                 for a in pages[path].select("table.data-exports a[href]")]
        expected = {f"data/{n}" for n in FILES} | {f"data/schema/{s}" for s in FILES.values()}
        assert set(links) == expected
        assert all((built_site.site_dir / link).is_file() for link in links)
        assert {h["id"] for h in pages[path].select("article h2[id]")} >= {"sources", "timeline", "glossary", "schema"}
