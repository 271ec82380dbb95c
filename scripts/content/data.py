"""Timeline and glossary: structured content in data/timeline/*.yml and data/glossary/*.yml (one
file per entry), checked here and rendered into the Timeline and Glossary pages of each language.

Texts carry citations like pages do (`[@key]`): the citation engine renders them on the page, and
the checker sees them here, with the data file and line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.citations.markdown import find_citations
from scripts.citations.registry import compose_yaml
from scripts.citations.pages import load_pages
from scripts.findings import ERROR, Finding, relpath

REGIONS = {
    "global": ("Global", "全球"),
    "africa": ("Africa", "非洲"),
    "southeast-asia": ("Southeast Asia", "东南亚"),
    "latin-america": ("Latin America", "拉丁美洲"),
    "middle-east": ("Middle East", "中东"),
}
KINDS = {
    "speech": ("Speech", "讲话"),
    "document": ("Document", "文件"),
    "conference": ("Conference", "会议"),
    "initiative": ("Initiative", "倡议"),
    "agreement": ("Agreement", "协议"),
    "project": ("Project", "项目"),
    "analysis": ("Analysis", "分析"),
}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TIMELINE_MARKER = "<!-- timeline -->"
GLOSSARY_MARKER = "<!-- glossary -->"


@dataclass
class Entry:
    path: Path
    data: dict
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))

    def text(self, key: str, locale: str) -> str:
        """The entry's text in `locale`, falling back to English."""
        value = self.data.get(key) or {}
        return str(value.get(locale) or value.get("en") or "") if isinstance(value, dict) else ""

    def line(self, key: str) -> int:
        """The line of a field; "summary.zh" gives the line of a nested field, else its parent's."""
        return self.lines.get(key) or self.lines.get(key.split(".")[0], 1)


def _load(folder: Path, root: Path) -> tuple[list[Entry], list[Finding]]:
    entries, findings = [], []
    for path in sorted(folder.glob("*.yml")):
        stat = path.stat()
        entry, finding = _read_entry(path, root, stat.st_mtime_ns, stat.st_size)
        if entry is not None:
            entries.append(entry)
        else:
            findings.append(finding)
    return entries, findings


