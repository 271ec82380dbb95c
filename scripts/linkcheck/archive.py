"""Archived copies: the Wayback Machine availability API's closest snapshot to a date.

https://archive.org/help/wayback_api.php — GET {api}?url=<url>&timestamp=<YYYYMMDDhhmmss> answers
{"archived_snapshots": {"closest": {"available": true, "status": "200", "timestamp": "...",
"url": "http://web.archive.org/web/<timestamp>/<url>"}}}, or an empty "archived_snapshots".
Only snapshots of a 200 response are used; their URL is given with https.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.linkcheck.client import Client

WAYBACK_API = "https://archive.org/wayback/available"
_TIMESTAMP = re.compile(r"^\d{4,14}$")
_SNAPSHOT = re.compile(r"^(https?://web\.archive\.org/web/\d{1,14})(?:[a-z]{2}_)?/(?=\w+:)")


@dataclass(frozen=True)
class Snapshot:
    url: str
    timestamp: str   # YYYYMMDDhhmmss


def raw_snapshot_url(url: str) -> str:
    """A Wayback Machine snapshot URL with the `id_` flag: the archived bytes as captured, without
    the toolbar and link rewriting (and a PDF as a PDF, not an HTML frame around it). Other URLs
    are returned as they are."""
    return _SNAPSHOT.sub(r"\1id_/", url, count=1)


def wayback_timestamp(date: str) -> str:
    """'2015-12-16' -> '20151216'; '' for anything that is not a YYYY[-MM[-DD]] date."""
    digits = date.replace("-", "")
    return digits if _TIMESTAMP.match(digits) else ""


async def closest_snapshot(client: Client, url: str, near: str = "",
                           api: str = WAYBACK_API) -> tuple[Snapshot | None, str]:
    """The snapshot of `url` closest to the date `near` (YYYY-MM-DD), or None; and, when the lookup
    itself failed, why (so "no snapshot" and "could not ask" are told apart)."""
    params = {"url": url}
    if wayback_timestamp(near):
        params["timestamp"] = wayback_timestamp(near)
    fetched, data = await client.get_json(api, params)
    if data is None:
        return None, f"archive lookup failed: {fetched.summary() or 'not JSON'}"
    closest = (data.get("archived_snapshots") or {}).get("closest") if isinstance(data, dict) else None
    if not isinstance(closest, dict) or not closest.get("available") or str(closest.get("status")) != "200":
        return None, ""
    snapshot_url = str(closest.get("url") or "")
    if not snapshot_url.startswith(("http://", "https://")):
        return None, "archive lookup gave no usable URL"
    if snapshot_url.startswith("http://web.archive.org/"):
        snapshot_url = "https://" + snapshot_url[len("http://"):]
    return Snapshot(snapshot_url, str(closest.get("timestamp") or "")), ""
