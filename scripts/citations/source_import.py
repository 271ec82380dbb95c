"""Import a reference manager's export (Zotero, Better BibTeX, pandoc) into data/sources/, one YAML file
per item: CSL-JSON as it is, BibTeX and RIS converted to CSL-JSON by pandoc (the binary that the
`pypandoc-binary` wheel ships, so no network and no system pandoc).

For each item:
- the id is made from the item's own key, transliterated to ASCII (`díaz-león:2013what` gives
  `diaz-leon-2013-what`; hanzi by pinyin), or, when the key is no name (a Zotero URI, a number), from
  the first author, the year and the title (李明 gives `li-ming-2020-...`). A taken id gets a suffix
  (`-2`), and the report says so.
- the item's key is kept as `citation-key`, so that `[@díaz-león:2013what]` in a manuscript resolves
  to the source (the checker prefers the id); an item whose key or URL the registry already holds is
  skipped.
- the language is normalised (zh, zh-CN, zh-SG -> zh-Hans; zh-TW, zh-HK -> zh-Hant) or, when missing,
  guessed from the title's script (Han: simplified or traditional, by OpenCC's two conversions).
- a URL that is not http(s) with a host is an error: the item is not written, and the exit code is 1.
- every field is carried over where the registry has a place for it, or named in the report; so is
  every field of a BibTeX or RIS entry that pandoc's conversion drops (pandoc_fields.py).

Nothing is overwritten. Every new file is reported with what a person still has to add (tier,
excerpts, title-en), since exports have no such fields.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from scripts import atomic
from scripts.citations import pandoc_fields
from scripts.citations.registry import ID_PATTERN, REQUIRED_BY_TYPE, TIERS, load_registry, normal_url, url_problem
from scripts.findings import relpath
from scripts.checks.typography import HAN

# CSL variables the registry holds under the same name.
DIRECT = ["title", "container-title", "publisher", "publisher-place", "URL", "DOI", "ISBN", "ISSN", "page",
          "volume", "issue", "section", "genre", "edition", "event", "event-place", "title-short", "note"]
# Other names for them: CSL 1.1's event-title, Zotero's own shortTitle.
RENAMED = {"event-title": "event", "shortTitle": "title-short"}
NAMES = ["author", "editor"]
DATES = ["issued", "accessed"]
USED = {"id", "type", "language", "citation-key"}  # read to make the id, type, language and citation-key
TYPE_ALIASES = {"post": "post-weblog", "article": "document", "entry-encyclopedia": "webpage",
                "manuscript": "document", "paper-conference": "chapter", "personal_communication": "document",
                "misc": "document"}
LANGUAGE_ALIASES = {"zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-hans": "zh-Hans",
                    "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant": "zh-Hant"}
# pandoc's reader for each format the importer converts; CSL-JSON is read directly.
FORMATS = {".json": "csljson", ".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris"}
PANDOC_READERS = ("bibtex", "biblatex", "ris")
FORMAT_NAMES = {"csljson": "CSL-JSON", "bibtex": "BibTeX", "biblatex": "BibLaTeX", "ris": "RIS"}
TITLE_WORDS = 3  # title words in an id made from author, year and title


class ExportError(Exception):
    """The file cannot be read as the format it claims: the message names it."""


@dataclass
class Converted:
    key: str      # the item's own key (Better BibTeX's, the BibTeX or RIS ID), or "" when it names nothing
    source: dict
    notes: list[str] = field(default_factory=list)   # what a person still has to do or check
    errors: list[str] = field(default_factory=list)  # why the item cannot be written


# --- ids ---------------------------------------------------------------------------------------

_HAN = re.compile(f"[{HAN}]")
_HAN_OR_NOT = re.compile(f"[{HAN}]+|[^{HAN}]+")   # runs of hanzi, and of anything else


def _is_han(text: str) -> bool:
    """Whether the text starts with a hanzi."""
    return bool(_HAN.match(text))


def ascii_words(text: str) -> str:
    """Text in ASCII: hanzi as pinyin without tones, a word at a time (孙永革 -> "sun yongge" when given
    as family and given name; 中国参与 -> "zhongguo canyu"), any other script by anyascii."""
    from anyascii import anyascii

    out = []
    for run in _HAN_OR_NOT.findall(text):
        out.append(" ".join(_pinyin_words(run)) if _is_han(run) else anyascii(run))
    return " ".join(out)


def _pinyin_words(han: str) -> list[str]:
    import jieba
    from pypinyin import lazy_pinyin

    jieba.setLogLevel(60)  # no "Building prefix dict" chatter in the report
    return ["".join(lazy_pinyin(word)) for word in jieba.lcut(han)]


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens; a camelCase key is split at its humps."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Za-z])", "-", ascii_words(text))
    return re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")


def is_name(key: str) -> bool:
    """Whether an item's key names it (Better BibTeX's `díaz-león:2013what`), unlike a Zotero URI or a number."""
    return bool(key) and "://" not in key and re.search(r"[^\W\d_]", key) is not None


def make_id(key: str, item: dict) -> str:
    """A registry id from the item's key or, when the key is no name, its author, year and title."""
    if is_name(key):
        return slug(key)
    return slug(" ".join(p for p in (_first_author(item), _year(item), _title_words(item)) if p))


