"""The registry reports every malformed source with its file and line."""

from __future__ import annotations

from scripts.citations.registry import load_registry
from tests.citations.project import NEWSPAPER_ZH, REPORT_EN, make_project


def findings_for(tmp_path, **sources):
    settings = make_project(tmp_path, sources=sources)
    registry = load_registry(settings.sources_dir, settings.root)
    return registry, registry.findings


def codes(findings):
    return sorted(f.code for f in findings)


def test_valid_sources_load_without_findings(tmp_path):
    registry, findings = findings_for(tmp_path, **{"xinhua-keynote": NEWSPAPER_ZH, "fh-2018": REPORT_EN})
    assert findings == []
    assert registry["fh-2018"].authors[0].family == "Shahbaz"
    assert registry["xinhua-keynote"].excerpts[0].locator == "para. 1"


def test_malformed_yaml_names_file_and_line(tmp_path):
    _, findings = findings_for(tmp_path, bad="id: bad\ntitle: [unclosed\ntype: webpage\n")
    assert codes(findings) == ["bad-yaml"]
    assert findings[0].path == "data/sources/bad.yml"
    assert findings[0].line == 3


def test_unknown_type_lists_the_valid_ones(tmp_path):
    _, findings = findings_for(tmp_path, **{"fh-2018": REPORT_EN.replace("type: report", "type: repot")})
    (finding,) = [f for f in findings if f.code == "unknown-type"]
    assert "article-newspaper" in finding.message and "report" in finding.message
    assert finding.line == 2


def test_missing_fields_for_the_type(tmp_path):
    text = REPORT_EN.replace("type: report", "type: article-journal")
    _, findings = findings_for(tmp_path, **{"fh-2018": text})
    assert [f.message for f in findings if f.code == "missing-field"] == ["a article-journal needs 'container-title'"]


def test_malformed_dates_and_urls(tmp_path):
    text = NEWSPAPER_ZH.replace('issued: "2015-12-16"', 'issued: "16 Dec 2015"').replace(
        "URL: https://www.gov.cn", "URL: www.gov.cn")
    _, findings = findings_for(tmp_path, **{"xinhua-keynote": text})
    assert codes(findings) == ["bad-date", "bad-url"]
    assert {f.line for f in findings} == {10, 13}


def test_impossible_date_is_malformed(tmp_path):
    _, findings = findings_for(tmp_path, **{"fh-2018": REPORT_EN.replace('"2018-10"', '"2018-02-30"')})
    assert codes(findings) == ["bad-date"]


def test_web_source_without_archive_is_a_warning(tmp_path):
    text = "\n".join(line for line in REPORT_EN.splitlines() if not line.startswith("archive-url"))
    _, findings = findings_for(tmp_path, **{"fh-2018": text})
    assert [(f.code, f.severity) for f in findings] == [("no-archive", "warning")]


def test_duplicate_ids_and_urls(tmp_path):
    copy = REPORT_EN.replace("id: fh-2018", "id: fh-2018-copy")
    _, findings = findings_for(tmp_path, **{"fh-2018": REPORT_EN, "fh-2018-copy": copy})
    assert codes(findings) == ["duplicate-url"]
    same_id = REPORT_EN.replace("Washington, DC", "Washington")
    _, findings = findings_for(tmp_path / "b", **{"fh-2018": REPORT_EN, "fh-other": same_id})
    assert "duplicate-id" in codes(findings) or "id-mismatch" in codes(findings)


def test_unknown_field_suggests_the_known_one(tmp_path):
    _, findings = findings_for(tmp_path, **{"fh-2018": REPORT_EN.replace("URL:", "url:")})
    unknown = [f for f in findings if f.code == "unknown-field"]
    assert unknown and "did you mean 'URL'" in unknown[0].message


def test_chinese_source_needs_our_title_translation_and_excerpts(tmp_path):
    text = NEWSPAPER_ZH.replace("title-en: Xi Jinping attends the opening of the 2nd World Internet Conference\n", "")
    text = text[: text.index("excerpts:")]
    _, findings = findings_for(tmp_path, **{"xinhua-keynote": text})
    assert codes(findings) == ["missing-field", "no-excerpt"]


def test_a_citation_key_names_its_source_once(tmp_path):
    keyed = REPORT_EN.replace("id: fh-2018\n", "id: fh-2018\ncitation-key: shahbaz:2018freedom\n")
    registry, findings = findings_for(tmp_path, **{"fh-2018": keyed, "xinhua-keynote": NEWSPAPER_ZH})
    assert findings == [] and registry.resolve("shahbaz:2018freedom") == "fh-2018"
    assert "shahbaz:2018freedom" in registry and registry["shahbaz:2018freedom"].id == "fh-2018"
    clash = NEWSPAPER_ZH.replace("id: xinhua-keynote\n", "id: xinhua-keynote\ncitation-key: fh-2018\n")
    registry, findings = findings_for(tmp_path / "b", **{"fh-2018": keyed, "xinhua-keynote": clash})
    assert [(f.path, f.line, f.code) for f in findings] == [("data/sources/xinhua-keynote.yml", 2, "duplicate-key")]
    assert registry.resolve("fh-2018") == "fh-2018"   # an id always names its own source
    spaced = REPORT_EN.replace("id: fh-2018\n", "id: fh-2018\ncitation-key: Shahbaz 2018\n")
    _, findings = findings_for(tmp_path / "c", **{"fh-2018": spaced})
    assert codes(findings) == ["bad-id"] and "cannot be cited as [@key]" in findings[0].message


def test_a_trailing_dot_or_a_bad_character_in_the_host_is_caught_with_file_and_line(tmp_path):
    for n, (bad, says) in enumerate((("https://www.gov.cn./xinwen", "trailing dot after its host name 'www.gov.cn.'"),
                                     ("https://www.gov_cn.x/xinwen", "invalid host name 'www.gov_cn.x'"),
                                     ("https://www..gov.cn/xinwen", "invalid host name"))):
        text = NEWSPAPER_ZH.replace("URL: https://www.gov.cn/xinwen", f"URL: {bad}")
        _, findings = findings_for(tmp_path / str(n), **{"xinhua-keynote": text})
        assert [(f.code, f.line) for f in findings] == [("bad-url", 13)], bad
        assert says in findings[0].message and findings[0].path.endswith("xinhua-keynote.yml")
