"""The online checker's HTTP client: one aiohttp session with a global and a per-host limit on
requests in flight, connect/read/total timeouts, retries with exponential backoff and jitter,
`Retry-After`, HEAD falling back to GET, redirect chains followed by hand (so every hop is recorded
and counted against its host's limit) and a cap on the body size.

HEAD falling back to GET, host by host: a HEAD that fails is asked again with GET, and what the two
answers show is kept for the host during the run. A host whose GET succeeded where its HEAD failed
mishandles HEAD, and is asked with GET from then on; a host whose GET confirmed its HEAD's 404 or
410 answers HEAD truthfully, and its later 404s and 410s are taken from HEAD alone, unless the
caller asks to `confirm` (the checker does for a link that has failed before, so a link is never
declared dead on HEAD answers alone).

Nothing here decides whether a link is dead: `fetch` says what happened, `scripts.linkcheck.check`
judges it.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import errno
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timezone
from urllib.parse import urljoin, urlsplit

import aiohttp

PROJECT_URL = "https://github.com/cyberspace-community/explainer"
USER_AGENT = f"CyberspaceExplainerSourceCheck/1.0 (+{PROJECT_URL})"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# Statuses that say the page is not there; a host whose HEAD gave one that GET confirmed is trusted
# to give them truthfully to HEAD (see Client.fetch).
MISSING_STATUSES = {404, 410}
PERMANENT_REDIRECTS = {301, 308}
# Errors after which another try may succeed. DNS failures, refused connections and TLS errors are
# not retried within a run: the link-state history gives them their second chance, days later.
RETRYABLE_ERRORS = {"timeout-connect", "timeout-read", "timeout-total", "reset"}
# Errors that say nothing reached a server at all: if every request ends like this, the machine is
# probably offline (see check.network_unreachable).
NETWORK_ERRORS = {"dns", "unreachable", "refused", "timeout-connect"}
# A host (name and port) that has timed out this many connects, and never accepted one in this
# run, is given up on like a name that does not resolve: its other URLs fail at once. Without it,
# 40 URLs on a host that never accepts connections cost 40 connect timeouts and their retries.
CONNECT_TIMEOUTS_BEFORE_GIVING_UP = 3


@dataclass(frozen=True)
class Limits:
    concurrency: int = 32            # requests in flight in all
    per_host: int = 4                # requests in flight to one host name
    connect_timeout: float = 10.0    # seconds to open a TCP (and TLS) connection
    read_timeout: float = 20.0       # seconds of silence allowed while reading
    total_timeout: float = 45.0      # seconds for one request, first byte sent to last byte read
    retries: int = 3                 # further tries after a timeout, a reset, a 5xx or a 429
    backoff: float = 1.0             # seconds before the first retry; doubles each time (with jitter)
    backoff_max: float = 30.0
    max_retry_after: float = 120.0   # a longer Retry-After is reported instead of waited for
    max_redirects: int = 10
    max_body: int = 10 * 2**20       # bytes read of a body at most

    def __post_init__(self):
        for name in ("concurrency", "per_host"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("connect_timeout", "read_timeout", "total_timeout", "max_body"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.retries < 0 or self.max_redirects < 0 or self.backoff < 0:
            raise ValueError("retries, max_redirects and backoff cannot be negative")


@dataclass(frozen=True)
class Hop:
    url: str
    status: int


@dataclass
class Fetched:
    """What happened when a URL was requested (after retries, redirects and any GET fallback)."""

    url: str
    method: str = "HEAD"
    status: int | None = None        # the final response's status; None when none came
    reason: str = ""
    error: str = ""                  # short kind when there is no usable response, e.g. "timeout-read"
    detail: str = ""                 # the error in words
    final_url: str = ""
    redirects: list[Hop] = field(default_factory=list)
    content_type: str = ""
    charset: str = ""
    body: bytes | None = None
    truncated: bool = False          # the body was longer than Limits.max_body; `body` is its start
    attempts: int = 0                # requests sent for this URL, retries and fallback included
    retry_after: float | None = None  # what the last Retry-After asked for, when present
    location: str = ""               # the last response's Location header
    tls_problem: str = ""            # the certificate did not verify; the answer was had without verifying
    elapsed: float = 0.0

    @property
    def responded(self) -> bool:
        return self.status is not None

    @property
    def suggested_url(self) -> str:
        """Where the leading run of permanent redirects (301/308) leads, when it ends in a success."""
        if not self.redirects or self.redirects[0].status not in PERMANENT_REDIRECTS:
            return ""
        if self.status is None or not 200 <= self.status < 300:
            return ""
        for i, hop in enumerate(self.redirects):
            if hop.status not in PERMANENT_REDIRECTS:
                return self.redirects[i].url
        return self.final_url

    def summary(self) -> str:
        if self.status is not None:
            return f"{self.status} {self.reason}".strip()
        return self.detail or self.error


def backoff_delay(attempt: int, limits: Limits) -> float:
    """Exponential backoff with "equal jitter": half the delay fixed, half random."""
    delay = min(limits.backoff_max, limits.backoff * 2 ** (attempt - 1))
    return delay / 2 + random.uniform(0, delay / 2)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


class Client:
    """Use as `async with Client(limits) as client: fetched = await client.fetch(url)`."""

    def __init__(self, limits: Limits = Limits(), user_agent: str = USER_AGENT):
        self.limits = limits
        self.user_agent = user_agent
        self._global = asyncio.Semaphore(limits.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(limits.per_host))
        self._in_flight: dict[str, int] = defaultdict(int)
        self.max_in_flight: dict[str, int] = defaultdict(int)   # per host, for reports and tests
        self.requests = 0
        self.session: aiohttp.ClientSession | None = None
        self._unresolved: dict[str, str] = {}   # host -> why its name did not resolve (once per run)
        self._connect_timeouts: dict[str, int] = defaultdict(int)   # host:port -> connects timed out
        self._connected: set[str] = set()        # host:port that accepted a connection in this run
        self._given_up: dict[str, str] = {}      # host:port -> why its URLs now fail at once
        self._head: dict[str, str] = {}         # host -> "get" (mishandles HEAD) or "trusted" (see fetch)
        self._probes: dict[str, asyncio.Future] = {}   # host -> its first confirming GET, while in flight

    async def __aenter__(self) -> Client:
        limits = self.limits
        connector = aiohttp.TCPConnector(limit=limits.concurrency, limit_per_host=limits.per_host,
                                         ttl_dns_cache=300)
        timeout = aiohttp.ClientTimeout(total=limits.total_timeout, connect=None,
                                        sock_connect=limits.connect_timeout, sock_read=limits.read_timeout)
        self.session = aiohttp.ClientSession(
            connector=connector, timeout=timeout, trust_env=False,
            max_line_size=65536, max_field_size=65536,   # real sites send long cookie and CSP headers
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers={"User-Agent": self.user_agent, "Accept": ACCEPT,
                     "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"},
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self.session is not None:
            await self.session.close()

    async def fetch(self, url: str, want_body: bool = False, confirm: bool = False) -> Fetched:
        """GET when the body is wanted or the host mishandles HEAD; otherwise HEAD, then GET if HEAD
        gave no success, unless the host has shown that its HEAD 404s and 410s are true (then only
        when `confirm`)."""
        start = time.perf_counter()
        if want_body or self._head.get(_host(url)) == "get":
            result = await self._follow("GET", url, want_body=want_body)
        else:
            result = await self._follow("HEAD", url, want_body=False)
            if _head_failed(result) and (confirm or not await self._trusted(result)):
                result = await self._confirm(result, url)
        result.elapsed = time.perf_counter() - start
        return result

    async def _trusted(self, head: Fetched) -> bool:
        """Whether the host's HEAD 404s and 410s are known to be true. While the host's first
        confirming GET is in flight its answer is awaited (no slot is held meanwhile): requests
        run concurrently, and without waiting every missing page would be confirmed."""
        if head.status not in MISSING_STATUSES:
            return False
        host = _host(head.final_url)
        if host not in self._head and host in self._probes:
            await asyncio.shield(self._probes[host])
        return self._head.get(host) == "trusted"

    async def _confirm(self, head: Fetched, url: str) -> Fetched:
        """GET after a failed HEAD; the first one for a host also tells how the host answers HEAD."""
        host = _host(head.final_url)
        probe = None
        if head.status in MISSING_STATUSES and host not in self._head and host not in self._probes:
            probe = self._probes[host] = asyncio.get_running_loop().create_future()
        try:
            result = await self._follow("GET", url, want_body=False)
            self._learn(head, result)
        finally:
            if probe is not None:
                del self._probes[host]
                probe.set_result(None)
        result.attempts += head.attempts
        return result

    def _learn(self, head: Fetched, get: Fetched) -> None:
        """What a HEAD failure and the GET after it show about the host that answered the HEAD."""
        host = _host(head.final_url)
        if get.status is not None and 200 <= get.status < 300:
            self._head[host] = "get"
        elif head.status in MISSING_STATUSES and get.status == head.status and host not in self._head:
            self._head[host] = "trusted"

    async def get_json(self, url: str, params: dict[str, str]) -> tuple[Fetched, object]:
        """GET a JSON document (for the Wayback Machine API); the parsed JSON or None."""
        import json
        from urllib.parse import urlencode

        full = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"
        fetched = await self.fetch(full, want_body=True)
        if fetched.status != 200 or fetched.body is None or fetched.truncated:
            return fetched, None
        try:
            return fetched, json.loads(fetched.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return fetched, None

    async def _follow(self, method: str, url: str, want_body: bool) -> Fetched:
        chain: list[Hop] = []
        seen = {url}
        current = url
        attempts = 0
        tls_problem = ""
        for _ in range(self.limits.max_redirects + 1):
            result = await self._with_retries(method, current, want_body)
            attempts += result.attempts
            result.attempts = attempts
            tls_problem = result.tls_problem = result.tls_problem or tls_problem
            result.url = url
            result.redirects = chain
            result.final_url = current
            if result.status not in REDIRECT_STATUSES:
                return result
            location = result.location
            if not location:
                return _failed(result, "bad-redirect", f"{result.status} redirect without a Location header")
            target = urljoin(current, location)
            chain.append(Hop(current, result.status))
            if urlsplit(target).scheme not in ("http", "https"):
                return _failed(result, "bad-redirect", f"redirect to a non-HTTP URL: {target}")
            if target in seen:
                return _failed(result, "redirect-loop", f"redirect loop back to {target}")
            seen.add(target)
            current = target
        return _failed(result, "too-many-redirects", f"more than {self.limits.max_redirects} redirects")

    def _count_connect_timeout(self, address: str) -> None:
        self._connect_timeouts[address] += 1
        count = self._connect_timeouts[address]
        if count >= CONNECT_TIMEOUTS_BEFORE_GIVING_UP and address not in self._connected:
            self._given_up[address] = (f"gave up on {address}: {count} connect timeouts "
                                       f"({self.limits.connect_timeout:g} s) and no connection in this run")

    async def _with_retries(self, method: str, url: str, want_body: bool) -> Fetched:
        attempt = 0
        while True:
            attempt += 1
            result = await self._once(method, url, want_body)
            result.attempts = attempt
            wait = None
            if result.status in (429, 503) and result.retry_after is not None:
                if result.retry_after <= self.limits.max_retry_after:
                    wait = result.retry_after
            elif (result.status is not None and (result.status >= 500 or result.status == 429)) or \
                    (result.error in RETRYABLE_ERRORS and _address(url) not in self._given_up):
                wait = backoff_delay(attempt, self.limits)
            if wait is None or attempt > self.limits.retries:
                return result
            await asyncio.sleep(wait)   # no slot is held while waiting

    @contextlib.asynccontextmanager
    async def _slot(self, host: str):
        # The host's slot first: a request waiting for a busy host holds no global slot meanwhile.
        async with self._hosts[host], self._global:
            self._in_flight[host] += 1
            self.max_in_flight[host] = max(self.max_in_flight[host], self._in_flight[host])
            try:
                yield
            finally:
                self._in_flight[host] -= 1

    async def _once(self, method: str, url: str, want_body: bool, verify: bool = True) -> Fetched:
        result = Fetched(url=url, method=method, final_url=url)
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError as exc:
            return _failed(result, "invalid-url", str(exc))
        assert self.session is not None, "use Client as an async context manager"
        address = _address(url)
        try:
            if host in self._unresolved:    # a name that did not resolve is not asked again in this run
                return _failed(result, "dns", self._unresolved[host])
            if address in self._given_up:
                return _failed(result, "timeout-connect", self._given_up[address])
            async with self._slot(host):
                if host in self._unresolved:
                    return _failed(result, "dns", self._unresolved[host])
                if address in self._given_up:
                    return _failed(result, "timeout-connect", self._given_up[address])
                self.requests += 1
                async with self.session.request(method, url, allow_redirects=False,
                                                **({} if verify else {"ssl": False})) as response:
                    self._connected.add(address)
                    result.status = response.status
                    result.reason = response.reason or ""
                    result.content_type = response.content_type or ""
                    result.charset = response.charset or ""
                    result.retry_after = parse_retry_after(response.headers.get("Retry-After"))
                    result.location = response.headers.get("Location", "")
                    if want_body and 200 <= response.status < 300:
                        result.body, result.truncated = await _read_capped(response, self.limits.max_body)
                    else:
                        await _discard(response)
        except aiohttp.ConnectionTimeoutError as exc:
            self._count_connect_timeout(address)
            return _failed(result, "timeout-connect", f"connect timeout ({self.limits.connect_timeout:g} s)", exc)
        except aiohttp.SocketTimeoutError as exc:
            return _failed(result, "timeout-read", f"read timeout ({self.limits.read_timeout:g} s)", exc)
        except asyncio.TimeoutError as exc:
            return _failed(result, "timeout-total", f"total timeout ({self.limits.total_timeout:g} s)", exc)
        except aiohttp.ClientConnectorDNSError as exc:
            self._unresolved[host] = f"host name not found: {host}"
            return _failed(result, "dns", self._unresolved[host], exc)
        except aiohttp.ClientConnectorCertificateError as exc:
            # Browsers accept many certificates Python rejects (a missing intermediate fetched via
            # AIA, say): whether the page is there is asked again without verifying, and the
            # certificate problem is reported beside the verdict instead of making the link dead.
            if not verify:
                return _failed(result, "tls", f"TLS error: {exc}", exc)
            retry = await self._once(method, url, want_body, verify=False)
            retry.tls_problem = str(exc.certificate_error)
            return retry
        except aiohttp.ClientSSLError as exc:
            return _failed(result, "tls", f"TLS error: {exc}", exc)
        except aiohttp.ClientConnectorError as exc:
            code = getattr(exc, "os_error", None) and exc.os_error.errno
            if code == errno.ECONNREFUSED:
                return _failed(result, "refused", "connection refused", exc)
            if code in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL):
                return _failed(result, "unreachable", f"network unreachable: {exc.os_error.strerror}", exc)
            return _failed(result, "connect", f"cannot connect: {exc}", exc)
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, aiohttp.ClientOSError,
                ConnectionResetError) as exc:
            return _failed(result, "reset", "connection reset or closed early", exc)
        except aiohttp.InvalidURL as exc:
            return _failed(result, "invalid-url", f"invalid URL: {exc}", exc)
        except aiohttp.ClientResponseError as exc:
            return _failed(result, "protocol", f"bad HTTP response: {exc.message}", exc)
        except aiohttp.ClientError as exc:
            return _failed(result, "protocol", f"{type(exc).__name__}: {exc}", exc)
        return result


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _address(url: str) -> str:
    """host:port, the unit that accepts connections or not (loopback test servers share a host)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return ""
    return f"{(parts.hostname or '').lower()}:{port}"


def _head_failed(result: Fetched) -> bool:
    """Servers that mishandle HEAD answer 4xx/5xx or drop the connection; GET is asked then.
    Not after a 429 (GET would be rate-limited too) or a timeout (it would time out again)."""
    if result.status is not None:
        return result.status >= 400 and result.status != 429
    return result.error in ("reset", "protocol")


def _failed(result: Fetched, error: str, detail: str, exc: BaseException | None = None) -> Fetched:
    if exc is not None and error in ("reset", "protocol") and result.status is not None:
        detail = f"{detail}, after a {result.status} status line"   # e.g. a body cut off midway
    result.status = None
    result.error = error
    result.detail = detail
    result.body = None
    return result


async def _read_capped(response: aiohttp.ClientResponse, cap: int) -> tuple[bytes, bool]:
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        if size + len(chunk) > cap:
            chunks.append(chunk[:cap - size])
            response.close()   # stop the transfer; the connection is not reused
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False


async def _discard(response: aiohttp.ClientResponse) -> None:
    """Read a small body so the connection can be reused; drop the connection for a large one."""
    if response.method == "HEAD":
        return
    length = response.content_length
    if length is not None and length <= 64 * 1024:
        await response.read()
    else:
        response.close()