def _first_author(item: dict) -> str:
    names = item.get("author") or item.get("editor") or []
    first = names[0] if isinstance(names, list) and names and isinstance(names[0], dict) else {}
    family, given = str(first.get("family") or ""), str(first.get("given") or "")
    if _is_han(family):  # 李 + 明: "li ming", family name first, each part a word
        return f"{''.join(_pinyin_words(family))} {''.join(_pinyin_words(given))}".strip()
    return family or str(first.get("literal") or item.get("publisher") or "")


def _year(item: dict) -> str:
    date = csl_date(item.get("issued"))
    return date[:4] if date else ""


def _title_words(item: dict) -> str:
    return " ".join(slug(str(item.get("title") or "")).split("-")[:TITLE_WORDS])


# --- languages ---------------------------------------------------------------------------------

def normal_language(tag: str) -> str:
    """The project's tag for a Chinese variant (zh-CN -> zh-Hans, zh-TW -> zh-Hant); others as given."""
    return LANGUAGE_ALIASES.get(tag.strip().lower().replace("_", "-"), tag.strip())


def language_of_title(title: str) -> str | None:
    """zh-Hans or zh-Hant for a title in Han script (traditional when OpenCC's conversion to simplified
    changes more of it than the conversion to traditional does), en for one in Latin script, else None."""
    if _HAN.search(title):
        simplified, traditional = _opencc("t2s").convert(title), _opencc("s2t").convert(title)
        changed_by = lambda converted: sum(a != b for a, b in zip(title, converted))  # noqa: E731
        return "zh-Hant" if changed_by(simplified) > changed_by(traditional) else "zh-Hans"
    if re.search(r"[A-Za-z]", title) and all(ord(ch) < 0x250 or not ch.isalpha() for ch in title):
        return "en"
    return None


@lru_cache(maxsize=2)
def _opencc(conversion: str):
    from opencc import OpenCC

    return OpenCC(conversion)


# --- fields ------------------------------------------------------------------------------------

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


