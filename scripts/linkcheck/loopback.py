"""A small HTTP/1.1 server on loopback addresses, for the checker's tests and its benchmark.

Routes map a path to a behaviour: a status, a redirect, a slow or oversized body, a reset
connection, a sequence of behaviours (503, 503, then 200). The server counts, per host address,
the connections open at once and the requests in progress at once, so that a test or the benchmark
can see whether a client kept to its per-host limit. Only 127.0.0.0/8 addresses are accepted.

    with LoopbackServer({"/ok": ok("hello")}) as server:
        url = server.url("/ok")
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import struct
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Awaitable, Callable

REASONS = {200: "OK", 206: "Partial Content", 301: "Moved Permanently", 302: "Found", 303: "See Other",
           307: "Temporary Redirect", 308: "Permanent Redirect", 401: "Unauthorized", 403: "Forbidden",
           404: "Not Found", 405: "Method Not Allowed", 410: "Gone", 429: "Too Many Requests",
           500: "Internal Server Error", 503: "Service Unavailable"}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    host: str          # the loopback address the client connected to
    extra_headers: dict[str, str] = field(default_factory=dict)   # the server's, for every response


@dataclass
class Stats:
    open_connections: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    max_connections: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    in_progress: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    max_in_progress: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total_in_progress: int = 0
    max_total_in_progress: int = 0
    requests: list[tuple[str, str, str]] = field(default_factory=list)   # (host, method, path)
    user_agents: set[str] = field(default_factory=set)
    # Wall-clock (time.time()) of the first request's arrival and the last response's end, so that a
    # client's start-up can be told from its checking time.
    first_request: float | None = None
    last_response: float | None = None

    def as_dict(self) -> dict:
        return {"max_connections": dict(self.max_connections), "max_in_progress": dict(self.max_in_progress),
                "max_total_in_progress": self.max_total_in_progress, "requests": len(self.requests),
                "first_request": self.first_request, "last_response": self.last_response}


Writer = asyncio.StreamWriter
Handler = Callable[[Request, Writer], Awaitable[bool]]   # returns False to close the connection


def response_head(request: Request, status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
    lines += [f"{k}: {v}" for k, v in {**request.extra_headers, **headers}.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def respond(writer: Writer, request: Request, status: int, body: bytes = b"",
                  headers: dict[str, str] | None = None) -> bool:
    writer.write(response_head(request, status, {"Content-Length": str(len(body)), **(headers or {})}))
    if request.method != "HEAD":
        writer.write(body)
    await writer.drain()
    return True


def status(code: int, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8",
           headers: dict[str, str] | None = None) -> Handler:
    data = body.encode("utf-8") if isinstance(body, str) else body

    async def handler(request: Request, writer: Writer) -> bool:
        return await respond(writer, request, code, data, {"Content-Type": content_type, **(headers or {})})
    return handler


def ok(body: bytes | str = b"ok", content_type: str = "text/html; charset=utf-8") -> Handler:
    return status(200, body, content_type)


def redirect(code: int, location: str) -> Handler:
    return status(code, b"", headers={"Location": location})


def head_not_allowed(then: Handler, code: int = 405) -> Handler:
    """`code` (405 by default) to HEAD, `then` to GET (a server that mishandles HEAD)."""
    async def handler(request: Request, writer: Writer) -> bool:
        if request.method == "HEAD":
            return await respond(writer, request, code, b"")
        return await then(request, writer)
    return handler


def sequence(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th behaviour; the last one repeats."""
    count = 0

    async def handler(request: Request, writer: Writer) -> bool:
        nonlocal count
        current = handlers[min(count, len(handlers) - 1)]
        count += 1
        return await current(request, writer)
    return handler


def slow_body(chunks: int, interval: float, chunk: bytes = b"x" * 100) -> Handler:
    """Headers at once, then the body a chunk at a time, `interval` seconds apart."""
    async def handler(request: Request, writer: Writer) -> bool:
        writer.write(response_head(request, 200, {"Content-Type": "text/html",
                                                   "Content-Length": str(chunks * len(chunk))}))
        await writer.drain()
        if request.method == "HEAD":
            return True
        for _ in range(chunks):
            await asyncio.sleep(interval)
            writer.write(chunk)
            await writer.drain()
        return True
    return handler


def big_body(size: int, prefix: bytes = b"<html><body>", content_type: str = "text/html") -> Handler:
    """A body of `size` bytes, sent without a Content-Length (chunked), so only a cap stops it."""
    async def handler(request: Request, writer: Writer) -> bool:
        writer.write(response_head(request, 200, {"Content-Type": content_type, "Transfer-Encoding": "chunked"}))
        if request.method == "HEAD":
            writer.write(b"0\r\n\r\n")
            await writer.drain()
            return True
        sent = 0
        block = prefix + b"a" * (64 * 1024 - len(prefix))
        try:
            while sent < size:
                piece = block[:size - sent] if sent == 0 else (b"a" * min(64 * 1024, size - sent))
                writer.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                await writer.drain()
                sent += len(piece)
            writer.write(b"0\r\n\r\n")
            await writer.drain()
        except (ConnectionError, OSError):
            return False
        return True
    return handler


def reset() -> Handler:
    """Close the connection with a TCP reset, sending nothing."""
    async def handler(request: Request, writer: Writer) -> bool:
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()
        return False
    return handler


