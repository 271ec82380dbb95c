"""Importing a CSL-JSON export: what maps, what is reported, and that nothing is overwritten."""

from __future__ import annotations

import json

import yaml

from scripts.citations.csl_import import run_import
from scripts.citations.registry import load_source
from tests.citations.project import make_project

ZOTERO_EXPORT = [
    {
        "id": "segalChinaAlternativeCybergovernance2020",
        "type": "report",
        "title": "China's Alternative Cybergovernance Regime",
        "author": [{"family": "Segal", "given": "Adam"}],
        "publisher": "National Bureau of Asian Research",
        "issued": {"date-parts": [[2020, 3, 13]]},
        "accessed": {"date-parts": [["2026", "11", "29"]]},
        "URL": "https://example.org/report",
        "language": "en",
        "abstract": "Not imported.",
        "archive_location": "Shelf 3",
    },
    {"id": "odd", "type": "motion_picture", "title": "A film", "issued": {"literal": "sometime"}},
]


def test_import_maps_csl_fields_and_reports_the_rest(tmp_path, capsys):
    settings = make_project(tmp_path)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(ZOTERO_EXPORT), encoding="utf-8")
    assert run_import(export, settings, tier="analysis") == 0
    out = capsys.readouterr().out
    written = settings.sources_dir / "segal-china-alternative-cybergovernance-2020.yml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["issued"] == "2020-03-13" and data["accessed"] == "2026-11-29"
    assert data["author"] == [{"family": "Segal", "given": "Adam"}] and data["tier"] == "analysis"
    assert "fields not imported: archive_location" in out
    assert "type 'motion_picture' has no equivalent here" in out
    assert "could not read the date in 'issued'" in out
    source, findings = load_source(written, tmp_path)
    assert {f.code for f in findings} == {"no-excerpt", "no-archive"}  # what a person must still add


def test_import_never_overwrites_an_existing_source(tmp_path, capsys):
    settings = make_project(tmp_path)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(ZOTERO_EXPORT[:1]), encoding="utf-8")
    target = settings.sources_dir / "segal-china-alternative-cybergovernance-2020.yml"
    target.write_text("id: kept\n", encoding="utf-8")
    assert run_import(export, settings, tier="analysis") == 1
    assert target.read_text(encoding="utf-8") == "id: kept\n"
    assert "nothing overwritten" in capsys.readouterr().err


def test_bad_json_names_file_line_and_column(tmp_path, capsys):
    settings = make_project(tmp_path)
    export = tmp_path / "export.json"
    export.write_text('[{"id": "x",\n  "title": }]', encoding="utf-8")
    assert run_import(export, settings) == 2
    assert f"{export}:2:12: error: not valid JSON" in capsys.readouterr().err
