"""Build the real site for a loopback address and serve it, for the browser benchmarks (page weight,
Lighthouse). The server answers like a static host: gzip for text when the browser accepts it (as
GitHub Pages does), the site's 404 page for a missing path."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from scripts.project import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps"]
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(site_dir: Path, base_url: str, config_file: str = "mkdocs.yml", env: dict | None = None) -> None:
    """`mkdocs build --strict` of `config_file` (in the project root) for `base_url` into site_dir."""
    env = {**os.environ, "SITE_URL": base_url, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                             config_file, "--site-dir", str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = True
    # Keep-alive, as any static host offers (GitHub Pages speaks HTTP/2): with Python's default
    # HTTP/1.0 every request opened a new connection, and Lighthouse's simulated slow 4G charged a
    # handshake to each stylesheet and script.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        body, ctype = path.read_bytes(), self.guess_type(str(path))
        gzipped = self.compress and ctype.startswith(TEXT_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.exists() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a kept-alive connection (Lighthouse does, after each run) is no error.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def serve(site_dir: Path, port: int, compress: bool = True) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_and_serve(site_dir: Path, compress: bool = True) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Build the site into site_dir for a free loopback port and serve it there; (server, base URL)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    build(site_dir, base_url)
    return serve(site_dir, port, compress), base_url
