"""Importing real exports (tests/fixtures/import/, see its README) in CSL-JSON, BibTeX and RIS: the ids,
languages, kept keys and reported fields; a broken URL refused; nothing overwritten."""

from __future__ import annotations

import pytest
import yaml

from scripts.citations.registry import load_registry, load_source
from scripts.citations.source_import import language_of_title, make_id, normal_language, run_import
from scripts.cli import main
from tests.citations.project import IMPORT_FIXTURES as FIXTURES
from tests.citations.project import make_project


def imported(settings) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(settings.sources_dir.glob("*.yml"))}


def test_better_bibtex_csl_json_keeps_keys_transliterates_ids_and_reports_fields(tmp_path, capsys):
    settings = make_project(tmp_path)
    assert run_import(FIXTURES / "zotxt-better-bibtex.json", settings, tier="analysis") == 0
    out = capsys.readouterr().out
    sources = imported(settings)
    assert {stem: data["citation-key"] for stem, data in sources.items()} == {
        "diaz-leon-2013-what": "díaz-león:2013what", "diaz-leon-2015-defence": "díaz-león:2015defence",
        "diaz-leon-2016-woman": "díaz-león:2016woman", "dotson-2016-word": "dotson:2016word"}
    what = sources["diaz-leon-2013-what"]
    assert what["ISSN"] == "1468-0378" and what["DOI"] == "10.1111/ejop.12033"
    assert what["issued"] == "2013-05-01" and what["accessed"] == "2015-11-14"  # string date-parts
    assert what["author"] == [{"family": "Díaz-León", "given": "Esa"}] and what["language"] == "en"
    assert sources["diaz-leon-2015-defence"]["language"] == "en"  # none in the export: from the title's script
    assert "language 'en' guessed from the title's script" in out
    assert "fields not imported (no place for them in the registry): abstract, container-title-short, source" in out
    source, findings = load_source(settings.sources_dir / "diaz-leon-2013-what.yml", tmp_path)
    assert {f.code for f in findings} == {"no-excerpt", "no-archive"}  # what a person must still add
    assert load_registry(settings.sources_dir, tmp_path).resolve("díaz-león:2013what") == "diaz-leon-2013-what"


@pytest.mark.parametrize("name", ["zotxt-zotero.bib", "zotxt-zotero.ris"])
def test_zotero_bibtex_and_ris_are_converted_by_pandoc(tmp_path, capsys, name):
    settings = make_project(tmp_path)
    assert run_import(FIXTURES / name, settings, tier="analysis") == 0
    captured = capsys.readouterr()
    sources = imported(settings)
    assert sorted(sources) == ["crenshaw-1989-demarginalizing-intersection-race",
                               "diaz-leon-2015-what-social-construction"]
    construction = sources["diaz-leon-2015-what-social-construction"]
    assert construction["citation-key"] == "diaz-leon2015WhatSocialConstruction"
    assert construction["ISSN"] == "1468-0378" and construction["language"] == "en"
    assert construction["author"] == [{"family": "Díaz-León", "given": "Esa"}]
    assert "fields not imported (no place for them in the registry): abstract" in captured.out
    # What pandoc drops is read from the export: the access date and language taken back, the rest named.
    assert construction["accessed"] == "2015-11-14"
    assert captured.out.count("guessed from the title's script") == 1   # Crenshaw's: her entry has no language
    lost = "copyright" if name.endswith(".bib") else "DP, J2"
    assert f"fields of the {'BibTeX' if name.endswith('.bib') else 'RIS'} entry that pandoc does not convert: " \
           f"{lost}" in captured.out


@pytest.mark.parametrize("name, article, report", [
    ("ours.json", "sun-yongge-2017-zhongguo-canyu-duo", "wangsibei-2022-gongtong-xieshou"),
    ("ours.bib", "sun-2017-zhong-guo-can-yu", "wang-2022-gong-tong-xie-shou"),
    ("ours.ris", "sun-2017-zhong-guo-can-yu", "wang-2022-gong-tong-xie-shou"),
])
def test_chinese_items_get_pinyin_ids_and_languages_and_a_broken_url_is_refused(tmp_path, capsys, name, article, report):
    settings = make_project(tmp_path)
    assert run_import(FIXTURES / name, settings, tier="analysis") == 1
    captured = capsys.readouterr()
    sources = imported(settings)
    assert sorted(sources) == sorted([article, report])   # the web page with the broken URL is not written
    assert sources[article]["language"] == "zh-Hans" and "guessed from the title's script" in captured.out
    assert sources[report]["language"] == "zh-Hans"       # zh-CN in the export
    assert sources[article]["author"][0] == {"family": "孙", "given": "永革"}
    assert sources[article]["accessed"] == "2026-11-29"   # from RIS's Y2, which pandoc drops, too
    [refused] = [line for line in captured.err.splitlines() if "error:" in line]
    assert refused.startswith(f"{FIXTURES / name}: item 3 [chinadaily2015HotWords] “网络空间命运共同体 (wangluo")
    assert "”: error: URL 'not a url' is not an absolute http(s) URL" in refused
    if name == "ours.json":
        assert "fields not imported (no place for them in the registry): archive_location" in captured.out
        assert "citation-key" not in sources[article]   # a Zotero URI names no item: not kept
        assert sources[report]["citation-key"] == "王思北2022共同携手"