@lru_cache(maxsize=4096)
def _read_entry(path: Path, root: Path, mtime_ns: int, size: int) -> tuple[Entry | None, Finding | None]:
    """One data file, parsed once for as long as it is unchanged (by modification time and size): a
    build asks for the timeline and the glossary a dozen times."""
    rel = relpath(path, root)
    try:
        node, data = compose_yaml(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return None, Finding(rel, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, "bad-yaml",
                             f"malformed YAML: {exc.problem}; check indentation and quoting")
    if not isinstance(data, dict):
        return None, Finding(rel, 1, 1, "bad-yaml", "an entry must be a YAML mapping of fields")
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    lines |= {f"{k.value}.{k2.value}": k2.start_mark.line + 1 for k, v in node.value
              if isinstance(v, yaml.MappingNode) for k2, _ in v.value}
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    return Entry(path, data, lines), None


def load_timeline(settings) -> tuple[list[Entry], list[Finding]]:
    entries, findings = _load(settings.root / "data" / "timeline", settings.root)
    entries.sort(key=lambda e: (str(e.data.get("date", "")), e.id))
    return entries, findings


def load_glossary(settings) -> tuple[list[Entry], list[Finding]]:
    entries, findings = _load(settings.root / "data" / "glossary", settings.root)
    entries.sort(key=lambda e: _headword(e).casefold())
    return entries, findings


def _headword(entry: Entry) -> str:
    """The English headword: `term` when given, else the first attested translation."""
    if entry.data.get("term"):
        return str(entry.data["term"])
    translations = entry.data.get("translations") or []
    first = translations[0] if translations and isinstance(translations[0], dict) else {}
    return str(first.get("text") or entry.data.get("literal") or entry.id)


# Checks ------------------------------------------------------------------------------------------

def _require(entry: Entry, rel: str, keys: tuple[str, ...]) -> list[Finding]:
    return [Finding(rel, 1, 1, "missing-field", f"missing required field {key!r}") for key in keys
            if not entry.data.get(key)]


def validate(settings) -> list[Finding]:
    """Field checks for timeline and glossary entries (citations are checked with the pages)."""
    timeline, findings = load_timeline(settings)
    glossary, more = load_glossary(settings)
    findings += more
    for entry in timeline:
        rel = relpath(entry.path, settings.root)
        findings += _require(entry, rel, ("id", "date", "region", "kind", "title", "summary"))
        if entry.id and entry.id != entry.path.stem:
            findings.append(Finding(rel, entry.line("id"), 1, "id-mismatch", f"id {entry.id!r} does not match the file name"))
        date = str(entry.data.get("date", ""))
        if date and not DATE.match(date):
            findings.append(Finding(rel, entry.line("date"), 1, "bad-date", f"date {date!r}: write YYYY, YYYY-MM or YYYY-MM-DD"))
        for key, allowed in (("region", REGIONS), ("kind", KINDS)):
            value = entry.data.get(key)
            if value and value not in allowed:
                findings.append(Finding(rel, entry.line(key), 1, f"unknown-{key}",
                                        f"unknown {key} {value!r}; valid: {', '.join(allowed)}"))
        findings += _countries(entry, rel)
        findings += _page_link(entry, rel, settings) + _uncited(entry, rel, "summary")
    for entry in glossary:
        rel = relpath(entry.path, settings.root)
        findings += _require(entry, rel, ("id", "hanzi", "pinyin", "literal", "definition", "translations"))
        if entry.id and entry.id != entry.path.stem:
            findings.append(Finding(rel, entry.line("id"), 1, "id-mismatch", f"id {entry.id!r} does not match the file name"))
        for item in entry.data.get("translations") or []:
            if not isinstance(item, dict) or not item.get("text") or not item.get("cite"):
                findings.append(Finding(rel, entry.line("translations"), 1, "bad-translation",
                                        "each translation needs 'text', 'used' and 'cite' (a list of source ids)"))
        findings += _page_link(entry, rel, settings) + _uncited(entry, rel, "definition")
    return findings


def _countries(entry: Entry, rel: str) -> list[Finding]:
    """`countries` (optional): the ISO 3166-1 alpha-2 codes of the countries an event is an example
    for, e.g. [IR]; they put the country on the map of regional examples."""
    value = entry.data.get("countries")
    if value is None:
        return []
    if not isinstance(value, list):
        return [Finding(rel, entry.line("countries"), 1, "bad-countries",
                        "countries must be a list of ISO 3166-1 alpha-2 codes, e.g. [IR, TH]")]
    known = country_codes()
    return [Finding(rel, entry.line("countries"), 1, "bad-countries",
                    f"unknown country code {code!r}; write an ISO 3166-1 alpha-2 code such as IR or TH")
            for code in value if str(code) not in known]


def country_codes() -> set[str]:
    """Every ISO 3166-1 alpha-2 code that CLDR names (through babel, a dependency of Material)."""
    from babel import Locale

    groupings = {"EU", "EZ", "UN", "QO", "ZZ"}  # CLDR's two-letter codes that are not countries
    return {code for code in Locale("en").territories
            if len(code) == 2 and code.isalpha() and code not in groupings}


def _uncited(entry: Entry, rel: str, key: str) -> list[Finding]:
    """Every summary and definition states facts, so each of its texts must cite a source."""
    value = entry.data.get(key)
    texts = value.items() if isinstance(value, dict) else []
    return [Finding(rel, entry.line(f"{key}.{locale}"), 1, "coverage",
                    f"{key}.{locale} cites no source; end it with [@source-id]")
            for locale, text in texts if not cited_keys(str(text))]


def _page_link(entry: Entry, rel: str, settings) -> list[Finding]:
    page = str(entry.data.get("page") or "")
    if page and not (settings.docs_dir / "en" / page.split("#")[0]).exists():
        return [Finding(rel, entry.line("page"), 1, "bad-page", f"page {page!r} is not a page in docs/en/")]
    return []


@dataclass(frozen=True)
class CitingText:
    """A piece of data text that may cite sources, and where it is."""
    path: str
    line: int
    field: str
    locale: str
    text: str


def citing_texts(settings) -> list[CitingText]:
    out = []
    timeline, _ = load_timeline(settings)
    glossary, _ = load_glossary(settings)
    for entry, keys in [(e, ("title", "summary")) for e in timeline] + [(e, ("definition",)) for e in glossary]:
        rel = relpath(entry.path, settings.root)
        for key in keys:
            value = entry.data.get(key)
            if isinstance(value, dict):
                out += [CitingText(rel, entry.line(f"{key}.{locale}"), key, locale, str(text))
                        for locale, text in value.items()]
        for item in entry.data.get("translations") or []:
            if isinstance(item, dict):
                cites = " ".join(f"[@{c}]" for c in item.get("cite") or [])
                out.append(CitingText(rel, entry.line("translations"), "translations", "en", cites))
    return out


def cited_keys(text: str) -> set[str]:
    return {key for citation in find_citations(text)[0] for key in citation.keys}


# Rendering -----------------------------------------------------------------------------------------

def format_date(date: str, locale: str) -> str:
    parts = [int(p) for p in date.split("-")]
    if locale == "zh":
        return "".join(f"{n}{unit}" for n, unit in zip(parts, ("年", "月", "日")))
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS_EN[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS_EN[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _label(table: dict, key: str, locale: str) -> str:
    english, chinese = table.get(key, (key, key))
    return chinese if locale == "zh" else english


def _more(entry: Entry, label: str, titles: dict[str, str]) -> str:
    page = str(entry.data["page"])
    return f"{label}: [{titles.get(page.split('#')[0], page)}]({page})"


TIMELINE_LABELS = {
    "en": {"more": "More", "filter": "Filter the timeline", "region": "Region", "kind": "Kind",
           "all_regions": "All regions", "all_kinds": "All kinds",
           "count": "Showing {shown} of {total} events", "none": "No event matches both choices.",
           "reset": "Show all events"},
    "zh": {"more": "详见", "filter": "筛选大事记", "region": "地区", "kind": "类型",
           "all_regions": "全部地区", "all_kinds": "全部类型", "count": "显示{total}条中的{shown}条",
           "none": "没有同时符合这两项条件的事件。", "reset": "显示全部事件"},
}


def filter_form(prefix: str, fields: list[tuple[str, str, str, list[tuple[str, str]]]], label: str,
                count: str, none: str = "", reset: str = "") -> str:
    """A filter form for a list of items carrying data attributes (the Timeline, Claims checked):
    one select per (name, label, "all" label, [(value, label)]). It is `hidden` until the reader script
    shows it, so that readers without JavaScript never see a control that does nothing; they get the
    whole list. `none` is said when nothing matches, with a `reset` button that shows everything."""
    def select(name: str, title: str, everything: str, options: list[tuple[str, str]]) -> str:
        items = [f'<option value="">{everything}</option>'] + [f'<option value="{v}">{t}</option>' for v, t in options]
        return (f'<div class="timeline-filter__field"><label for="{prefix}-{name}">{title}</label>'
                f'<select id="{prefix}-{name}" name="{name}">{"".join(items)}</select></div>')

    data_none = f' data-none="{html.escape(none, quote=True)}"' if none else ""
    button = f'<button type="reset" class="timeline-filter__reset md-button" hidden>{reset}</button>' if reset else ""
    return (f'<form class="timeline-filter" hidden aria-label="{label}" data-count="{html.escape(count, quote=True)}"'
            f'{data_none}>' + "".join(select(*field) for field in fields) + button
            + '<p class="timeline-filter__status" role="status" aria-live="polite"></p></form>')


def _timeline_filter(entries: list[Entry], locale: str) -> str:
    """The timeline's filter: the regions and kinds that occur, in the tables' order."""
    labels = TIMELINE_LABELS[locale]
    used = {key: {str(e.data.get(key)) for e in entries} for key in ("region", "kind")}
    fields = [(key, labels[key], labels[everything], [(v, _label(table, v, locale)) for v in table if v in used[key]])
              for key, table, everything in (("region", REGIONS, "all_regions"), ("kind", KINDS, "all_kinds"))]
    return filter_form("timeline", fields, labels["filter"], labels["count"], labels["none"], labels["reset"])


def timeline_markdown(entries: list[Entry], locale: str, titles: dict[str, str]) -> str:
    """The visual timeline: one section per year, one per event (HTML sections whose contents stay
    Markdown, so headings get ids and permalinks and citations become notes). Each event carries its
    region, kind and countries as data attributes for the filter script and the stylesheet."""
    more = TIMELINE_LABELS[locale]["more"]
    blocks = ['<div class="timeline" markdown>', "", _timeline_filter(entries, locale), ""]
    year = None
    for entry in entries:
        date = str(entry.data.get("date", ""))
        if date[:4] != year:
            if year is not None:
                blocks += ["</section>", ""]
            year = date[:4]
            blocks += ['<section class="timeline-year" markdown>', "", f"## {year} {{#y{year}}}", ""]
        region, kind = str(entry.data.get("region")), str(entry.data.get("kind"))
        countries = " ".join(str(c) for c in entry.data.get("countries") or [])
        meta = " · ".join((
            f'<time datetime="{date}">{format_date(date, locale)}</time>',
            f'<span class="timeline-tag" data-region="{region}">{_label(REGIONS, region, locale)}</span>',
            f'<span class="timeline-tag" data-kind="{kind}">{_label(KINDS, kind, locale)}</span>',
        ))
        opening = (f'<article class="timeline-event" data-region="{region}" data-kind="{kind}" '
                   f'data-countries="{countries}" markdown>')
        lines = [opening, "",
                 f"### {entry.text('title', locale)} {{#{entry.id}}}", "",
                 meta, '{: .timeline-meta }', "", entry.text("summary", locale)]
        if entry.data.get("page"):
            lines += ["", _more(entry, more, titles)]
        blocks += lines + ["", "</article>", ""]
    if year is not None:
        blocks += ["</section>", ""]
    blocks += ["</div>", ""]
    return "\n".join(blocks)


def glossary_markdown(entries: list[Entry], locale: str, titles: dict[str, str]) -> str:
    zh = locale == "zh"
    labels = ("字面意思", "英文译法", "详见") if zh else ("Literal gloss", "Official translations", "More")
    blocks = []
    for entry in entries:
        heading = f"{entry.data['hanzi']}（{_headword(entry)}）" if zh else f"{_headword(entry)} · {entry.data['hanzi']}"
        lines = [f"## {heading} {{#{entry.id}}}", "",
                 f"*{entry.data.get('pinyin', '')}* · {labels[0]}: {entry.data.get('literal', '')}", "",
                 entry.text("definition", locale), ""]
        rows = ["| " + (" | ".join(("译法", "使用情况", "出处") if zh else ("Translation", "Attested", "Sources"))) + " |",
                "|---|---|---|"]
        for item in entry.data.get("translations") or []:
            cites = "; ".join(f"@{c}" for c in item.get("cite") or [])
            rows.append(f"| {item.get('text', '')} | {item.get('used', '')} | [{cites}] |")
        lines += [f"**{labels[1]}**", "", *rows, ""]
        if entry.data.get("avoid"):
            lines += [_avoided(entry, locale), ""]
        if entry.data.get("page"):
            lines += [_more(entry, labels[2], titles), ""]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


AVOIDED = {
    "en": ("Other forms, not used on this site, which writes the mainland form {canonical}: {forms}.",
           "traditional characters", ", "),
    "zh": ("本站采用中国大陆规范写法“{canonical}”，不使用以下写法：{forms}。", "繁体字", "、"),
}


@lru_cache(maxsize=1)
def _to_simplified():
    import opencc  # here: only the glossary page needs it

    return opencc.OpenCC("t2s")


def _avoided(entry: Entry, locale: str) -> str:
    """The glossary entry's variant forms explained to readers: that the site does not write them, in
    favour of the mainland form, and which of them are in traditional characters."""
    sentence, traditional, sep = AVOIDED[locale]
    to_simplified = _to_simplified()
    forms = []
    for form in map(str, entry.data["avoid"]):
        if to_simplified.convert(form) != form:
            forms.append(f'<span lang="zh-Hant">{form}</span>' + (f"（{traditional}）" if locale == "zh" else f" ({traditional})"))
        else:
            forms.append(form)
    return sentence.format(canonical=entry.data.get("hanzi", ""), forms=sep.join(forms))


def page_titles(settings, locale: str) -> dict[str, str]:
    """{rel: title} of one language's pages, e.g. {"origin.md": "Origin of the concept"}."""
    return {rel: page.title for rel, page in load_pages(settings.docs_dir, [locale])[locale].items()}


def expand(markdown: str, settings, locale: str) -> str:
    """Fill the Timeline and Glossary markers of a page with the rendered data."""
    if TIMELINE_MARKER not in markdown and GLOSSARY_MARKER not in markdown:
        return markdown
    titles = page_titles(settings, locale)
    if TIMELINE_MARKER in markdown:
        markdown = markdown.replace(TIMELINE_MARKER, timeline_markdown(load_timeline(settings)[0], locale, titles))
    if GLOSSARY_MARKER in markdown:
        markdown = markdown.replace(GLOSSARY_MARKER, glossary_markdown(load_glossary(settings)[0], locale, titles))
    return markdown
