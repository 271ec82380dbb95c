"""The link-state history (dead only after failures on several days) and the result cache."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from scripts.linkcheck.state import History, ResultCache, StateError

pytestmark = pytest.mark.timeout(10)

DAY1 = datetime(2026, 11, 1, 6, tzinfo=timezone.utc)
URL = "https://example.org/a"


def at(days: float) -> datetime:
    return DAY1 + timedelta(days=days)


def test_dead_only_after_failures_on_three_different_days(tmp_path):
    history = History(tmp_path / "state.json", dead_after=3)
    assert history.record(URL, "broken", "404 Not Found", at(0)).state == "failing"
    assert history.record(URL, "broken", "404 Not Found", at(0.2)).state == "failing"   # same day: no count
    assert history.record(URL, "broken", "404 Not Found", at(0.5)).failure_days == 1
    assert history.record(URL, "broken", "404 Not Found", at(7)).state == "failing"
    verdict = history.record(URL, "broken", "404 Not Found", at(14))
    assert (verdict.state, verdict.failure_days, verdict.first_failure) == ("dead", 3, "2026-11-01")


def test_a_success_clears_the_failures(tmp_path):
    history = History(tmp_path / "state.json")
    history.record(URL, "broken", "503", at(0))
    history.record(URL, "broken", "503", at(1))
    history.record(URL, "ok", "200 OK", at(2))
    assert history.record(URL, "broken", "503", at(3)).state == "failing"
    assert history.links[URL]["last-ok"] == "2026-11-03T06:00:00Z"


def test_blocked_neither_counts_nor_clears(tmp_path):
    history = History(tmp_path / "state.json", dead_after=2)
    history.record(URL, "broken", "404", at(0))
    assert history.record(URL, "blocked", "403 Forbidden", at(1)).state == "blocked"
    assert history.verdict_for(URL).failure_days == 1
    assert history.record(URL, "broken", "404", at(2)).state == "dead"


def test_preview_leaves_the_history_alone(tmp_path):
    history = History(tmp_path / "state.json", dead_after=2)
    history.record(URL, "broken", "404", at(0))
    before = json.dumps(history.links, sort_keys=True)
    assert history.preview(URL, "broken", at(1)).state == "dead"
    assert history.preview("https://new.example/", "broken", at(1)).state == "failing"
    assert json.dumps(history.links, sort_keys=True) == before


def test_saved_history_reads_back_and_is_stable(tmp_path):
    path = tmp_path / "state.json"
    history = History(path)
    history.record(URL, "broken", "404", at(0))
    history.record("https://b.example/", "ok", "200 OK", at(0))
    history.save()
    text = path.read_text()
    assert json.loads(text)["format"] == 1 and text.endswith("\n")
    again = History(path)
    assert again.links == history.links
    again.save()
    assert path.read_text() == text


def test_merge_takes_the_newest_check_per_url(tmp_path):
    mine, theirs = History(tmp_path / "a.json"), History(tmp_path / "b.json")
    mine.record(URL, "ok", "200", at(0))
    theirs.record(URL, "broken", "404", at(5))
    theirs.record("https://only-theirs.example/", "ok", "200", at(1))
    mine.merge(theirs)
    assert mine.verdict_for(URL).failure_days == 1
    assert "https://only-theirs.example/" in mine.links


def test_bad_history_names_file_and_line(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{\n  "format": 1,\n  "links": {,}\n}\n')
    with pytest.raises(StateError, match=r"state\.json:3:\d+: malformed JSON"):
        History(path)
    path.write_text('{"format": 1, "links": {"https://x.example/": {"state": "zombie"}}}')
    with pytest.raises(StateError, match="https://x.example/: state must be one of"):
        History(path)


def test_cache_expires_after_its_ttl(tmp_path):
    path = tmp_path / "cache.json"
    cache = ResultCache(path, ttl=3600)
    cache.put("k", {"verdict": "ok"}, now=1000)
    cache.save(now=1000)
    reread = ResultCache(path, ttl=3600)
    assert reread.get("k", now=1000 + 3599) == {"verdict": "ok"}
    assert reread.get("k", now=1000 + 3601) is None


def test_broken_cache_is_started_afresh(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("{not json")
    assert ResultCache(path, ttl=10).entries == {}


def test_a_failure_that_could_make_a_link_dead_is_confirmed_with_get(tmp_path):
    from scripts.linkcheck.check import Options, _could_turn_dead

    url = "https://example.org/page"
    assert not _could_turn_dead(url, Options(history=None))     # no history: at most "failing"
    history = History(tmp_path / "state.json", dead_after=3)
    assert not _could_turn_dead(url, Options(history=history))  # first failure: "failing"
    history.record(url, "broken", "404 Not Found", datetime(2026, 11, 1, tzinfo=timezone.utc))
    assert _could_turn_dead(url, Options(history=history))      # it has failed before
    assert _could_turn_dead("https://example.org/other", Options(history=History(tmp_path / "b.json", dead_after=1)))
