"""Load and validate the source registry: one YAML file per source in data/sources/.

Field names follow CSL (so Zotero's CSL-JSON maps one to one); our own fields are `tier`,
`title-en`, `container-title-en`, `publisher-en`, `original-url`, `archive-url`, `excerpts` and `note`.
`citation-key` (CSL's variable) keeps the key a contributor's own library gives the source (e.g. Better
BibTeX's `díaz-león:2013what`): pages may cite it as well as the id.
See data/sources/README.md for the format. Problems come back as `Finding`s with file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.citations.markdown import KEY
from scripts.findings import ERROR, WARNING, Finding, relpath

TIERS = {
    "official": "Official primary sources",
    "state-media": "State media",
    "analysis": "Secondary analysis",
    "news": "News reports",
    "ngo": "NGO reports",
    "corporate": "Company statements",
}

# CSL types we use, with the fields each needs beyond the common ones.
REQUIRED_BY_TYPE: dict[str, tuple[tuple[str, ...], ...]] = {
    "webpage": (("URL",),),
    "post-weblog": (("URL",),),
    "article-newspaper": (("container-title",),),
    "article-magazine": (("container-title",),),
    "article-journal": (("author",), ("container-title",)),
    "book": (("publisher",),),
    "chapter": (("container-title",), ("publisher",)),
    "report": (("publisher", "author"),),  # one of the two
    "speech": (("author",),),
    "interview": (("author",),),
    "legislation": (),
    "treaty": (),
    "document": (),
}
COMMON_REQUIRED = ("id", "type", "tier", "title", "issued", "language")
KNOWN_FIELDS = {
    *COMMON_REQUIRED, "title-en", "author", "editor", "container-title", "container-title-en",
    "publisher", "publisher-en", "publisher-place", "accessed", "URL", "original-url", "archive-url", "excerpts",
    "note", "page", "volume", "issue", "section", "genre", "DOI", "ISBN", "edition", "event",
    "event-place", "title-short", "title-zh", "container-title-zh", "ISSN", "citation-key",
}
# libyaml's loader where PyYAML was built with it (several times faster), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CITATION_KEY = re.compile(KEY)
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Name:
    family: str = ""
    given: str = ""
    literal: str = ""
    en: str = ""  # ours: the name as English notes give it, for non-Latin names

    def native(self) -> str:
        if self.literal:
            return self.literal
        if _is_cjk(self.family):
            return f"{self.family}{self.given}"
        return " ".join(p for p in (self.given, self.family) if p)


@dataclass(frozen=True)
class Excerpt:
    text: str
    locator: str
    line: int
    translation: str = ""  # ours, optional: our English (or Chinese) rendering of the passage


@dataclass
class Source:
    id: str
    type: str
    tier: str
    title: str
    issued: str
    language: str
    path: Path
    data: dict
    lines: dict[str, int] = field(default_factory=dict)
    authors: list[Name] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)

    def get(self, key: str, default: str = "") -> str:
        value = self.data.get(key, default)
        return "" if value is None else str(value)

    @property
    def url(self) -> str:
        return self.get("URL")

    @property
    def original_url(self) -> str:
        """The original publisher's page, when URL is a mirror or reprint where the text was read."""
        return self.get("original-url")

    @property
    def archive_url(self) -> str:
        return self.get("archive-url")

    @property
    def is_english(self) -> bool:
        return self.language.lower().startswith("en")

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass
class Registry:
    sources: dict[str, Source]
    findings: list[Finding]
    aliases: dict[str, str] = field(default_factory=dict)  # {citation-key: id}

    def resolve(self, key: str) -> str | None:
        """The id of the source that `key` (an id or a kept citation-key) names, None for none."""
        return key if key in self.sources else self.aliases.get(key)

    def __contains__(self, key: str) -> bool:
        return self.resolve(key) is not None

    def __getitem__(self, key: str) -> Source:
        return self.sources[self.resolve(key) or key]

    def ids(self, keys) -> set[str]:
        """The ids of the sources that `keys` name; unknown keys are left out."""
        return {self.resolve(key) for key in keys} - {None}

    def key_problems(self, key: str) -> list[tuple[str, str, str]]:
        """(code, message, severity) for a cited key that names no source, or names one by its
        citation-key; none for an id. The checker and the build report these."""
        source_id = self.resolve(key)
        if source_id is None:
            hint = self.suggest(key)
            return [("unknown-key", f"unknown source key {key!r}" + (f"; did you mean {hint!r}?" if hint else
                     "; add data/sources/<key>.yml or fix the key"), ERROR)]
        if source_id != key:
            return [("citation-key", f"{key!r} is the citation-key of {source_id!r}; it resolves, but cite "
                     f"the registry id: [@{source_id}]", WARNING)]
        return []

    def suggest(self, key: str) -> str | None:
        """The registered id closest to an unknown key, for a did-you-mean."""
        matches = difflib.get_close_matches(key, list(self.sources), n=1, cutoff=0.6)
        return matches[0] if matches else None


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def load_registry(sources_dir: Path, root: Path) -> Registry:
    """Read every `*.yml` in sources_dir. Bad files are reported, never silently dropped.

    A build asks once per language and per hook: the registry is read again only when a file in
    sources_dir has been added, removed or changed (as `project.settings` does for pyproject.toml).
    Callers only read it."""
    paths = tuple(sorted(sources_dir.glob("*.yml")))
    stamps = tuple((s.st_mtime_ns, s.st_size) for s in map(Path.stat, paths))
    return _read_registry(paths, root, stamps)