def convert(item: dict, tier: str | None, lost: list[str] = (), fmt: str = "CSL-JSON") -> Converted:
    """One CSL item -> our source mapping, what a person must still do, and why it cannot be written.
    `lost`: the fields of the export's entry that the conversion to CSL dropped (pandoc_fields)."""
    key = str(item.get("citation-key") or item.get("id") or "")
    out = Converted(key if is_name(key) else "", {"id": make_id(key, item)})
    if out.key and out.key != out.source["id"]:
        out.source["citation-key"] = key
    _convert_type(item, out)
    out.source["tier"] = tier or "TODO"
    if not tier:
        out.notes.append(f"set 'tier' (one of: {', '.join(TIERS)})")
    for name, value in [(k, item[k]) for k in DIRECT if item.get(k)] + \
                       [(RENAMED[k], item[k]) for k in RENAMED if item.get(k) and not item.get(RENAMED[k])]:
        out.source[name] = value
    _convert_names_and_dates(item, out)
    _convert_language(item, out)
    problem = url_problem(str(out.source["URL"])) if out.source.get("URL") else ""
    if problem:
        out.errors.append(f"URL {out.source['URL']!r} {problem}: correct it in the export (or remove it) and "
                          "import again")
    unmapped = sorted(set(item) - set(DIRECT) - set(RENAMED) - set(NAMES) - set(DATES) - USED)
    if unmapped:
        out.notes.append(f"fields not imported (no place for them in the registry): {', '.join(unmapped)}")
    if lost:
        out.notes.append(f"fields of the {fmt} entry that pandoc does not convert: {', '.join(lost)}")
    out.notes.append("add 'excerpts': short verbatim passages with locators")
    if out.source.get("URL") and not out.source.get("accessed"):
        out.notes.append("add 'accessed', the date you read the URL")
    if out.source.get("URL"):
        out.notes.append("add 'archive-url' when a real archived copy exists")
    return out


def _convert_type(item: dict, out: Converted) -> None:
    csl_type = str(item.get("type", ""))
    our_type = TYPE_ALIASES.get(csl_type, csl_type)
    if our_type not in REQUIRED_BY_TYPE:
        out.notes.append(f"type {csl_type!r} has no equivalent here; set 'type' to one of: "
                         f"{', '.join(sorted(REQUIRED_BY_TYPE))}")
    elif our_type != csl_type:
        out.notes.append(f"type {csl_type!r} mapped to {our_type!r}; check it")
    out.source["type"] = our_type


def _convert_names_and_dates(item: dict, out: Converted) -> None:
    readers = [(key, csl_names, "names") for key in NAMES] + [(key, csl_date, "date") for key in DATES]
    for key, read, what in readers:
        if key not in item:
            continue
        value = read(item[key])
        if value is None:
            out.notes.append(f"could not read the {what} in {key!r}: {json.dumps(item[key], ensure_ascii=False)}")
        else:
            out.source[key] = value


def _convert_language(item: dict, out: Converted) -> None:
    given = str(item.get("language") or "").strip()
    language = normal_language(given) if given else language_of_title(str(item.get("title") or ""))
    if not given and language:
        out.notes.append(f"language {language!r} guessed from the title's script; check it")
    elif given and language != given:
        out.notes.append(f"language {given!r} written as {language!r}")
    out.source["language"] = language or "TODO"
    if not language:
        out.notes.append("set 'language' (e.g. en, zh-Hans)")
    elif not language.lower().startswith("en"):
        out.notes.append("add 'title-en', our English translation of the title")


# --- reading -----------------------------------------------------------------------------------

