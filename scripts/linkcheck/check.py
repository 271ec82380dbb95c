"""Check targets online and judge each one.

One check of a URL ends in an *outcome*: ok; drift (alive, but a recorded excerpt is gone);
unverified (alive, but its text could not be read or was cut off at the size cap before the
excerpt); blocked (401, 403, 429 or 999: the site turns robots away, which says nothing about the
link); or broken (no 2xx answer). The link-state history turns outcomes into *verdicts*: a broken
link is "failing" until it has failed on enough different days to be "dead".

If no request reached any server, a probe URL is asked too; when that fails as well the network is
unreachable, and the run says so instead of recording every link as failing.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from scripts.linkcheck.archive import WAYBACK_API, closest_snapshot, raw_snapshot_url
from scripts.linkcheck.client import NETWORK_ERRORS, USER_AGENT, Client, Fetched, Limits
from scripts.linkcheck.content import ContentError, extract_text, missing_excerpts
from scripts.linkcheck.state import GONE_STATUSES, History, ResultCache
from scripts.linkcheck.targets import ExcerptRef, Target, Use

BLOCKED_STATUSES = {401, 403, 429, 999}   # 999: LinkedIn and others, for "no robots"
PROBLEM_VERDICTS = ("dead", "drift", "failing", "unverified", "blocked")
DEFAULT_PROBE = "https://archive.org/"


@dataclass
class Result:
    url: str
    uses: list[Use]
    outcome: str                 # of this check: ok | drift | unverified | blocked | broken
    verdict: str = ""            # after the history: ok | drift | unverified | blocked | failing | dead
    summary: str = ""            # "200 OK", "404 Not Found", "connect timeout (10 s)" ...
    status: int | None = None
    error: str = ""
    method: str = ""
    final_url: str = ""
    redirects: list[dict] = field(default_factory=list)    # [{"url", "status"}], in order
    suggested_url: str = ""      # where permanent redirects lead: update the URL to this
    content: str = ""            # html | pdf | text, when the body was read
    encoding: str = ""
    missing: list[ExcerptRef] = field(default_factory=list)
    excerpts_checked: int = 0
    note: str = ""
    tls_problem: str = ""        # the certificate did not verify (the page was read without verifying)
    failure_days: int = 0
    first_failure: str = ""
    attempts: int = 0
    elapsed: float = 0.0
    cached: bool = False

    def to_dict(self) -> dict:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}   # no deep copy: fast
        data["uses"] = [use.__dict__ for use in self.uses]
        data["missing"] = [{"source_id": m.source_id, "path": m.path, "line": m.excerpt.line,
                            "locator": m.excerpt.locator, "text": m.text} for m in self.missing]
        return data


@dataclass
class ArchiveSuggestion:
    source_id: str
    path: str
    line: int
    reason: str                  # why one was looked for
    current: str                 # the archive-url the source has now ("" if none)
    snapshot: str = ""           # the closest snapshot found ("" if none)
    timestamp: str = ""
    problem: str = ""            # the lookup failed: why


@dataclass
class Run:
    results: list[Result]
    offline: bool = False
    probe: str = ""
    suggestions: list[ArchiveSuggestion] = field(default_factory=list)
    requests: int = 0
    max_in_flight: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0


@dataclass
class Options:
    limits: Limits = Limits()
    user_agent: str = ""           # default: client.USER_AGENT
    cache: ResultCache | None = None
    history: History | None = None
    record: bool = True            # write outcomes into the history (else only preview verdicts)
    probe_url: str = DEFAULT_PROBE
    archive_api: str = WAYBACK_API
    lookup_archives: bool = True
    now: datetime | None = None
    root: Path = Path(".")         # paths in reports are relative to it
    progress: Callable[[Result], None] | None = None


def cache_key(target: Target) -> str:
    excerpts = "\n".join(sorted(ref.text for ref in target.excerpts))
    return target.url + "#" + hashlib.sha256(excerpts.encode("utf-8")).hexdigest()[:16]


def judge(fetched: Fetched, excerpts: list[ExcerptRef], max_body: int) -> Result:
    result = Result(
        url=fetched.url, uses=[], outcome="broken", summary=fetched.summary(), status=fetched.status,
        error=fetched.error, method=fetched.method, final_url=fetched.final_url,
        redirects=[{"url": h.url, "status": h.status} for h in fetched.redirects],
        suggested_url=fetched.suggested_url, attempts=fetched.attempts, elapsed=round(fetched.elapsed, 3),
        tls_problem=fetched.tls_problem,
    )
    status = fetched.status
    if status is None:
        return result
    if status in BLOCKED_STATUSES:
        result.outcome = "blocked"
        if fetched.retry_after:
            result.note = f"the server asks to wait {fetched.retry_after:.0f} s (Retry-After)"
        return result
    if not 200 <= status < 300:
        return result
    result.outcome = "ok"
    if not excerpts:
        return result
    result.excerpts_checked = len(excerpts)
    if fetched.body is None:
        result.outcome, result.note = "unverified", "no body to look for the excerpts in"
        return result
    try:
        text = extract_text(fetched.body, fetched.content_type, fetched.charset)
    except ContentError as exc:
        result.outcome, result.note = "unverified", str(exc)
        return result
    if text is None:
        result.outcome = "unverified"
        result.note = f"content type {fetched.content_type or 'unknown'} is not read; excerpts not checked"
        return result
    result.content, result.encoding = text.kind, text.encoding
    result.missing = missing_excerpts(text.text, excerpts)
    if result.missing and fetched.truncated:
        result.outcome = "unverified"
        result.note = (f"body larger than {max_body:,} bytes; {len(result.missing)} excerpt(s) not in the part read")
    elif result.missing:
        result.outcome = "drift"
    return result


def _from_cache(target: Target, value: dict) -> Result:
    fields = {k: v for k, v in value.items() if k in Result.__dataclass_fields__ and k not in ("uses", "missing")}
    return Result(**{**fields, "uses": list(target.uses), "missing": [], "cached": True})


async def _check_one(client: Client, target: Target, options: Options) -> Result:
    key = cache_key(target)
    if options.cache is not None:
        cached = options.cache.get(key)
        if cached is not None:
            return _from_cache(target, cached)
    # An archived copy's excerpts are looked for in the archived bytes, not in the archive's page.
    url = raw_snapshot_url(target.url) if target.excerpts else target.url
    fetched = await client.fetch(url, want_body=bool(target.excerpts),
                                 confirm=_could_turn_dead(target.url, options))
    result = judge(fetched, target.excerpts, client.limits.max_body)
    result.url, result.uses = target.url, list(target.uses)
    return result


def _could_turn_dead(url: str, options: Options) -> bool:
    """Whether a failure now could make the link dead: then a HEAD 404 or 410 is confirmed by GET
    even on a host whose HEAD answers have been truthful (see client.Client.fetch)."""
    history = options.history
    return history is not None and (history.dead_after <= 1 or history.verdict_for(url).failure_days > 0)


async def check_targets(targets: list[Target], options: Options, sources: list | None = None) -> Run:
    """Check every target; then, unless offline, apply the history, update the cache and (when
    `sources`, registry Sources, are given) look up archived copies for those that need one."""
    start = time.perf_counter()
    now = options.now or datetime.now(timezone.utc)
    # Host names are resolved in the default executor's threads: enough of them that a few slow
    # DNS answers (5 s timeouts) do not hold up every other look-up.
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(max_workers=max(8, options.limits.concurrency), thread_name_prefix="resolve"))
    async with Client(options.limits, options.user_agent or USER_AGENT) as client:
        async def one(target: Target) -> Result:
            result = await _check_one(client, target, options)
            if options.progress:
                options.progress(result)
            return result

        results = list(await asyncio.gather(*await _start(one, targets, options.limits.concurrency)))
        run = Run(results)
        fresh = [r for r in results if not r.cached]
        if fresh and all(r.status is None and r.error in NETWORK_ERRORS for r in fresh):
            run.probe = options.probe_url
            run.offline = not options.probe_url or not (await client.fetch(options.probe_url)).responded
        if not run.offline:
            _apply_history(results, options, now)
            _update_cache(targets, results, options)
            if sources and options.lookup_archives:
                by_url = {r.url: r for r in results}
                run.suggestions = await find_archives(client, sources, by_url, options)
        run.requests = client.requests
        run.max_in_flight = dict(client.max_in_flight)
    run.elapsed = time.perf_counter() - start
    return run


async def _start(one, targets: list[Target], batch: int) -> list[asyncio.Task]:
    """A task per target, started `batch` at a time with a turn of the event loop in between: the
    first requests are on the wire while the rest are set up (1,000 tasks take tens of ms to start)."""
    tasks = []
    for i, target in enumerate(targets, 1):
        tasks.append(asyncio.create_task(one(target)))
        if i % batch == 0:
            await asyncio.sleep(0)
    return tasks


def _apply_history(results: list[Result], options: Options, now: datetime) -> None:
    history = options.history
    for result in results:
        if history is None:
            gone = result.status in GONE_STATUSES
            result.verdict = ("dead" if gone else "failing") if result.outcome == "broken" else result.outcome
            continue
        if result.cached:
            verdict = history.verdict_for(result.url)
            result.verdict = result.outcome
            result.failure_days, result.first_failure = verdict.failure_days, verdict.first_failure
            continue
        if options.record:
            verdict = history.record(result.url, result.outcome, result.summary, now, result.status)
        else:
            verdict = history.preview(result.url, result.outcome, now, result.status)
        result.verdict = verdict.state if result.outcome in ("broken", "blocked") else result.outcome
        result.failure_days, result.first_failure = verdict.failure_days, verdict.first_failure


def _update_cache(targets: list[Target], results: list[Result], options: Options) -> None:
    if options.cache is None:
        return
    for target, result in zip(targets, results, strict=True):
        if result.cached:
            continue
        if result.outcome == "ok":
            value = result.to_dict()
            value.pop("uses"), value.pop("missing")
            options.cache.put(cache_key(target), value)
        else:
            options.cache.drop(cache_key(target))


async def find_archives(client: Client, sources, by_url: dict[str, Result],
                        options: Options) -> list[ArchiveSuggestion]:
    """Closest snapshots for the sources that need one: dead, failing or drifted, without an
    archive-url, or whose archive-url is itself failing. `sources` are registry Sources."""
    from scripts.findings import relpath

    wanted: list[tuple[object, str]] = []
    for source in sources:
        if not source.url:
            continue
        own = by_url.get(source.url)
        archived = by_url.get(source.archive_url) if source.archive_url else None
        if own is not None and own.verdict in ("dead", "failing", "drift"):
            reason = "its text changed (drift)" if own.verdict == "drift" else f"the source is {own.verdict}"
            wanted.append((source, reason))
        elif not source.archive_url:
            wanted.append((source, "no archive-url"))
        elif archived is not None and archived.verdict in ("dead", "failing"):
            wanted.append((source, f"its archive-url is {archived.verdict}"))
    if not wanted:
        return []

    async def one(source, reason: str) -> ArchiveSuggestion:
        near = source.get("accessed") or source.get("issued")
        snapshot, problem = await closest_snapshot(client, source.url, near, options.archive_api)
        line = source.line_of("archive-url") if source.archive_url else source.line_of("URL")
        suggestion = ArchiveSuggestion(source.id, relpath(source.path, options.root), line,
                                       reason, source.archive_url, problem=problem)
        if snapshot is not None:
            suggestion.snapshot, suggestion.timestamp = snapshot.url, snapshot.timestamp
        return suggestion

    return list(await asyncio.gather(*(one(s, r) for s, r in wanted)))