def hang(seconds: float = 3600) -> Handler:
    """Read the request, then say nothing (a read timeout for the client)."""
    async def handler(request: Request, writer: Writer) -> bool:
        await asyncio.sleep(seconds)
        return False
    return handler


class LoopbackServer:
    """Serves `routes` on each of `hosts` (127.x.y.z addresses), all on one port, from a thread.

    `delay` seconds of latency are added before every response. `default` answers unknown paths
    (a 404 unless given). `extra_headers` go on every response. With `ssl` (an SSLContext) it
    speaks HTTPS.
    """

    def __init__(self, routes: dict[str, Handler] | None = None, hosts: list[str] | None = None,
                 delay: float = 0.0, default: Handler | None = None, extra_headers: dict[str, str] | None = None,
                 ssl=None):
        self.routes = dict(routes or {})
        self.hosts = hosts or ["127.0.0.1"]
        for host in self.hosts:
            if not ipaddress.ip_address(host).is_loopback:
                raise ValueError(f"{host} is not a loopback address")
        self.delay = delay
        self.default = default or status(404, "<html><body>Not found</body></html>")
        self.extra_headers = extra_headers or {}
        self.ssl = ssl
        self.stats = Stats()
        self.port = 0
        self._servers: list[asyncio.base_events.Server] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def url(self, path: str, host: str | None = None) -> str:
        return f"{'https' if self.ssl else 'http'}://{host or self.hosts[0]}:{self.port}{path}"

    # -- running -----------------------------------------------------------------------------------
    async def start_async(self) -> None:
        """Bind every host on one free port (tried again with another port if one is taken)."""
        for _ in range(20):
            first = await asyncio.start_server(self._connection, self.hosts[0], 0, backlog=1024, ssl=self.ssl)
            self.port = first.sockets[0].getsockname()[1]
            servers = [first]
            try:
                for host in self.hosts[1:]:
                    servers.append(await asyncio.start_server(self._connection, host, self.port, backlog=1024,
                                                              ssl=self.ssl))
            except OSError:
                for server in servers:
                    server.close()
                continue
            self._servers = servers
            return
        raise OSError("no port free on every loopback host")

    async def stop_async(self) -> None:
        for server in self._servers:
            server.close()

    def __enter__(self) -> LoopbackServer:
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self._loop = loop
            try:
                loop.run_until_complete(self.start_async())
            except BaseException as exc:  # reported to the caller below
                failure.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self.stop_async())
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.close()

        self._thread = threading.Thread(target=run, name="loopback-http", daemon=True)
        self._thread.start()
        ready.wait(10)
        if failure:
            raise failure[0]
        return self

    def __exit__(self, *exc) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def reset_stats(self) -> None:
        with self._lock:
            self.stats = Stats()

    # -- serving -----------------------------------------------------------------------------------
    async def _connection(self, reader: asyncio.StreamReader, writer: Writer) -> None:
        host = writer.get_extra_info("sockname")[0]
        stats = self.stats
        with self._lock:
            stats.open_connections[host] += 1
            stats.max_connections[host] = max(stats.max_connections[host], stats.open_connections[host])
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                request = _parse(head, host)
                if request is None:
                    return
                request.extra_headers = self.extra_headers
                with self._lock:
                    if stats.first_request is None:
                        stats.first_request = time.time()
                    stats.requests.append((host, request.method, request.path))
                    stats.user_agents.add(request.headers.get("user-agent", ""))
                    stats.in_progress[host] += 1
                    stats.max_in_progress[host] = max(stats.max_in_progress[host], stats.in_progress[host])
                    stats.total_in_progress += 1
                    stats.max_total_in_progress = max(stats.max_total_in_progress, stats.total_in_progress)
                try:
                    if self.delay:
                        await asyncio.sleep(self.delay)
                    handler = self.routes.get(request.path.split("?")[0], self.default)
                    keep = await handler(request, writer)
                finally:
                    with self._lock:
                        stats.in_progress[host] -= 1
                        stats.total_in_progress -= 1
                        stats.last_response = time.time()
                if not keep or request.headers.get("connection", "").lower() == "close":
                    return
        except (ConnectionError, OSError, asyncio.CancelledError):
            return
        finally:
            with self._lock:
                stats.open_connections[host] -= 1
            try:
                writer.close()
            except (ConnectionError, OSError, RuntimeError):
                pass


def _parse(head: bytes, host: str) -> Request | None:
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        return None
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    return Request(parts[0], parts[1], headers, host)


class Blackhole:
    """A loopback port whose connect() hangs: a listening socket with a full accept queue that never
    accepts, so new SYNs are dropped (Linux). For connect-timeout tests."""

    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._fillers: list[socket.socket] = []

    def __enter__(self) -> Blackhole:
        self._listener.bind((self.host, 0))
        self._listener.listen(0)
        self.port = self._listener.getsockname()[1]
        for _ in range(8):   # fill the accept queue until a connect no longer completes at once
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            self._fillers.append(filler)
            if filler.connect_ex((self.host, self.port)) != 0:
                break
        return self

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def __exit__(self, *exc) -> None:
        for sock in self._fillers:
            sock.close()
        self._listener.close()


def closed_port(host: str = "127.0.0.1") -> int:
    """A port with nothing listening on it (connection refused), as far as can be known."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]
