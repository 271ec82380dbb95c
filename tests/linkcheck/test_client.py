"""The HTTP client against real loopback servers: statuses, redirects, retries, timeouts, limits."""

from __future__ import annotations

import asyncio
import time

import pytest

from scripts.linkcheck.client import USER_AGENT, Client, Limits, backoff_delay, parse_retry_after
from scripts.linkcheck.loopback import Blackhole, closed_port, ok, sequence, status

pytestmark = pytest.mark.timeout(30)

FAST = Limits(connect_timeout=0.5, read_timeout=0.5, total_timeout=2.0, retries=2, backoff=0.05, max_body=2**20)


def fetch(url: str, limits: Limits = FAST, want_body: bool = False):
    async def go():
        async with Client(limits) as client:
            return await client.fetch(url, want_body=want_body)
    return asyncio.run(go())


def test_200(site):
    result = fetch(site.url("/ok"))
    assert (result.status, result.method, result.redirects, result.error) == (200, "HEAD", [], "")


@pytest.mark.parametrize("path, codes, final, suggested", [
    ("/old", [301, 302], "/newest", "/older"),        # permanent then temporary: suggest the 301's target
    ("/perm", [308, 301], "/ok", "/ok"),              # all permanent: suggest the end
    ("/temp", [302], "/ok", ""),                      # temporary: no suggestion
])
def test_redirect_chains_are_recorded(site, path, codes, final, suggested):
    result = fetch(site.url(path))
    assert result.status == 200
    assert [hop.status for hop in result.redirects] == codes
    assert result.redirects[0].url == site.url(path)
    assert result.final_url == site.url(final)
    assert result.suggested_url == (site.url(suggested) if suggested else "")


@pytest.mark.parametrize("path, code", [("/missing", 404), ("/gone", 410)])
def test_client_errors_fall_back_to_get_and_are_not_retried(fresh_server, path, code):
    server = fresh_server({path: status(code)})
    result = fetch(server.url(path))
    assert result.status == code and result.method == "GET"
    assert [m for _, m, _ in server.stats.requests] == ["HEAD", "GET"]


def test_head_not_allowed_falls_back_to_get(site):
    result = fetch(site.url("/head-405"))
    assert (result.status, result.method) == (200, "GET")


def test_429_retry_after_is_honoured(fresh_server):
    server = fresh_server({"/r": sequence(status(429, headers={"Retry-After": "1"}), ok())})
    start = time.perf_counter()
    result = fetch(server.url("/r"))
    waited = time.perf_counter() - start
    assert result.status == 200 and result.attempts == 2
    assert waited >= 0.95, "Retry-After: 1 must be waited for"


def test_too_long_retry_after_is_not_waited_for(site):
    start = time.perf_counter()
    result = fetch(site.url("/rate-long"))
    assert result.status == 429 and result.retry_after == 3600
    assert time.perf_counter() - start < 2


def test_503_twice_then_200(fresh_server):
    server = fresh_server({"/flaky": sequence(status(503), status(503), ok())})
    result = fetch(server.url("/flaky"))
    assert result.status == 200 and result.attempts == 3
    assert len(server.stats.requests) == 3


def test_persistent_500_gives_up_after_the_retries(site):
    result = fetch(site.url("/always-500"))
    assert result.status == 500
    assert result.attempts == 2 * (FAST.retries + 1)     # HEAD with retries, then GET with retries


def test_connect_timeout():
    limits = Limits(connect_timeout=0.3, retries=1, backoff=0.05)
    with Blackhole() as hole:
        start = time.perf_counter()
        result = fetch(hole.url(), limits)
        elapsed = time.perf_counter() - start
    assert result.status is None and result.error == "timeout-connect"
    assert result.attempts == 2
    assert elapsed < 3