def test_ids_from_author_year_and_title_when_the_key_is_no_name():
    item = {"author": [{"family": "李", "given": "明"}], "issued": {"date-parts": [[2020]]},
            "title": "网络空间命运共同体的理论与实践"}
    assert make_id("http://zotero.org/users/local/x/items/ABCD1234", item) == "li-ming-2020-wangluokongjian-mingyun-gongtongti"
    assert make_id("12", {"author": [{"literal": "Freedom House"}], "title": "Freedom on the Net"}) == \
        "freedom-house-freedom-on-the"
    assert make_id("díaz-león:2013what", {}) == "diaz-leon-2013-what"


def test_languages_are_normalised_or_read_from_the_title_script():
    assert {tag: normal_language(tag) for tag in ("zh", "zh-CN", "zh-SG", "zh-TW", "zh-HK", "en-US")} == {
        "zh": "zh-Hans", "zh-CN": "zh-Hans", "zh-SG": "zh-Hans", "zh-TW": "zh-Hant", "zh-HK": "zh-Hant",
        "en-US": "en-US"}
    assert language_of_title("習近平出席第二屆世界互聯網大會開幕式併發表主旨演講") == "zh-Hant"
    assert language_of_title("习近平出席第二届世界互联网大会开幕式并发表主旨演讲") == "zh-Hans"
    assert language_of_title("What Is Social Construction?") == "en"
    assert language_of_title("Что такое") is None


def test_a_taken_id_gets_a_suffix_an_imported_key_is_skipped_and_nothing_is_overwritten(tmp_path, capsys):
    settings = make_project(tmp_path)
    taken = settings.sources_dir / "diaz-leon-2013-what.yml"
    taken.write_text("id: diaz-leon-2013-what\n", encoding="utf-8")
    assert run_import(FIXTURES / "zotxt-better-bibtex.json", settings, tier="analysis") == 0
    assert taken.read_text(encoding="utf-8") == "id: diaz-leon-2013-what\n"
    moved = yaml.safe_load((settings.sources_dir / "diaz-leon-2013-what-2.yml").read_text(encoding="utf-8"))
    assert moved["id"] == "diaz-leon-2013-what-2" and moved["citation-key"] == "díaz-león:2013what"
    assert "the id 'diaz-leon-2013-what' is taken: written as 'diaz-leon-2013-what-2'" in capsys.readouterr().out
    assert run_import(FIXTURES / "zotxt-better-bibtex.json", settings, tier="analysis") == 1
    err = capsys.readouterr().err
    assert "item 1 [díaz-león:2013what] “What Is Social Construction?”: skipped: already imported as " \
           "'diaz-leon-2013-what-2' (the same key); nothing overwritten" in err
    assert len(list(settings.sources_dir.glob("*.yml"))) == 5


def test_import_and_its_old_name_import_csl_run_from_the_command_line(tmp_path, capsys):
    make_project(tmp_path)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(FIXTURES / "zotxt-zotero.ris"), "--dry-run"]) == 0
    assert "would write" in capsys.readouterr().out
    assert main(["--root", str(tmp_path), "import-csl", str(FIXTURES / "zotxt-better-bibtex.json"), "--dry-run"]) == 0
    assert not list((tmp_path / "data" / "sources").glob("*.yml"))


def test_bad_input_names_file_line_and_column_or_the_format(tmp_path, capsys):
    settings = make_project(tmp_path)
    export = tmp_path / "export.json"
    export.write_text('[{"id": "x",\n  "title": }]', encoding="utf-8")
    assert run_import(export, settings) == 2
    assert f"{export}:2:12: error: not valid JSON" in capsys.readouterr().err
    unknown = tmp_path / "export.txt"
    unknown.write_text("", encoding="utf-8")
    assert run_import(unknown, settings) == 2
    assert "cannot tell the format from the extension '.txt'" in capsys.readouterr().err


def test_unknown_types_and_unreadable_dates_are_reported(tmp_path, capsys):
    settings = make_project(tmp_path)
    export = tmp_path / "export.json"
    export.write_text('[{"id": "odd", "type": "motion_picture", "title": "A film", "issued": {"literal": "sometime"}}]',
                      encoding="utf-8")
    assert run_import(export, settings) == 0
    out = capsys.readouterr().out
    assert "type 'motion_picture' has no equivalent here" in out
    assert "could not read the date in 'issued': {\"literal\": \"sometime\"}" in out
    assert "set 'tier'" in out


def test_an_imported_item_is_known_by_its_key_or_its_url(tmp_path, capsys):
    settings = make_project(tmp_path)
    assert run_import(FIXTURES / "ours.json", settings, tier="analysis") == 1
    capsys.readouterr()
    assert run_import(FIXTURES / "ours.json", settings, tier="analysis") == 1
    err = capsys.readouterr().err
    assert "item 1 [http://zotero.org/users/local/Ne7kPq2v/items/4GZ7B2QD] “中国参与“多利益相关方”的治理实践及收获”: " \
           "skipped: already imported as 'sun-yongge-2017-zhongguo-canyu-duo' (the same URL)" in err
    assert "item 2 [王思北2022共同携手] “共同携手,让互联网发展成果更好造福全人类”: skipped: already imported as " \
           "'wangsibei-2022-gongtong-xieshou' (the same key)" in err
    assert len(list(settings.sources_dir.glob("*.yml"))) == 2
