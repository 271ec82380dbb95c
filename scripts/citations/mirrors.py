"""Originals over mirrors: sources read on a mirror, aggregator, gateway or reprint host.

data/mirror-hosts.yml lists the hosts. A source whose `URL` is on one of them keeps that URL (where
the text was read) and records the original publisher's page in `original-url`; until it does, the
checker warns. `summary_line` gives the count that `python -m scripts check` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.citations.registry import Registry, Source, load_registry
from scripts.findings import ERROR, WARNING, Finding, relpath
from scripts.project import Settings

HOSTS_FILE = Path("data") / "mirror-hosts.yml"
KINDS = {"mirror", "gateway", "aggregator", "reprint"}


@dataclass(frozen=True)
class MirrorHost:
    host: str
    kind: str
    note: str


def load_hosts(root: Path) -> tuple[list[MirrorHost], list[Finding]]:
    path = root / HOSTS_FILE
    return _load(path, path.stat().st_mtime_ns if path.exists() else None, root)


@lru_cache(maxsize=4)
def _load(path: Path, stamp: int | None, root: Path) -> tuple[list[MirrorHost], list[Finding]]:
    if stamp is None:
        return [], []
    rel = relpath(path, root)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Finding(rel, mark.line + 1 if mark else 1, 1, "bad-yaml", f"malformed YAML: {exc}")]
    hosts, findings = [], []
    for item in data if isinstance(data, list) else [None]:
        if not isinstance(item, dict) or not item.get("host") or item.get("kind") not in KINDS:
            findings.append(Finding(rel, 1, 1, "bad-mirror-host", f"each entry needs 'host' and a 'kind' "
                                    f"({', '.join(sorted(KINDS))}): {item!r}"))
            continue
        hosts.append(MirrorHost(str(item["host"]).lower().strip("."), str(item["kind"]), str(item.get("note", ""))))
    return hosts, findings


def mirror_host(url: str, hosts: list[MirrorHost]) -> MirrorHost | None:
    """The listed host that serves `url`, if any (the host itself or a subdomain of it)."""
    netloc = urlsplit(url).hostname or ""
    netloc = netloc.lower().strip(".")
    return next((h for h in hosts if netloc == h.host or netloc.endswith("." + h.host)), None)


def mirrored(registry: Registry, hosts: list[MirrorHost]) -> list[tuple[Source, MirrorHost]]:
    return [(s, h) for s in registry.sources.values() if s.url for h in [mirror_host(s.url, hosts)] if h]


def check(settings: Settings) -> list[Finding]:
    hosts, findings = load_hosts(settings.root)
    registry = load_registry(settings.sources_dir, settings.root)
    for source, host in mirrored(registry, hosts):
        rel = relpath(source.path, settings.root)
        if not source.original_url:
            findings.append(Finding(rel, source.line_of("URL"), 1, "mirror-source",
                                    f"URL is on {host.host} ({host.kind}: {host.note.rstrip('.')}); add "
                                    "'original-url' with the original publisher's page, or move the source to "
                                    "that page if its text can be read there", WARNING))
    for source in registry.sources.values():
        if source.original_url and mirror_host(source.original_url, hosts):
            findings.append(Finding(relpath(source.path, settings.root), source.line_of("original-url"), 1,
                                    "mirror-source", "'original-url' is itself on a mirror host "
                                    "(data/mirror-hosts.yml); give the original publisher's page", ERROR))
    return findings


def summary_line(settings: Settings) -> str:
    hosts, _ = load_hosts(settings.root)
    found = mirrored(load_registry(settings.sources_dir, settings.root), hosts)
    without = sum(1 for s, _ in found if not s.original_url)
    return (f"mirrors: {len(found)} source(s) read on mirror, gateway, aggregator or reprint hosts; "
            f"{without} without 'original-url'")
