"""What pandoc's conversion of a BibTeX or RIS export to CSL-JSON leaves out, read from the export itself.

pandoc carries over what it maps to a CSL variable and drops the rest without a word: Zotero's RIS
access date (`Y2`), BibTeX's `language` and `copyright`, RIS's `J2` and `DP`. The importer reads each
entry's own field names, takes back the access date and the language (the registry needs both), and
names every other field that did not come through, so that its report stays complete.
"""

from __future__ import annotations

import re

# The CSL variable(s) that pandoc makes of each field; a field whose variables are all missing from
# the converted item did not come through. Fields not listed here have no CSL variable in pandoc.
RIS = {
    "TY": ("type",), "ID": ("id",), "TI": ("title",), "T1": ("title",), "AU": ("author",), "A1": ("author",),
    "A2": ("editor",), "ED": ("editor",), "T2": ("container-title",), "JO": ("container-title",),
    "JF": ("container-title",), "DA": ("issued",), "PY": ("issued",), "Y1": ("issued",), "Y2": ("accessed",),
    "IS": ("issue",), "SP": ("page",), "EP": ("page",), "VL": ("volume",), "DO": ("DOI",),
    "SN": ("ISSN", "ISBN"), "UR": ("URL",), "AB": ("abstract",), "LA": ("language",), "PB": ("publisher",),
    "CY": ("publisher-place",), "N1": ("note",), "KW": ("keyword",), "ET": ("edition",), "ER": (),
}
BIBTEX = {
    "title": ("title",), "author": ("author",), "editor": ("editor",), "journal": ("container-title",),
    "journaltitle": ("container-title",), "booktitle": ("container-title",), "year": ("issued",),
    "date": ("issued",), "month": ("issued",), "urldate": ("accessed",), "volume": ("volume",),
    "number": ("issue", "number"), "pages": ("page",), "doi": ("DOI",), "issn": ("ISSN",), "isbn": ("ISBN",),
    "url": ("URL",), "abstract": ("abstract",), "publisher": ("publisher",), "address": ("publisher-place",),
    "location": ("publisher-place",), "note": ("note",), "language": ("language",), "langid": ("language",),
    "organization": ("publisher",), "institution": ("publisher",), "keywords": ("keyword",),
    "edition": ("edition",), "shorttitle": ("title-short",), "entrysubtype": ("type",),
}
RECOVERED = {"accessed": ("Y2", "urldate"), "language": ("LA", "language", "langid")}
_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$", re.MULTILINE)
_BIBTEX_ENTRY = re.compile(r"^@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
_BIBTEX_FIELD = re.compile(r"^\s*([A-Za-z][\w-]*)\s*=\s*(.*?),?\s*$", re.MULTILINE)


def entries(text: str, fmt: str) -> dict[str, dict[str, str]]:
    """{entry key: {field name: first line of its value}} of a BibTeX or RIS export."""
    return _ris_entries(text) if fmt == "ris" else _bibtex_entries(text)


def _ris_entries(text: str) -> dict[str, dict[str, str]]:
    out, fields = {}, {}
    for tag, value in _RIS_LINE.findall(text):
        if tag == "ER":
            if fields.get("ID"):
                out[fields["ID"]] = fields
            fields = {}
        else:
            fields.setdefault(tag, value.strip())
    return out


def _bibtex_entries(text: str) -> dict[str, dict[str, str]]:
    starts = list(_BIBTEX_ENTRY.finditer(text))
    out = {}
    for match, following in zip(starts, starts[1:] + [None]):
        body = text[match.end():following.start() if following else len(text)]
        out[match.group(2)] = {name.lower(): value.strip().strip("{}\"") for name, value in _BIBTEX_FIELD.findall(body)}
    return out


def complete(item: dict, fields: dict[str, str], fmt: str) -> list[str]:
    """Take back into the converted item the access date and language pandoc dropped; return the names
    of the entry's other fields that did not come through."""
    mapping = RIS if fmt == "ris" else BIBTEX
    for variable, names in RECOVERED.items():
        value = next((fields[name] for name in names if fields.get(name)), "")
        if value and not item.get(variable):
            item[variable] = _date(value) if variable == "accessed" else value
    lost = []
    for name in fields:
        variables = mapping.get(name)
        if variables != () and not any(item.get(variable) for variable in variables or ()):
            lost.append(name)
    return lost


def _date(value: str) -> dict:
    """A CSL date from "2015/11/14/18:07:41" (RIS) or "2015-11-14" (BibTeX)."""
    parts = [int(p) for p in re.findall(r"\d+", value)[:3]]
    return {"date-parts": [parts]} if parts else {"raw": value}
