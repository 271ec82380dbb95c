"""Fetched bodies as text, and the recorded excerpts looked for in that text.

HTML: the encoding is taken from a byte-order mark, the Content-Type header, a <meta> charset, or
else guessed by charset-normalizer; GB2312 and GBK labels are decoded as GB18030, their superset (as
browsers do), so Chinese government pages that declare gb2312 but use GBK characters decode cleanly.
PDF: the text layer, via pypdf. Matching uses scripts.checks.textnorm (CJK-aware normalisation).
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass

from scripts.checks.textnorm import contains_quote

# WHATWG Encoding Standard labels whose decoders are supersets of what the label names.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "csgb2312": "gb18030", "chinese": "gb18030", "iso-ir-58": "gb18030",
              "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
              "us-ascii": "cp1252", "big5": "big5hkscs", "shift_jis": "cp932", "euc-kr": "cp949"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class ContentError(Exception):
    """The body could not be read as the type it claims (a broken PDF, say)."""


@dataclass(frozen=True)
class Text:
    kind: str        # "html", "pdf" or "text"
    text: str
    encoding: str    # how the bytes were decoded ("" for PDF)


def python_codec(label: str) -> str | None:
    """The Python codec for an encoding label, widened to its superset; None when unknown."""
    label = label.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(body: bytes, header_charset: str = "") -> tuple[str, str]:
    """(text, encoding). Candidates in order: byte-order mark, Content-Type charset, <meta> charset,
    UTF-8, then charset-normalizer's guess. A declared encoding that does not decode the bytes
    cleanly (servers do mislabel) gives way to the next candidate; the last resort replaces errors."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    candidates = [python_codec(label) for label in (header_charset, _meta_charset(body)) if label]
    candidates.append("utf-8")
    for codec in dict.fromkeys(c for c in candidates if c):
        try:
            return body.decode(codec), codec
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    codec = (python_codec(best.encoding) if best else None) or candidates[0] or "utf-8"
    return body.decode(codec, errors="replace"), codec


def _meta_charset(body: bytes) -> str:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", "replace") if match else ""


def html_to_text(html: str) -> str:
    """Visible text of an HTML document: scripts, styles and templates dropped, blocks separated."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    return soup.get_text(" ")


def pdf_to_text(body: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"unreadable PDF: {exc}") from exc


def sniff_kind(body: bytes, content_type: str) -> str:
    """"html", "pdf", "text", or "" for a type whose text we do not read."""
    content_type = content_type.lower()
    if content_type == "application/pdf" or body.startswith(b"%PDF-"):
        return "pdf"
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    start = body[:512].lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if content_type.startswith("text/"):
        return "text"
    return ""


def extract_text(body: bytes, content_type: str = "", header_charset: str = "") -> Text | None:
    """The readable text of a body, or None when its type is one we do not read."""
    kind = sniff_kind(body, content_type)
    if kind == "pdf":
        return Text("pdf", pdf_to_text(body), "")
    if not kind:
        return None
    decoded, encoding = decode(body, header_charset)
    return Text(kind, html_to_text(decoded) if kind == "html" else decoded, encoding)


def missing_excerpts(text: str, excerpts: list) -> list:
    """The excerpts (objects with a .text) not found in `text`, in their order."""
    return [excerpt for excerpt in excerpts if not contains_quote(text, excerpt.text)]
