"""Named actors (people, organisations, documents) from data/actors.yml and the glossary, found in a
text by any of their aliases in either language.

An alias in capitals (WIC, CAC, ITU) matches case-sensitively and as a whole word; so do a short
Latin alias (Xi), so that "Xi" is not found in "Xinhua", and a document's title, so that the slogan
"jointly build a community ..." is not taken for the white paper of that name. Other Latin aliases
match as whole words, ignoring case; Chinese aliases match anywhere (a document's with its 《》).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.findings import Finding, relpath

KINDS = {"person", "organisation", "document", "event"}


@dataclass(frozen=True)
class Actor:
    id: str
    kind: str
    aliases: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]

    def found_in(self, text: str) -> re.Match | None:
        """The first alias found in `text` (raw page or excerpt text)."""
        hits = [m for p in self.patterns for m in [p.search(text)] if m]
        return min(hits, key=lambda m: m.start()) if hits else None


def _pattern(alias: str, exact_case: bool = False) -> re.Pattern:
    if re.search(r"[\u3400-\u9fff]", alias):
        return re.compile(re.escape(alias))
    words = r"\s+".join(re.escape(w) for w in alias.replace("’", "'").split())
    words = words.replace("'", "['’]").replace(r"\-", "[-–—]")
    if alias.isupper() or len(alias) <= 3 or exact_case:  # "Xi" and "Xi's", not "Xinhua" or "Xi'an"
        return re.compile(rf"(?<![A-Za-z0-9]){words}(?![A-Za-z]|['’][a-rt-z])")
    return re.compile(rf"(?<![A-Za-z0-9]){words}(?![A-Za-z0-9])", re.IGNORECASE)


def load_actors(root: Path) -> tuple[list[Actor], list[Finding]]:
    path = root / "data" / "actors.yml"
    stamp = path.stat().st_mtime_ns if path.exists() else None
    return _load(root, stamp)


@lru_cache(maxsize=4)
def _load(root: Path, stamp: int | None) -> tuple[list[Actor], list[Finding]]:
    path = root / "data" / "actors.yml"
    rel = relpath(path, root)
    if stamp is None:
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Finding(rel, mark.line + 1 if mark else 1, 1, "bad-yaml", f"malformed YAML: {exc}")]
    if not isinstance(data, list):
        return [], [Finding(rel, 1, 1, "bad-actor", "data/actors.yml must be a list of actors (- id: ...)")]
    actors, findings = [], []
    for item in data:
        if not isinstance(item, dict) or not item.get("id"):
            findings.append(Finding(rel, 1, 1, "bad-actor", f"every actor needs an 'id': {item!r}"))
            continue
        if item.get("kind") not in KINDS:
            findings.append(Finding(rel, 1, 1, "bad-actor", f"actor {item['id']!r}: 'kind' must be one of "
                                    f"{', '.join(sorted(KINDS))}"))
        aliases = [str(a) for lang in ("en", "zh") for a in (item.get(lang) or [])]
        if item.get("glossary"):
            entry = root / "data" / "glossary" / f"{item['glossary']}.yml"
            if not entry.exists():
                findings.append(Finding(rel, 1, 1, "bad-actor", f"actor {item['id']!r}: no glossary entry "
                                        f"data/glossary/{item['glossary']}.yml"))
            else:
                glossary = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
                aliases += [str(glossary[k]) for k in ("term", "hanzi") if glossary.get(k)]
        if not aliases:
            findings.append(Finding(rel, 1, 1, "bad-actor", f"actor {item['id']!r} has no alias (en, zh or glossary)"))
            continue
        aliases = list(dict.fromkeys(aliases))
        actors.append(Actor(str(item["id"]), str(item.get("kind")), tuple(aliases),
                            tuple(_pattern(a, item.get("kind") == "document") for a in aliases)))
    return actors, findings


def named(actors: list[Actor], text: str) -> list[tuple[Actor, re.Match]]:
    """The actors named in `text`, each with its first mention."""
    out = []
    for actor in actors:
        match = actor.found_in(text)
        if match:
            out.append((actor, match))
    return sorted(out, key=lambda pair: pair[1].start())
