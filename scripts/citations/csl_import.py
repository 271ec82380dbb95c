"""Import a CSL-JSON export (Zotero, Better BibTeX, pandoc) into data/sources/, one YAML file per item.

Nothing is overwritten: an item whose id already exists is skipped and reported. Whatever cannot be
mapped (unknown fields or types, dates we cannot read) is reported per item, and every new file is
reported with what a person still has to add (tier, excerpts, title-en), since CSL has no such fields.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

from scripts import atomic
from scripts.citations.registry import ID_PATTERN, REQUIRED_BY_TYPE, TIERS
from scripts.findings import relpath

# CSL variables we carry over as they are.
DIRECT = ["title", "container-title", "publisher", "publisher-place", "URL", "DOI", "ISBN", "page",
          "volume", "issue", "section", "genre", "edition", "event", "event-place", "title-short", "note"]
NAMES = ["author", "editor"]
DATES = ["issued", "accessed"]
IGNORED = {"id", "type", "language", "citation-key", "abstract", "source", "keyword", "shortTitle",
           "journalAbbreviation", "container-title-short"}
TYPE_ALIASES = {"post": "post-weblog", "article": "document", "entry-encyclopedia": "webpage",
                "manuscript": "document", "paper-conference": "chapter", "personal_communication": "document"}


def make_id(raw: str) -> str:
    """A registry id from a CSL id: "xiWorkTogether2015" -> "xi-work-together-2015"."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Za-z])", "-", raw)
    return re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")


def csl_date(value) -> str | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if parts and parts[0] and all(isinstance(p, (int, str)) and str(p).isdigit() for p in parts[0]):
        numbers = [int(p) for p in parts[0][:3]]
        return "-".join([f"{numbers[0]:04d}"] + [f"{n:02d}" for n in numbers[1:]])
    raw = str(value.get("raw") or value.get("literal") or "")
    return raw if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", raw) else None


def csl_names(value) -> list[dict] | None:
    if not isinstance(value, list):
        return None
    names = []
    for name in value:
        if not isinstance(name, dict):
            return None
        kept = {k: name[k] for k in ("family", "given", "literal") if name.get(k)}
        if not kept:
            return None
        names.append(kept)
    return names


def convert(item: dict, tier: str | None) -> tuple[dict, list[str]]:
    """One CSL item -> (our source mapping, what could not be mapped or is still missing)."""
    notes: list[str] = []
    source: dict = {"id": make_id(str(item.get("id", "")))}
    csl_type = str(item.get("type", ""))
    our_type = TYPE_ALIASES.get(csl_type, csl_type)
    if our_type not in REQUIRED_BY_TYPE:
        notes.append(f"type {csl_type!r} has no equivalent here; set 'type' to one of: {', '.join(sorted(REQUIRED_BY_TYPE))}")
    elif our_type != csl_type:
        notes.append(f"type {csl_type!r} mapped to {our_type!r}; check it")
    source["type"] = our_type
    source["tier"] = tier or "TODO"
    if not tier:
        notes.append(f"set 'tier' (one of: {', '.join(TIERS)})")
    for key in DIRECT:
        if item.get(key):
            source[key] = item[key]
    for key in NAMES:
        if key in item:
            names = csl_names(item[key])
            if names is None:
                notes.append(f"could not read the names in {key!r}")
            else:
                source[key] = names
    for key in DATES:
        if key in item:
            date = csl_date(item[key])
            if date is None:
                notes.append(f"could not read the date in {key!r}: {json.dumps(item[key], ensure_ascii=False)}")
            else:
                source[key] = date
    source["language"] = item.get("language") or "TODO"
    if not item.get("language"):
        notes.append("set 'language' (e.g. en, zh-Hans)")
    elif not str(item["language"]).lower().startswith("en"):
        notes.append("add 'title-en', our English translation of the title")
    unmapped = sorted(set(item) - set(DIRECT) - set(NAMES) - set(DATES) - IGNORED)
    if unmapped:
        notes.append(f"fields not imported: {', '.join(unmapped)}")
    notes.append("add 'excerpts': short verbatim passages with locators")
    if source.get("URL"):
        notes.append("add 'archive-url' when a real archived copy exists")
    return source, notes


def run_import(path: Path, settings, tier: str | None = None, dry_run: bool = False) -> int:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(f"{path}:{exc.lineno}:{exc.colno}: error: not valid JSON: {exc.msg}", file=sys.stderr)
        return 2
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        print(f"{path}: error: a CSL-JSON file holds a list of items", file=sys.stderr)
        return 2
    if tier and tier not in TIERS:
        print(f"error: unknown tier {tier!r}; valid tiers are: {', '.join(TIERS)}", file=sys.stderr)
        return 2
    written = skipped = 0
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not item.get("id"):
            print(f"{path}: item {number}: skipped: no 'id'", file=sys.stderr)
            skipped += 1
            continue
        source, notes = convert(item, tier)
        target = settings.sources_dir / f"{source['id']}.yml"
        label = relpath(target, settings.root)
        if not ID_PATTERN.match(source["id"]):
            print(f"{path}: item {number}: skipped: cannot make an id from {item['id']!r}", file=sys.stderr)
            skipped += 1
            continue
        if target.exists():
            print(f"{label}: skipped: a source with this id exists (nothing overwritten)", file=sys.stderr)
            skipped += 1
            continue
        if not dry_run:
            atomic.write_text(target, yaml.safe_dump(source, allow_unicode=True, sort_keys=False, width=100))
        written += 1
        print(f"{label}: {'would write' if dry_run else 'written'}")
        for note in notes:
            print(f"  - {note}")
    print(f"{written} {'to write' if dry_run else 'written'}, {skipped} skipped", file=sys.stderr)
    return 0 if not skipped else 1
