"""`--fix`: write found archived copies into the registry.

Only the one line is touched: `archive-url: <snapshot>` is inserted after the URL field (and its
continuation lines), or, with `force`, an existing single-line archive-url value is replaced. The
new text is parsed again before it is written, the write is atomic (scripts.atomic), and the diff is
shown. An existing archive-url is never replaced without `force`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.atomic import write_text
from scripts.linkcheck.check import ArchiveSuggestion

_ARCHIVE_LINE = re.compile(r"^archive-url:[ \t]*(?P<value>'[^']*'|\"[^\"]*\"|[^\s#'\"][^\s]*)"
                           r"(?P<rest>[ \t]+#.*)?[ \t]*$")


class FixError(Exception):
    """The file cannot be edited safely by the tool; the message says where and what to do by hand."""


@dataclass
class Edit:
    path: Path
    old: str
    new: str

    def diff(self, rel: str) -> str:
        return "".join(difflib.unified_diff(self.old.splitlines(True), self.new.splitlines(True),
                                            f"a/{rel}", f"b/{rel}"))


def plan(path: Path, suggestion: ArchiveSuggestion, force: bool) -> Edit | None:
    """The edit that records `suggestion.snapshot` in `path`, or None when nothing is to be done
    (no snapshot, the same one already there, or an existing one and no `force`)."""
    if not suggestion.snapshot or suggestion.snapshot == suggestion.current:
        return None
    if suggestion.current and not force:
        return None
    with open(path, encoding="utf-8", newline="") as handle:   # keep CRLF line endings as they are
        old = handle.read()
    lines = old.splitlines(keepends=True)
    data = yaml.safe_load(old)
    if not isinstance(data, dict):
        raise FixError(f"{suggestion.path}: not a YAML mapping")
    value = _yaml_value(suggestion.snapshot)
    if data.get("archive-url"):
        index = _key_line(lines, "archive-url")
        match = _ARCHIVE_LINE.match(lines[index].rstrip("\r\n")) if index is not None else None
        if index is None or match is None or _continues(lines, index):
            where = f"{suggestion.path}:{index + 1}" if index is not None else suggestion.path
            raise FixError(f"{where}: archive-url is not a one-line value the tool can rewrite; "
                           f"set it by hand to {suggestion.snapshot}")
        ending = lines[index][len(lines[index].rstrip("\r\n")):]
        lines[index] = f"archive-url: {value}{match.group('rest') or ''}{ending}"
    else:
        index = _key_line(lines, "URL")
        if index is None:
            raise FixError(f"{suggestion.path}: no URL field to put archive-url after")
        end = index + 1
        while end < len(lines) and _continues(lines, end - 1):
            end += 1
        ending = "\r\n" if lines[index].endswith("\r\n") else "\n"
        if not lines[end - 1].endswith(("\n", "\r")):
            lines[end - 1] += ending
        lines.insert(end, f"archive-url: {value}{ending}")
    new = "".join(lines)
    check = yaml.safe_load(new)

    def others(mapping: dict) -> dict:
        return {k: v for k, v in mapping.items() if k != "archive-url"}
    if not isinstance(check, dict) or check.get("archive-url") != suggestion.snapshot or others(check) != others(data):
        raise FixError(f"{suggestion.path}: could not add archive-url without changing other fields; "
                       f"set it by hand to {suggestion.snapshot}")
    return Edit(path, old, new)


def apply(edit: Edit) -> None:
    write_text(edit.path, edit.new)


def _key_line(lines: list[str], key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i for i, line in enumerate(lines) if pattern.match(line)), None)


def _continues(lines: list[str], index: int) -> bool:
    """Whether the line after `index` belongs to the same top-level field (indented, not blank)."""
    following = index + 1
    return following < len(lines) and lines[following][:1] in (" ", "\t") and lines[following].strip() != ""


def _yaml_value(url: str) -> str:
    """A URL as a YAML scalar: plain when that reads back the same, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {url}") == {"k": url} and " #" not in url:
            return url
    except yaml.YAMLError:
        pass
    return '"' + url.replace("\\", "\\\\").replace('"', '\\"') + '"'