def test_a_host_that_never_accepts_connections_is_given_up_after_a_few_timeouts(site):
    limits = Limits(connect_timeout=0.3, retries=2, backoff=0.05, per_host=4)

    async def go(urls):
        async with Client(limits) as client:
            results = await asyncio.gather(*(client.fetch(u) for u in urls))
            return client, results

    with Blackhole() as hole:
        urls = [hole.url(f"/page-{i}") for i in range(40)] + [site.url("/ok")]
        client, results = asyncio.run(go(urls))
    stuck, other = results[:-1], results[-1]
    assert all(r.status is None and r.error == "timeout-connect" for r in stuck)
    given_up = [r for r in stuck if "gave up on 127.0.0.1:" in r.summary()]
    assert len(given_up) >= 40 - 4 * (limits.retries + 1)
    # without giving up: 40 URLs x (HEAD, then GET) x 3 tries = 240 connects; now a handful
    assert client.requests <= 4 * (limits.retries + 1) + 1
    assert other.status == 200        # another port of the same host name is not given up on


def test_read_timeout_when_the_server_never_answers(site):
    result = fetch(site.url("/hang"), Limits(read_timeout=0.3, total_timeout=5, retries=0))
    assert result.error == "timeout-read"


def test_slow_body_hits_the_total_timeout(site):
    start = time.perf_counter()
    result = fetch(site.url("/slow"), Limits(read_timeout=1, total_timeout=0.8, retries=0), want_body=True)
    assert result.status is None and result.error == "timeout-total"
    assert time.perf_counter() - start < 3


def test_oversized_body_is_cut_at_the_cap(site):
    result = fetch(site.url("/huge"), Limits(max_body=100_000), want_body=True)
    assert result.status == 200 and result.truncated
    assert len(result.body) == 100_000 and result.body.startswith(b"<html><body>")


def test_redirect_loop(site):
    result = fetch(site.url("/loop-a"))
    assert result.error == "redirect-loop" and result.status is None
    assert [hop.status for hop in result.redirects] == [302, 302]


def test_too_many_redirects(fresh_server):
    from scripts.linkcheck.loopback import redirect

    server = fresh_server({f"/r{i}": redirect(301, f"/r{i + 1}") for i in range(5)})
    result = fetch(server.url("/r0"), Limits(max_redirects=3))
    assert result.error == "too-many-redirects"


def test_connection_reset(site):
    result = fetch(site.url("/reset"), Limits(retries=1, backoff=0.05))
    assert result.status is None and result.error == "reset"
    assert result.attempts == 4    # HEAD and a retry, then GET and a retry


def test_refused_connection_is_not_retried():
    result = fetch(f"http://127.0.0.1:{closed_port()}/")
    assert result.error == "refused" and result.attempts == 1 and result.method == "HEAD"


def test_user_agent_names_the_project(fresh_server):
    server = fresh_server({"/": ok()})
    fetch(server.url("/"))
    assert server.stats.user_agents == {USER_AGENT}
    assert "github.com/" in USER_AGENT


def test_per_host_and_global_limits_are_kept(fresh_server):
    hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
    server = fresh_server({"/x": ok()}, hosts=hosts, delay=0.05)
    urls = [server.url(f"/x?{i}", host) for i in range(30) for host in hosts]
    limits = Limits(concurrency=5, per_host=2)

    async def go():
        async with Client(limits) as client:
            return await asyncio.gather(*(client.fetch(u) for u in urls))
    results = asyncio.run(go())
    assert all(r.status == 200 for r in results)
    stats = server.stats
    assert max(stats.max_in_progress.values()) == 2, stats.as_dict()        # reached, never exceeded
    assert max(stats.max_connections.values()) <= 2, stats.as_dict()
    assert 3 <= stats.max_total_in_progress <= 5, stats.as_dict()


