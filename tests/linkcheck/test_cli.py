"""`python -m scripts check-online` end to end: a throwaway project whose sources and pages point at
loopback servers, run through the project's CLI. Exit codes, history, cache, reports and --fix."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from scripts.cli import main
from scripts.linkcheck.loopback import closed_port, ok, status
from tests.citations.project import make_project
from tests.linkcheck.conftest import ARTICLE, EXCERPT_EN

pytestmark = pytest.mark.timeout(30)


def source(key: str, url: str, excerpt: str = EXCERPT_EN, archive: str = "") -> str:
    return (f"id: {key}\ntype: webpage\ntier: analysis\ntitle: Page {key}\nissued: \"2018-10\"\n"
            f"accessed: \"2026-11-29\"\nlanguage: en\nURL: {url}\n"
            + (f"archive-url: {archive}\n" if archive else "")
            + f"excerpts:\n  - text: \"{excerpt}\"\n    locator: para. 1\n")


@pytest.fixture
def run(site, wayback, capsys):
    """run(settings, *args) -> (exit code, stdout, stderr)."""
    def go(settings, *args: str, probe: str | None = None):
        argv = ["--root", str(settings.root), "check-online", "--no-progress", "--retries", "0",
                "--probe-url", site.url("/ok") if probe is None else probe,
                "--archive-api", wayback.url("/wayback/available"), *args]
        code = main(argv)
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return go


def state(settings) -> dict:
    return json.loads((settings.root / "data" / "link-state.json").read_text())["links"]


def test_clean_project_exits_0_and_records_history(tmp_path, site, run):
    settings = make_project(tmp_path, {"good": source("good", site.url("/article"),
                                                      archive=site.url("/article?archived"))},
                            {"en/index.md": f"# Home\n\nA [link]({site.url('/ok')}).\n"})
    code, out, err = run(settings, "--json", str(tmp_path / "report.json"), "--markdown", str(tmp_path / "report.md"))
    assert code == 0, out + err
    links = state(settings)
    assert {links[u]["state"] for u in links} == {"ok"} and len(links) == 3
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["summary"]["counts"] == {"ok": 3}
    by_url = {r["url"]: r for r in report["results"]}
    assert by_url[site.url("/article")]["excerpts_checked"] == 1
    assert by_url[site.url("/ok")]["method"] == "HEAD"
    assert "| ok | 3 |" in (tmp_path / "report.md").read_text()


def test_a_dead_link_is_failing_first_and_dead_after_failures_on_several_days(tmp_path, site, run):
    settings = make_project(tmp_path, {"lost": source("lost", site.url("/always-500"))})
    code, out, _ = run(settings, "--no-archive")
    assert code == 0
    assert "data/sources/lost.yml:8:1: warning:" in out and "[link-failing]" in out
    entry = state(settings)[site.url("/always-500")]
    assert entry["state"] == "failing" and len(entry["failure-days"]) == 1

    today = datetime.now(timezone.utc).date()
    entry["failure-days"] = [str(today - timedelta(days=14)), str(today - timedelta(days=7))]
    path = settings.root / "data" / "link-state.json"
    path.write_text(json.dumps({"format": 1, "links": {site.url("/always-500"): entry}}))
    code, out, _ = run(settings, "--no-archive", "--format", "github")
    assert code == 1
    assert "::error file=data/sources/lost.yml,line=8,col=1,title=dead-link::" in out
    assert "failed on 3 day(s) since" in out
    assert state(settings)[site.url("/always-500")]["state"] == "dead"


def test_a_link_that_once_worked_gets_days_of_grace_even_for_404(tmp_path, site, run):
    settings = make_project(tmp_path, {"lost": source("lost", site.url("/missing"))})
    path = settings.root / "data" / "link-state.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": 1, "links": {site.url("/missing"): {
        "state": "ok", "last-ok": "2026-01-01T00:00:00Z", "failure-days": [], "checked": "2026-01-01T00:00:00Z"}}}))
    code, out, _ = run(settings, "--no-archive")
    assert code == 0 and "[link-failing]" in out
    assert state(settings)[site.url("/missing")]["state"] == "failing"


@pytest.mark.parametrize("history", ["none", "failing-before"])
def test_a_url_never_seen_alive_that_answers_404_is_dead_on_the_first_run(tmp_path, site, run, history):
    settings = make_project(tmp_path, {"new": source("new", site.url("/missing"))})
    if history == "failing-before":   # failed once before, never worked: still no reason for grace
        path = settings.root / "data" / "link-state.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"format": 1, "links": {site.url("/missing"): {
            "state": "failing", "last-ok": None, "failure-days": ["2026-01-01"], "checked": "2026-01-01T00:00:00Z"}}}))
    code, out, _ = run(settings, "--no-archive")
    assert code == 1 and "[dead-link]" in out
    assert state(settings)[site.url("/missing")]["state"] == "dead"


def test_content_drift_exits_1_at_the_excerpt_line(tmp_path, site, run):
    settings = make_project(tmp_path, {"moved": source("moved", site.url("/soft-404"))})
    code, out, _ = run(settings, "--no-archive", "--markdown", str(tmp_path / "r.md"))
    assert code == 1
    assert "data/sources/moved.yml:10:1: error: excerpt not found" in out and "[content-drift]" in out
    assert state(settings)[site.url("/soft-404")]["state"] == "drift"
    assert "### Content drift" in (tmp_path / "r.md").read_text()


def test_blocked_is_not_dead(tmp_path, site, run):
    settings = make_project(tmp_path, {"walled": source("walled", site.url("/forbidden"))})
    path = settings.root / "data" / "link-state.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": 1, "links": {site.url("/forbidden"): {
        "state": "failing", "failure-days": ["2026-01-01", "2026-01-08"], "checked": "2026-01-08T00:00:00Z"}}}))
    code, out, _ = run(settings, "--no-archive")
    assert code == 0 and "[link-blocked]" in out
    entry = state(settings)[site.url("/forbidden")]
    assert entry["state"] == "blocked" and entry["failure-days"] == ["2026-01-01", "2026-01-08"]


def test_offline_run_exits_3_and_leaves_the_history_alone(tmp_path, run):
    dead_port = closed_port()
    settings = make_project(tmp_path, {"a": source("a", f"http://127.0.0.1:{dead_port}/a"),
                                       "b": source("b", f"http://127.0.0.1:{dead_port}/b")})
    old_report = tmp_path / "report.md"
    old_report.write_text("## Online source check\n\nEverything ok (an older run).\n")
    code, out, err = run(settings, "--markdown", str(old_report), "--json", str(tmp_path / "report.json"),
                         probe=f"http://127.0.0.1:{closed_port()}/")
    assert code == 3
    assert "the network is unreachable" in err and out == ""
    assert not (settings.root / "data" / "link-state.json").exists()
    assert "The network was unreachable: nothing was checked" in old_report.read_text()
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["offline"] is True


def test_refused_links_with_a_working_network_are_failures_not_offline(tmp_path, run):
    settings = make_project(tmp_path, {"a": source("a", f"http://127.0.0.1:{closed_port()}/a")})
    code, out, _ = run(settings, "--no-archive")
    assert code == 0 and "connection refused" in out
    assert next(iter(state(settings).values()))["state"] == "failing"


def test_rerun_within_the_ttl_rechecks_only_what_failed(tmp_path, fresh_server, run):
    server = fresh_server({"/article": ok(ARTICLE), "/broken": status(500)})
    settings = make_project(tmp_path, {"good": source("good", server.url("/article"))},
                            {"en/index.md": f"# Home\n\n[broken]({server.url('/broken')})\n"})
    assert run(settings, "--no-archive")[0] == 0
    first = sorted(path for _, _, path in server.stats.requests)
    assert first == ["/article", "/broken", "/broken"]           # HEAD, then GET for the 500
    server.reset_stats()
    code, out, _ = run(settings, "--no-archive")
    assert code == 0 and "1 from cache" in out
    assert sorted(path for _, _, path in server.stats.requests) == ["/broken", "/broken"]
    server.reset_stats()
    run(settings, "--no-archive", "--no-cache")
    assert "/article" in {path for _, _, path in server.stats.requests}


def test_fix_adds_a_snapshot_and_shows_the_diff(tmp_path, site, run):
    settings = make_project(tmp_path, {"lost": source("lost", site.url("/missing"))})
    path = settings.sources_dir / "lost.yml"
    before = path.read_text()
    code, out, _ = run(settings)   # a URL never seen alive that answers 404: dead at once
    assert code == 1 and "[archive-available]" in out and path.read_text() == before   # no --fix: untouched
    code, out, err = run(settings, "--fix")
    snapshot = f"https://web.archive.org/web/20261129000000/{site.url('/missing')}"
    assert f"+archive-url: {snapshot}" in out and "1 file(s) written" in err
    assert yaml.safe_load(path.read_text())["archive-url"] == snapshot
    assert path.read_text().replace(f"archive-url: {snapshot}\n", "") == before


def test_fix_never_replaces_an_archive_url_without_force(tmp_path, site, run):
    old = site.url("/gone?snapshot")
    settings = make_project(tmp_path, {"a": source("a", site.url("/article"), archive=old)})
    path = settings.sources_dir / "a.yml"
    before = path.read_text()
    code, out, err = run(settings, "--fix")
    assert "kept the existing archive-url" in err and path.read_text() == before
    code, out, err = run(settings, "--fix", "--force")
    assert yaml.safe_load(path.read_text())["archive-url"].startswith("https://web.archive.org/web/2026")


def test_no_snapshot_is_reported(tmp_path, site, run):
    settings = make_project(tmp_path, {"a": source("a", site.url("/article?nosnapshot"))})
    code, out, _ = run(settings)
    assert code == 0 and "[no-snapshot]" in out


def test_permanent_redirect_is_a_suggested_update(tmp_path, site, run):
    settings = make_project(tmp_path, {}, {"en/index.md": f"# Home\n\n[old]({site.url('/old')})\n"})
    code, out, _ = run(settings)
    assert code == 0
    assert f"docs/en/index.md:3:7: warning: link {site.url('/old')} redirects permanently to " \
           f"{site.url('/older')}; update the URL [link-moved]" in out


def test_bad_source_file_exits_2_with_file_and_line(tmp_path, run):
    settings = make_project(tmp_path, {"broken": "id: broken\ntitle: [unclosed\n"})
    code, out, err = run(settings)
    assert code == 2 and "data/sources/broken.yml:3:1: error: malformed YAML" in err


def test_bad_history_exits_2_with_file_and_line(tmp_path, site, run):
    settings = make_project(tmp_path, {"good": source("good", site.url("/article"))})
    (settings.root / "data" / "link-state.json").write_text('{"format": 1,\n "links": [}\n')
    code, _, err = run(settings)
    assert code == 2 and "link-state.json:2:" in err and "malformed JSON" in err


def test_url_list_json_output(tmp_path, site, run):
    settings = make_project(tmp_path)
    urls = [site.url(p) for p in ("/ok", "/gone", "/missing", "/reset", "/always-500")]
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
    code, out, _ = run(settings, "--urls", str(tmp_path / "urls.txt"), "--format", "json")
    report = json.loads(out)
    verdicts = {r["url"].rsplit("/", 1)[1]: r["verdict"] for r in report["results"]}
    # URLs with no history: 410 and 404 are dead on the first run (exit 1); passing faults are failing
    assert verdicts == {"ok": "ok", "gone": "dead", "missing": "dead", "reset": "failing", "always-500": "failing"}
    assert code == 1 and not (settings.root / "data" / "link-state.json").exists()


def test_usage_errors_exit_2(tmp_path, run):
    settings = make_project(tmp_path)
    assert run(settings, "--force")[0] == 2
    assert run(settings, "--per-host", "0")[0] == 2