def read_items(path: Path, fmt: str | None = None) -> tuple[str, list, dict[int, list[str]]]:
    """(format, CSL items, {item number: fields pandoc did not convert}) of an export; the format from
    the file's extension unless given."""
    fmt = fmt or FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"{path}: error: cannot tell the format from the extension {path.suffix!r}; "
                           f"name the file *.json, *.bib or *.ris, or pass --from")
    try:
        text = path.read_text(encoding="utf-8")
        items = json.loads(text if fmt == "csljson" else _pandoc_csl(path, fmt))
    except OSError as exc:
        raise ExportError(f"error: cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ExportError(f"{path}: error: not UTF-8 ({exc.reason}); export it as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise ExportError(f"{path}:{exc.lineno}:{exc.colno}: error: not valid JSON: {exc.msg}") from exc
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise ExportError(f"{path}: error: a CSL-JSON file holds a list of items")
    if fmt not in PANDOC_READERS:
        return fmt, items, {}
    raw = pandoc_fields.entries(text, fmt)
    lost = {number: pandoc_fields.complete(item, raw[item["id"]], fmt)
            for number, item in enumerate(items, 1) if isinstance(item, dict) and item.get("id") in raw}
    return fmt, items, lost


def _pandoc_csl(path: Path, fmt: str) -> str:
    import pypandoc

    try:
        return pypandoc.convert_file(str(path), to="csljson", format=fmt)
    except (RuntimeError, OSError) as exc:
        raise ExportError(f"{path}: error: pandoc cannot read it as {FORMAT_NAMES[fmt]}: "
                           f"{str(exc).strip()}") from exc


# --- writing -----------------------------------------------------------------------------------

def run_import(path: Path, settings, tier: str | None = None, dry_run: bool = False, fmt: str | None = None) -> int:
    """Import every item of an export; exit code 0, 1 when an item was refused or skipped, 2 on bad input."""
    if tier and tier not in TIERS:
        print(f"error: unknown tier {tier!r}; valid tiers are: {', '.join(TIERS)}", file=sys.stderr)
        return 2
    try:
        fmt, items, lost = read_items(path, fmt)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 2
    registry = load_registry(settings.sources_dir, settings.root)
    taken = set(registry.sources) | {p.stem for p in settings.sources_dir.glob("*.yml")}
    by_url = {normal_url(s.url): s.id for s in registry.sources.values() if s.url}
    written = skipped = 0
    for number, item in enumerate(items, 1):
        label = _label(item, number)
        if not isinstance(item, dict):
            print(f"{path}: item {number}: skipped: not a CSL item (a JSON object)", file=sys.stderr)
            skipped += 1
            continue
        converted = convert(item, tier, lost.get(number, []), FORMAT_NAMES[fmt])
        known = _known(converted, registry, by_url)
        if known:
            print(f"{path}: {label}: skipped: already imported as {known}; nothing overwritten", file=sys.stderr)
            skipped += 1
            continue
        if converted.errors or not ID_PATTERN.match(converted.source["id"]):
            reasons = converted.errors or ["cannot make an id from its key, author, year or title; give it a key"]
            for reason in reasons:
                print(f"{path}: {label}: error: {reason}", file=sys.stderr)
            skipped += 1
            continue
        _unique_id(converted, taken)
        taken.add(converted.source["id"])
        target = settings.sources_dir / f"{converted.source['id']}.yml"
        if not dry_run:
            atomic.write_text(target, yaml.safe_dump(converted.source, allow_unicode=True, sort_keys=False, width=100))
        written += 1
        print(f"{relpath(target, settings.root)}: {'would write' if dry_run else 'written'} ({label})")
        for note in converted.notes:
            print(f"  - {note}")
    print(f"{FORMAT_NAMES[fmt]}: {written} {'to write' if dry_run else 'written'}, {skipped} skipped or refused",
          file=sys.stderr)
    return 1 if skipped else 0


def _known(converted: Converted, registry, by_url: dict[str, str]) -> str:
    """Which registered source the item is, by its key or its URL ("" for none)."""
    if converted.key in registry:
        return f"{registry.resolve(converted.key)!r} (the same key)"
    url = str(converted.source.get("URL") or "")
    return f"{by_url[normal_url(url)]!r} (the same URL)" if url and normal_url(url) in by_url else ""


def _label(item, number: int) -> str:
    """How the report names an item: its number, key and title."""
    if not isinstance(item, dict):
        return f"item {number}"
    key = item.get("citation-key") or item.get("id")
    title = str(item.get("title") or "")
    short = title if len(title) <= 60 else title[:59].rstrip() + "…"
    return f"item {number}" + (f" [{key}]" if key else "") + (f" “{short}”" if title else "")


def _unique_id(converted: Converted, taken: set[str]) -> None:
    """Give a taken id the first free suffix (-2, -3, ...) and say so."""
    base = converted.source["id"]
    if base not in taken:
        return
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    converted.source["id"] = f"{base}-{number}"
    converted.notes.insert(0, f"the id {base!r} is taken: written as {converted.source['id']!r}; "
                              "rename it if a better one fits")
