"""What the online checker remembers between runs.

* The result cache (.cache/linkcheck/results.json, outside git): successful results with the time
  they were obtained. A rerun within the time-to-live reuses them, so it rechecks only what failed.
* The link-state history (data/link-state.json, in the repository): per URL, the days on which it
  failed since it last worked. As with Wikipedia's InternetArchiveBot, one failure proves little; a
  link is declared dead only after failing on `dead_after` different days (3 by default, so at
  least two days apart from first to last) with no success in between. "Blocked" answers (401, 403,
  429 from sites that turn robots away) neither count as failures nor clear them. The days of grace
  protect a link that once worked from a passing outage; a URL never seen alive (new in a pull
  request, or listed with --urls) that answers 404 Not Found or 410 Gone is dead at once, since
  nothing suggests it will come back.

data/link-state.json format (version 1), sorted keys, one entry per checked URL:

    {
      "format": 1,
      "links": {
        "https://example.org/page": {
          "state": "failing",               # ok | drift | unverified | blocked | failing | dead
          "checked": "2026-11-29T06:00:00Z",  # last check that reached a verdict
          "last-ok": "2026-11-01T06:00:00Z",  # last time it answered 2xx (null if never seen so)
          "failure-days": ["2026-11-22", "2026-11-29"],  # UTC days with a failure since last-ok
          "result": "404 Not Found"         # what the last check saw
        }
      }
    }
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from scripts.atomic import write_text

FORMAT = 1
STATES = {"ok", "drift", "unverified", "blocked", "failing", "dead"}
ALIVE = {"ok", "drift", "unverified"}   # the server answered 2xx, whatever the content
GONE_STATUSES = {404, 410}              # the server says the page is not there (not a passing fault)
MAX_DAYS_KEPT = 30


class StateError(ValueError):
    """A state file that cannot be used; the message names the file (and line, for bad JSON)."""


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise StateError(f"{path}:{exc.lineno}:{exc.colno}: malformed JSON: {exc.msg}; "
                         "fix it or delete the file to start afresh") from exc
    except UnicodeDecodeError as exc:
        raise StateError(f"{path}: not UTF-8 ({exc.reason})") from exc
    if not isinstance(data, dict):
        raise StateError(f"{path}:1:1: expected a JSON object")
    return data


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Verdict:
    state: str            # the state after this check, one of STATES
    failure_days: int     # failures on different days since the link last worked
    first_failure: str    # the first of those days, "" if none


class History:
    """The link-state history. `record` updates one URL and says what state it is in now."""

    def __init__(self, path: Path, dead_after: int = 3):
        if dead_after < 1:
            raise ValueError("dead_after must be at least 1")
        self.path = path
        self.dead_after = dead_after
        self.links: dict[str, dict] = {}
        if path.exists():
            self._read()

    def _read(self) -> None:
        data = _load_json(self.path)
        if data.get("format") != FORMAT:
            raise StateError(f"{self.path}: unknown format {data.get('format')!r}; this checker writes {FORMAT}")
        links = data.get("links", {})
        if not isinstance(links, dict):
            raise StateError(f"{self.path}: 'links' must be an object of URL: entry")
        for url, entry in links.items():
            problem = _entry_problem(entry)
            if problem:
                raise StateError(f"{self.path}: entry for {url}: {problem}")
        self.links = links

    def verdict_for(self, url: str) -> Verdict:
        entry = self.links.get(url, {})
        days = entry.get("failure-days", [])
        return Verdict(entry.get("state", "ok"), len(days), days[0] if days else "")

    def record(self, url: str, outcome: str, result: str, now: datetime, status: int | None = None) -> Verdict:
        """outcome: "ok", "drift", "unverified" (alive), "blocked", or "broken" (failed this time);
        status: the HTTP status the check ended on, if any."""
        entry = self.links.setdefault(url, {"state": "ok", "last-ok": None, "failure-days": []})
        entry["checked"] = iso(now)
        entry["result"] = result
        if outcome in ALIVE:
            entry.update({"state": outcome, "last-ok": iso(now), "failure-days": []})
        elif outcome == "blocked":
            entry["state"] = "blocked"
        elif outcome == "broken":
            day = now.astimezone(timezone.utc).date().isoformat()
            days = entry["failure-days"]
            if day not in days:
                days.append(day)
                del days[:-MAX_DAYS_KEPT]
            never_alive = entry.get("last-ok") is None
            gone = never_alive and status in GONE_STATUSES
            entry["state"] = "dead" if gone or len(days) >= self.dead_after else "failing"
        else:
            raise ValueError(f"unknown outcome {outcome!r}")
        return self.verdict_for(url)

    def preview(self, url: str, outcome: str, now: datetime, status: int | None = None) -> Verdict:
        """What `record` would say, without recording (for runs that do not write the history)."""
        saved = json.loads(json.dumps(self.links.get(url))) if url in self.links else None
        try:
            return self.record(url, outcome, "", now, status)
        finally:
            if saved is None:
                self.links.pop(url, None)
            else:
                self.links[url] = saved

    def merge(self, other: History) -> None:
        """Take, per URL, whichever history checked it last (e.g. the previous CI run's artifact)."""
        for url, entry in other.links.items():
            mine = self.links.get(url)
            if mine is None or entry.get("checked", "") > mine.get("checked", ""):
                self.links[url] = entry

    def prune(self, keep: set[str]) -> None:
        """Forget URLs no longer cited anywhere."""
        self.links = {url: entry for url, entry in self.links.items() if url in keep}

    def save(self) -> None:
        text = json.dumps({"format": FORMAT, "links": self.links}, ensure_ascii=False, indent=2, sort_keys=True)
        write_text(self.path, text + "\n")


def _entry_problem(entry) -> str:
    if not isinstance(entry, dict):
        return "must be an object"
    if entry.get("state") not in STATES:
        return f"state must be one of {', '.join(sorted(STATES))}"
    days = entry.get("failure-days", [])
    if not isinstance(days, list) or not all(isinstance(d, str) for d in days):
        return "failure-days must be a list of YYYY-MM-DD dates"
    return ""


class ResultCache:
    """Results younger than `ttl` seconds, keyed by whatever identifies one check of one URL."""

    def __init__(self, path: Path | None, ttl: float):
        self.path = path
        self.ttl = ttl
        self.entries: dict[str, dict] = {}
        if path is not None and path.exists():
            try:
                data = _load_json(path)
            except StateError:
                data = {}   # a cache is disposable: a broken one is started afresh
            if data.get("format") == FORMAT and isinstance(data.get("entries"), dict):
                self.entries = data["entries"]

    def get(self, key: str, now: float | None = None) -> dict | None:
        entry = self.entries.get(key)
        now = time.time() if now is None else now
        if entry is None or not isinstance(entry, dict) or now - entry.get("time", 0) > self.ttl:
            return None
        return entry.get("value")

    def put(self, key: str, value: dict, now: float | None = None) -> None:
        self.entries[key] = {"time": time.time() if now is None else now, "value": value}

    def drop(self, key: str) -> None:
        self.entries.pop(key, None)

    def save(self, now: float | None = None) -> None:
        if self.path is None:
            return
        now = time.time() if now is None else now
        fresh = {k: v for k, v in self.entries.items() if now - v.get("time", 0) <= self.ttl}
        write_text(self.path, json.dumps({"format": FORMAT, "entries": fresh}, ensure_ascii=False) + "\n")