@lru_cache(maxsize=1)
def _read_registry(paths: tuple[Path, ...], root: Path, stamps: tuple) -> Registry:
    """`stamps` only keys the caches: this process's, and the registry kept in .cache/build/ by the
    last run with the same files and the same code (reading 205 files of YAML took a tenth of each
    build's second)."""
    from scripts.site import build_cache

    key = build_cache.digest(_code_version(), str(root), repr(paths), repr(stamps))
    registry = build_cache.load_pickle("registry", key)
    if registry is None:
        registry = _parse_registry(paths, root)
        build_cache.save_pickle("registry", key, registry)
    return registry


def _code_version() -> str:
    """What else decides the registry read from the files: this module's code and the classes kept."""
    from scripts import findings

    return yaml.__version__ + Path(__file__).read_text(encoding="utf-8") + Path(findings.__file__).read_text(encoding="utf-8")


def _parse_registry(paths: tuple[Path, ...], root: Path) -> Registry:
    sources: dict[str, Source] = {}
    findings: list[Finding] = []
    for path in paths:
        source, problems = load_source(path, root)
        findings.extend(problems)
        if source is None:
            continue
        if source.id in sources:
            first = relpath(sources[source.id].path, root)
            findings.append(Finding(relpath(path, root), source.line_of("id"), 1, "duplicate-id",
                                    f"source id {source.id!r} is already used by {first}; ids must be unique"))
            continue
        sources[source.id] = source
    findings.extend(_duplicate_urls(sources.values(), root))
    aliases, problems = _aliases(sources, root)
    return Registry(sources, findings + problems, aliases)


def _aliases(sources: dict[str, Source], root: Path) -> tuple[dict[str, str], list[Finding]]:
    """{citation-key: id}; a key that is another source's id or citation-key would cite two sources."""
    aliases: dict[str, str] = {}
    findings = []
    for source in sources.values():
        key = source.get("citation-key")
        if not key or key == source.id:
            continue
        taken = key if key in sources else aliases.get(key)
        if taken:
            findings.append(Finding(relpath(source.path, root), source.line_of("citation-key"), 1, "duplicate-key",
                                    f"citation-key {key!r} already names the source {taken!r}; "
                                    "a key may name one source only: change or remove it"))
        else:
            aliases[key] = source.id
    return aliases, findings


def compose_yaml(text: str):
    """(node, data) of a YAML document: the node tree keeps line numbers for error messages."""
    node = yaml.compose(text, Loader=_Loader)
    return node, (_Loader(text).construct_document(node) if node is not None else None)