def test_server_clock_splits_start_up_from_checking(fresh_server):
    """The benchmark tells a tool's start-up from its checking time by these two server timestamps."""
    server = fresh_server({"/x": ok()}, delay=0.05)
    assert (server.stats.first_request, server.stats.last_response) == (None, None)
    before = time.time()
    time.sleep(0.1)
    fetch(server.url("/x?1"))
    fetch(server.url("/x?2"))
    deadline = time.monotonic() + 5      # the server's thread closes its handler after the client has read
    while server.stats.total_in_progress and time.monotonic() < deadline:
        time.sleep(0.01)
    stats = server.stats.as_dict()
    assert stats["first_request"] - before >= 0.1                      # the idle wait is not checking
    assert stats["last_response"] - stats["first_request"] >= 2 * 0.05  # two requests, one after the other
    assert stats["last_response"] <= time.time()


def test_backoff_grows_with_jitter():
    limits = Limits(backoff=1.0, backoff_max=8.0)
    for attempt, full in ((1, 1.0), (2, 2.0), (3, 4.0), (6, 8.0)):
        delays = {backoff_delay(attempt, limits) for _ in range(50)}
        assert all(full / 2 <= d <= full for d in delays)
        assert len(delays) > 1


def test_retry_after_parsing():
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_bad_certificate_is_reported_not_dead(tmp_path, fresh_server):
    """A self-signed certificate: the page is still checked (as browsers often manage to), and the
    certificate problem is reported beside the verdict."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=20)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = fresh_server({"/": ok()}, ssl=context)
    result = fetch(server.url("/"))
    assert server.url("/").startswith("https://")
    assert result.status == 200 and "certificate" in result.tls_problem.lower()


def fetch_all(urls: list[str], confirm: bool = False) -> list:
    """One client for all the URLs, one after another: what it learns about a host carries over."""
    async def go():
        async with Client(FAST) as client:
            return [await client.fetch(url, confirm=confirm) for url in urls]
    return asyncio.run(go())


def test_a_host_whose_get_confirms_its_head_404s_is_asked_with_head_alone_after_that(fresh_server):
    server = fresh_server({"/a": status(404), "/b": status(404), "/c": status(410), "/ok": ok()})
    results = fetch_all([server.url(p) for p in ("/a", "/b", "/c", "/ok")])
    assert [(r.status, r.method) for r in results] == [(404, "GET"), (404, "HEAD"), (410, "HEAD"), (200, "HEAD")]
    assert [m for _, m, _ in server.stats.requests] == ["HEAD", "GET", "HEAD", "HEAD", "HEAD"]


def test_confirm_asks_get_even_on_a_trusted_host(fresh_server):
    server = fresh_server({"/a": status(404), "/b": status(404)})
    fetch_all([server.url("/a")])
    results = fetch_all([server.url("/a"), server.url("/b")], confirm=True)
    assert [r.method for r in results] == ["GET", "GET"]


def test_a_host_that_mishandles_head_is_asked_with_get_after_that(fresh_server):
    from scripts.linkcheck.loopback import head_not_allowed

    page = ok("<html><body>GET only</body></html>")
    server = fresh_server({"/a": head_not_allowed(page, code=404), "/b": head_not_allowed(page, code=404),
                           "/gone": head_not_allowed(status(410), code=404)})
    results = fetch_all([server.url(p) for p in ("/a", "/b", "/gone")])
    assert [(r.status, r.method) for r in results] == [(200, "GET"), (200, "GET"), (410, "GET")]
    assert [m for _, m, _ in server.stats.requests] == ["HEAD", "GET", "GET", "GET"]


def test_concurrent_missing_pages_wait_for_the_hosts_first_confirmation(fresh_server):
    server = fresh_server({f"/gone/{n}": status(404) for n in range(8)}, delay=0.05)

    async def go():
        async with Client(FAST) as client:
            return await asyncio.gather(*(client.fetch(server.url(f"/gone/{n}")) for n in range(8)))
    results = asyncio.run(go())
    assert {r.status for r in results} == {404}
    methods = [m for _, m, _ in server.stats.requests]
    assert methods.count("HEAD") == 8 and methods.count("GET") == 1   # one GET confirmed the host's HEAD
