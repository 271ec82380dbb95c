"""Real HTTP servers on loopback for the online checker's tests (no mocked client anywhere).

`site` serves every behaviour the checker must handle, on 127.0.0.1; `wayback` answers like the
Wayback Machine availability API. Both run in a thread for the whole session.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.linkcheck.loopback import (
    LoopbackServer, Request, big_body, hang, head_not_allowed, ok, redirect, reset, respond, slow_body,
    status,
)

EXCERPT_EN = "Chinese officials held trainings and seminars on new media or information management"
EXCERPT_ZH = "各国应该共同构建网络空间命运共同体，推动网络空间互联互通、共享共治"
EXCERPT_PDF = "The Digital Silk Road connects partner countries through fibre-optic cables"

ARTICLE = f"""<!doctype html><html><head><meta charset="utf-8"><title>Report</title>
<script>var hidden = "{EXCERPT_EN} in a script is not text";</script></head>
<body><nav>Home</nav><article><p>Key findings:</p><p>{EXCERPT_EN.replace(' on ', ' on <em>')}</em>
with representatives from 36 out of the 65 countries assessed.</p></article></body></html>"""

SOFT_404 = """<!doctype html><html><head><meta charset="utf-8"><title>Page moved</title></head>
<body><h1>Sorry, this page is no longer available</h1><p>Try our home page.</p></body></html>"""


def gbk_page(text: str) -> bytes:
    """A Chinese government-style page: declared gb2312, encoded GBK, with ASCII commas and spaces
    inside the Chinese text (as stored copies often have)."""
    body = text.replace("，", ",").replace("、", ", ")
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"<title>习近平出席第二届世界互联网大会开幕式</title></head><body><div class=TRS_Editor>"
            f"<p>新华社乌镇12月16日电 {body}。</p><p>镕基 — 喆 (GBK-only characters)</p></div></body></html>")
    return html.encode("gbk")


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF 1.4 with the lines in Helvetica, written by hand (correct xref)."""
    def escape(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 50 750 Td 14 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PDF_WITH = make_pdf(["Report on digital infrastructure, 2023", EXCERPT_PDF.rsplit(" ", 3)[0],
                     " ".join(EXCERPT_PDF.rsplit(" ", 3)[1:]) + " and data centres."])
PDF_WITHOUT = make_pdf(["Report on digital infrastructure, 2023", "Nothing about cables here."])


def site_routes() -> dict:
    return {
        "/ok": ok("<html><body>fine</body></html>"),
        "/article": ok(ARTICLE),
        "/soft-404": ok(SOFT_404),
        "/gbk": ok(gbk_page(EXCERPT_ZH), "text/html"),           # no charset in the header
        "/report.pdf": ok(PDF_WITH, "application/pdf"),
        "/empty.pdf": ok(PDF_WITHOUT, "application/pdf"),
        "/old": redirect(301, "/older"),
        "/older": redirect(302, "/newest"),
        "/newest": ok("<html><body>moved here</body></html>"),
        "/perm": redirect(308, "/perm2"),
        "/perm2": redirect(301, "/ok"),
        "/temp": redirect(302, "/ok"),
        "/missing": status(404, "<html><body>Not found</body></html>"),
        "/gone": status(410, "<html><body>Gone</body></html>"),
        "/forbidden": status(403, "<html><body>No robots</body></html>"),
        "/rate-long": status(429, "", headers={"Retry-After": "3600"}),
        "/always-500": status(500),
        "/loop-a": redirect(302, "/loop-b"),
        "/loop-b": redirect(302, "/loop-a"),
        "/reset": reset(),
        "/hang": hang(),
        "/slow": slow_body(chunks=20, interval=0.2),
        "/huge": big_body(50 * 2**20),
        "/head-405": head_not_allowed(ok("<html><body>GET only</body></html>")),
        "/binary": ok(b"\x00\x01\x02", "application/octet-stream"),
    }


@pytest.fixture(scope="session")
def site():
    with LoopbackServer(site_routes()) as server:
        yield server


@pytest.fixture
def fresh_server():
    """A server of one's own, for tests that count requests or need sequences that run once."""
    servers = []

    def start(routes: dict, **kwargs) -> LoopbackServer:
        server = LoopbackServer(routes, **kwargs).__enter__()
        servers.append(server)
        return server
    yield start
    for server in servers:
        server.__exit__(None, None, None)


def wayback_handler(missing: set[str] = frozenset()):
    """Like archive.org/wayback/available: the closest snapshot of ?url=, near ?timestamp=."""
    async def handler(request: Request, writer) -> bool:
        query = parse_qs(urlsplit(request.path).query)
        url = query.get("url", [""])[0]
        stamp = (query.get("timestamp", ["20200101"])[0] + "000000")[:14]
        if not url or any(m in url for m in missing):
            data = {"url": url, "archived_snapshots": {}}
        else:
            data = {"url": url, "archived_snapshots": {"closest": {
                "status": "200", "available": True, "timestamp": stamp,
                "url": f"http://web.archive.org/web/{stamp}/{url}"}}}
        return await respond(writer, request, 200, json.dumps(data).encode(), {"Content-Type": "application/json"})
    return handler


@pytest.fixture(scope="session")
def wayback():
    with LoopbackServer({"/wayback/available": wayback_handler({"nosnapshot"})}) as server:
        yield server