def load_source(path: Path, root: Path) -> tuple[Source | None, list[Finding]]:
    rel = relpath(path, root)
    try:
        text = path.read_text(encoding="utf-8")
        node, data = compose_yaml(text)
    except UnicodeDecodeError as exc:
        return None, [Finding(rel, 0, 0, "bad-encoding", f"not UTF-8 ({exc.reason}); save the file as UTF-8")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [Finding(rel, line, col, "bad-yaml", f"malformed YAML: {problem}; check indentation and quote "
                              "values that contain ': ' or start with a quote, '[' or '{'")]
    if not isinstance(data, dict):
        return None, [Finding(rel, 1, 1, "bad-yaml", "a source file must be a YAML mapping of fields (key: value)")]
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    data = {k: _plain(v) for k, v in data.items()}
    source = Source(
        id=str(data.get("id", "")), type=str(data.get("type", "")), tier=str(data.get("tier", "")),
        title=str(data.get("title", "")), issued=str(data.get("issued", "")),
        language=str(data.get("language", "")), path=path, data=data, lines=lines,
    )
    findings = _validate(source, rel, node)
    return source, findings


def _plain(value):
    """YAML reads an unquoted 2015-12-16 as a date; keep dates as the strings the author wrote."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _validate(source: Source, rel: str, node) -> list[Finding]:
    out: list[Finding] = []

    def add(key: str, code: str, message: str, severity: str = ERROR, line: int | None = None):
        out.append(Finding(rel, line or source.line_of(key), 1, code, message, severity))

    data = source.data
    for key in data:
        if key not in KNOWN_FIELDS:
            folded = {k.casefold(): k for k in KNOWN_FIELDS}
            close = difflib.get_close_matches(str(key).casefold(), sorted(folded), n=1, cutoff=0.6)
            hint = f" (did you mean {folded[close[0]]!r}?)" if close else ""
            add(key, "unknown-field", f"unknown field {key!r}{hint}; see data/sources/README.md", WARNING)
    for key in COMMON_REQUIRED:
        if not data.get(key):
            add("id", "missing-field", f"missing required field {key!r}")
    if source.id and source.id != source.path.stem:
        add("id", "id-mismatch", f"id {source.id!r} does not match the file name; rename the file to {source.id}.yml")
    if source.id and not ID_PATTERN.match(source.id):
        add("id", "bad-id", f"id {source.id!r} may contain only lowercase letters, digits and hyphens")
    if source.type and source.type not in REQUIRED_BY_TYPE:
        valid = ", ".join(sorted(REQUIRED_BY_TYPE))
        add("type", "unknown-type", f"unknown source type {source.type!r}; valid types are: {valid}")
    for alternatives in REQUIRED_BY_TYPE.get(source.type, ()):
        if not any(data.get(k) for k in alternatives):
            add("type", "missing-field",
                f"a {source.type} needs {' or '.join(repr(k) for k in alternatives)}")
    if source.tier and source.tier not in TIERS:
        add("tier", "unknown-tier", f"unknown tier {source.tier!r}; valid tiers are: {', '.join(TIERS)}")
    if source.language and not source.is_english and not data.get("title-en"):
        add("title", "missing-field", "a source not in English needs 'title-en', our English translation of its title")
    for key in ("issued", "accessed"):
        if data.get(key) and not _valid_date(str(data[key])):
            add(key, "bad-date", f"{key} {data[key]!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    if data.get("citation-key") and not CITATION_KEY.fullmatch(str(data["citation-key"])):
        add("citation-key", "bad-id", f"citation-key {data['citation-key']!r} cannot be cited as [@key]; "
            "it may hold letters, digits and _:.#$%&+?<>~/- and no space")
    for key in ("URL", "original-url", "archive-url"):
        problem = url_problem(str(data[key])) if data.get(key) else ""
        if problem:
            add(key, "bad-url", f"{key} {data[key]!r} {problem}")
    if data.get("original-url") and not data.get("URL"):
        add("original-url", "missing-field", "'original-url' needs 'URL', the page where the text was read")
    if data.get("original-url") and data.get("URL") and normal_url(str(data["original-url"])) == normal_url(str(data["URL"])):
        add("original-url", "bad-url", "'original-url' is the same page as 'URL'; give it only when the text "
            "was read on a copy")
    if data.get("URL"):
        if not data.get("accessed"):
            add("URL", "missing-field", "a source with a URL needs 'accessed', the date we read it")
        if not data.get("archive-url"):
            add("URL", "no-archive", "no 'archive-url': add a real archived copy (the online source "
                "checker's --fix finds one); never construct one by hand", WARNING)
    source.authors = _names(data.get("author"), rel, source, out)
    source.excerpts = _excerpts(data.get("excerpts"), node, source, rel, out)
    return out


def _valid_date(value: str) -> bool:
    if not DATE_PATTERN.match(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


_HOST = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")


def url_problem(value: str) -> str:
    """What is wrong with a URL a reader is sent to, or "" when nothing is: it must be absolute
    http(s), without white space, with a host name of letters, digits, hyphens and single dots, and
    no trailing dot ("en.people.cn./n/..." is a copy-paste slip that some browsers do not open)."""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return "is not an absolute http(s) URL"
    if any(c.isspace() for c in value):
        return "contains white space"
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:
        return f"has an invalid host name {parts.hostname!r}"
    if host.endswith("."):
        return f"has a trailing dot after its host name {host!r}; remove it"
    if not _HOST.match(host):
        return f"has an invalid host name {host!r}"
    return ""


def _names(value, rel: str, source: Source, out: list[Finding]) -> list[Name]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        value = [value]
    names = []
    for item in value:
        if isinstance(item, str):
            names.append(Name(literal=item))
        elif isinstance(item, dict) and (item.get("family") or item.get("literal")):
            names.append(Name(**{k: str(item.get(k) or "") for k in ("family", "given", "literal", "en")}))
        else:
            out.append(Finding(rel, source.line_of("author"), 1, "bad-author",
                               "each author needs 'family' (and 'given') or 'literal'"))
    return names


def _excerpts(value, node, source: Source, rel: str, out: list[Finding]) -> list[Excerpt]:
    line = source.line_of("excerpts")
    if not value:
        out.append(Finding(rel, line if "excerpts" in source.lines else 1, 1, "no-excerpt",
                           "no 'excerpts': record at least one short verbatim passage that supports what we cite"))
        return []
    if not isinstance(value, list):
        out.append(Finding(rel, line, 1, "bad-excerpt", "'excerpts' must be a list of {text, locator}"))
        return []
    item_lines = _list_item_lines(node, "excerpts")
    excerpts = []
    for i, item in enumerate(value):
        item_line = item_lines[i] if i < len(item_lines) else line
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            out.append(Finding(rel, item_line, 1, "bad-excerpt", "an excerpt needs 'text' (verbatim) and 'locator'"))
            continue
        if not item.get("locator"):
            out.append(Finding(rel, item_line, 1, "bad-excerpt",
                               "an excerpt needs a 'locator' saying where in the source it is (page, paragraph, section)"))
        unknown = sorted(set(item) - {"text", "locator", "translation"})
        if unknown:
            out.append(Finding(rel, item_line, 1, "bad-excerpt", f"unknown excerpt field(s) {', '.join(unknown)}; "
                               "an excerpt has 'text', 'locator' and optionally 'translation'", WARNING))
        excerpts.append(Excerpt(str(item["text"]), str(item.get("locator") or ""), item_line,
                                str(item.get("translation") or "")))
    return excerpts


def _list_item_lines(node, key: str) -> list[int]:
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if k.value == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def normal_url(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}?{parts.query}"


def _duplicate_urls(sources, root: Path) -> list[Finding]:
    seen: dict[str, Source] = {}
    out = []
    for source in sources:
        if not source.url:
            continue
        key = normal_url(source.url)
        if key in seen:
            other = seen[key]
            out.append(Finding(relpath(source.path, root), source.line_of("URL"), 1, "duplicate-url",
                               f"URL already registered as {other.id!r} ({relpath(other.path, root)}); "
                               f"cite that source instead"))
        else:
            seen[key] = source
    return out
