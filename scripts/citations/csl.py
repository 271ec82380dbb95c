"""Notes, bibliography entries and "Cite this page" references rendered by a real CSL processor.

Pandoc's citeproc (pandoc ships in the `pypandoc-binary` wheel, offline) formats every source of the
registry with the pinned styles in `data/csl/`: Chicago 17th edition (notes and bibliography) on
English pages, GB/T 7714-2015 (numeric, 顺序编码制) on Chinese pages. One pandoc call per language
renders every form a build needs, for every source at once:

- English: the full note (first citation on a page), the shortened note (later citations: author,
  short title), each with and without a locator, and the bibliography entry (the Sources page);
- Chinese: the reference-list entry (one per source, reused at every citation on a page);
- both: a template reference for "Cite this page", with placeholders for the page's title and URL.

A locator is rendered as a placeholder (`LOCATOR`) that the caller replaces with the citation's own,
so the forms do not depend on which page cites what: the call runs before any page, once per
registry and style (`render_forms`, cached in memory and in `.cache/citations/`).

Around the processor's output we keep our own additions: the English gloss of a title not in English
(after the title, in square brackets, as Chicago 14.98 does), long URLs shown as host and shortened
path (the full URL stays in the link), and, in render.py, the archived-copy and Sources links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.citations.registry import Name, Registry, Source

ROOT = Path(__file__).resolve().parents[2]
STYLES_DIR = ROOT / "data" / "csl"
STYLES = {"en": "chicago-notes-bibliography-17th-edition.csl",
          "zh": "china-national-standard-gb-t-7714-2015-numeric.csl"}
LOCALES = {"en": "en-US", "zh": "zh-CN"}
CACHE_DIR = ROOT / ".cache" / "citations"
CACHE_VERSION = "5"   # raise when the way forms are made changes, so old cache files are not used
CACHE_KEEP = 4        # cache files kept per language

LOCATOR = "XLOCATORX"            # where a citation's locator goes in a note
GLOSS = "XGLOSSX"                # the end of a title that our English gloss follows
GLOSS_FIELD = "x-gloss"          # ours, in an item until the call: the gloss of its title
PAGE_TEMPLATE_ID = "zz-cite-this-page"
PAGE_TITLE, PAGE_SITE = "XPAGETITLEX", "XPAGESITEX"
PAGE_URL = "https://example.invalid/XPAGEURLX"
# Dates the template is rendered with; `style_date` must give what the style gives for them.
PAGE_UPDATED, PAGE_ACCESSED = dt.date(2001, 2, 3), dt.date(2002, 4, 5)

SUPPLIED_TITLE = re.compile(r"^\[.*\]$", re.DOTALL)  # a title we describe, the source having none
STAFF = re.compile(r"^(?:staff(?: writers?| reporters?)?|\w+ staff)$", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
# A parenthetical gloss in Latin script, e.g. "baogaosu.com (news aggregator)": ours, not the
# source's name, and no part of a Chinese reference.
_LATIN_GLOSS = re.compile(r"\s*[(（][^)）\u3400-\u9fff]*[A-Za-z][^)）\u3400-\u9fff]*[)）]")
# A container that is a website, not a newspaper: its article is a web page ([EB/OL]), not [N/OL].
_WEBSITE = re.compile(r"(网|網|频道|website|\.(?:com|cn|org|net|gov)\b|channel|online|gateway)",
                      re.IGNORECASE)
_DOMAIN = re.compile(r"\w\.(?:com|cn|org|net|gov|int|info|io)\b")   # a website's name, e.g. "aiyi66.com"


class ProcessorError(RuntimeError):
    """Pandoc is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class Forms:
    """The processor's HTML for one source in one language. `full` and `short` hold LOCATOR where
    a locator goes; `full_bare` and `short_bare` are the forms without a locator."""
    full: str = ""
    full_bare: str = ""
    short: str = ""
    short_bare: str = ""
    entry: str = ""

    def note(self, locator: str, later: bool) -> str:
        located, bare = (self.short, self.short_bare) if later else (self.full, self.full_bare)
        return located.replace(LOCATOR, html.escape(locator, quote=False)) if locator else bare


# CSL items ------------------------------------------------------------------------------------

def is_supplied_title(title: str) -> bool:
    return bool(SUPPLIED_TITLE.match(title.strip()))


def _date_parts(date: str) -> dict:
    return {"date-parts": [[int(p) for p in date.split("-")]]}


def _is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def fullwidth_supplied(title: str) -> str:
    """A supplied Chinese title in Chinese square brackets with full-width punctuation:
    "[中国经济网评论:第二届世界互联网大会;存档中未见标题]" -> "［中国经济网评论：第二届世界互联网大会；存档中未见标题］"."""
    inner = title.strip()[1:-1]
    for ascii_mark, wide in ((":", "："), (";", "；"), (",", "，"), ("(", "（"), (")", "）"), ("?", "？"), ("!", "！")):
        inner = inner.replace(ascii_mark, wide)
    return f"［{inner.strip()}］"


def _keep_case(text: str) -> str:
    """Text the processor must not change the case of (CSL's "nocase" markup, which pandoc reads)."""
    return f'<span class="nocase">{html.escape(text, quote=False)}</span>'


def csl_name(name: Name, locale: str) -> dict | None:
    """A CSL name, or None for a name that is not an author ("Staff Writer")."""
    if name.literal and STAFF.match(name.literal.strip()):
        return None
    if locale == "en" and name.en:
        return {"literal": name.en}
    if name.literal:   # an organisation, or a name kept whole
        return {"literal": name.literal}
    if _is_chinese(name.family):  # 习近平: family and given name written together, family first
        return {"literal": f"{name.family}{name.given}"}
    return {"family": name.family, "given": name.given} if name.given else {"literal": name.family}


def gbt_type(source: Source) -> str:
    """The CSL type GB/T 7714 should see: a newspaper article is [N], but one published by a
    website (a gateway copy, a portal's channel) is a web page [EB/OL]."""
    if source.type == "article-newspaper" and _WEBSITE.search(source.get("container-title")):
        return "webpage"
    return source.type


def strip_latin_gloss(text: str) -> str:
    """A name without our parenthetical gloss in Latin script: "baogaosu.com (news aggregator)" ->
    "baogaosu.com"; "中国政府网 (繁体版)" stays."""
    return _LATIN_GLOSS.sub("", text).strip()


def csl_item(source: Source, locale: str) -> dict:
    """The source as a CSL-JSON item for the processor, in the page's language."""
    chinese_note = locale == "zh"
    item: dict = {"id": source.id, "type": gbt_type(source) if chinese_note else source.type,
                  "language": source.language or "en"}
    title = source.title
    if is_supplied_title(title) and chinese_note and _is_chinese(title):
        title = fullwidth_supplied(title)
    # a supplied title keeps its case: it is our description, not the source's title
    item["title"] = _keep_case(title) if is_supplied_title(title) else title
    if locale == "en" and not source.is_english and source.get("title-en") and not is_supplied_title(title):
        item["title"] += GLOSS
        item[GLOSS_FIELD] = source.get("title-en")
    names = [n for n in (csl_name(a, locale) for a in source.authors) if n]
    if names:
        item["author"] = names
    for key in ("container-title", "publisher"):
        value = source.get(key) if chinese_note else (source.get(f"{key}-en") or source.get(key))
        if chinese_note:
            value = strip_latin_gloss(value)
        if value:   # a website's name ("aiyi66.com") keeps its case in Chicago's title case
            item[key] = _keep_case(value) if _DOMAIN.search(value) else value
    for key in ("publisher-place", "volume", "issue", "page", "section", "genre", "DOI", "ISBN", "edition",
                "event", "event-place", "title-short"):
        if source.get(key):
            item[key] = source.get(key)
    if chinese_note and item["type"] in {"book", "report", "chapter"}:
        # GB/T 7714-2015 8.4.1.2 and 8.4.2.2: an unknown place or publisher is said so, in brackets
        chinese = _is_chinese(source.title)
        item.setdefault("publisher-place", "[出版地不详]" if chinese else "[S.l.]")
        item.setdefault("publisher", "[出版者不详]" if chinese else "[s.n.]")
    if source.issued:
        item["issued"] = _date_parts(source.issued)
    if source.url:
        item["URL"] = source.url
        if source.get("accessed"):
            item["accessed"] = _date_parts(source.get("accessed"))
    return item


def page_template_item(locale: str) -> dict:
    """A page of this site as a CSL web page, with placeholders for what differs from page to page."""
    return {"id": PAGE_TEMPLATE_ID, "type": "webpage", "title": PAGE_TITLE, "container-title": PAGE_SITE,
            "issued": _date_parts(PAGE_UPDATED.isoformat()), "accessed": _date_parts(PAGE_ACCESSED.isoformat()),
            "URL": PAGE_URL, "language": LOCALES[locale]}


# Dates as the styles write them ---------------------------------------------------------------

def style_date(date: dt.date, locale: str) -> str:
    """A full date as the language's style writes it: Chicago "December 16, 2015", GB/T
    "2015-12-16" (checked against the processor at every render, see `_template`). Not the reader-
    facing date of the page furniture (git_dates.format_date)."""
    return f"{date.strftime('%B')} {date.day}, {date.year}" if locale == "en" else date.isoformat()


def partial_style_date(date: str, locale: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD as the style writes it (for a preview's lead)."""
    parts = [int(p) for p in date.split("-")] if date else []
    if len(parts) == 3:
        return style_date(dt.date(*parts), locale)
    if len(parts) == 2 and locale == "en":
        return f"{dt.date(parts[0], parts[1], 1).strftime('%B')} {parts[0]}"
    return date


# The processor --------------------------------------------------------------------------------

def _document(ids: list[str], locale: str) -> str:
    """The Markdown pandoc renders: English cites each source first in full (with a locator), then
    shortened (after another source, so never "ibid."), without and with a locator; Chinese only
    needs the reference list. Each citation is a paragraph of its own, hence a note of its own."""
    if locale != "en":
        return "---\nnocite: '@*'\n---\n"
    rounds = [f"[@{i}, {{{LOCATOR}}}]" for i in ids], [f"[@{i}]" for i in ids], [f"[@{i}, {{{LOCATOR}}}]" for i in ids]
    separator = [f"[@{PAGE_TEMPLATE_ID}]"]  # keeps the first of a round from following itself
    body = rounds[0] + separator + rounds[1] + separator + rounds[2]
    return "---\nnocite: '@*'\n---\n\n" + "\n\n".join(f"X{cite}" for cite in body) + "\n"


def pandoc_path() -> str:
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise ProcessorError(f"pandoc not found ({exc}); install the project's requirements "
                             "(pypandoc-binary ships pandoc)") from exc


def _run_pandoc(items: list[dict], locale: str, document: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        refs = Path(tmp) / "refs.json"
        sent = [{k: v for k, v in item.items() if k != GLOSS_FIELD} for item in items]
        refs.write_text(json.dumps(sent, ensure_ascii=False), encoding="utf-8")
        command = [pandoc_path(), "--from=markdown", "--to=html", "--wrap=none", "--quiet", "--citeproc",
                   f"--csl={STYLES_DIR / STYLES[locale]}", f"--bibliography={refs}", f"--metadata=lang={LOCALES[locale]}",
                   "--metadata=link-citations=false"]
        done = subprocess.run(command, input=document, capture_output=True, text=True, encoding="utf-8")
    if done.returncode:
        raise ProcessorError(f"pandoc failed rendering the {locale} notes: {done.stderr.strip()}")
    return done.stdout


_NOTE = re.compile(r'<li id="fn(\d+)"><p>(.*?)<a href="#fnref\1" class="footnote-back"', re.DOTALL)
_ENTRY = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\n?(.*?)\n?</div>(?=\n<div id="ref-|\n</div>)',
                    re.DOTALL)
_MARGIN = re.compile(r'<div class="csl-left-margin">.*?</div>', re.DOTALL)
_PLAIN_SPAN = re.compile(r"<span>((?:(?!<span).)*?)</span>", re.DOTALL)


def _clean(fragment: str) -> str:
    """Pandoc's HTML for one reference as inline HTML: no bare spans, no line breaks."""
    fragment = _MARGIN.sub("", fragment.strip())   # GB/T's "[n]": the page numbers its notes itself
    fragment = re.sub(r'^<div class="csl-right-inline">(.*?)(?:</div>)?$', r"\1", fragment, flags=re.DOTALL)
    fragment = re.sub(r'<span class="nocase">(.*?)</span>', r"\1", fragment, flags=re.DOTALL)
    while _PLAIN_SPAN.search(fragment):
        fragment = _PLAIN_SPAN.sub(r"\1", fragment)
    return " ".join(fragment.split())


def parse_output(output: str, ids: list[str], locale: str, pages: dict[str, str] | None = None
                 ) -> dict[str, Forms]:
    """{id: Forms} from pandoc's HTML for `_document(ids, locale)`; `pages` are the items' own pages."""
    entries = {key: _clean(text) for key, text in _ENTRY.findall(output)}
    notes = {int(number): _clean(text) for number, text in _NOTE.findall(output)}
    forms = {}
    n = len(ids)
    for i, key in enumerate(ids, 1):
        if locale == "en":   # notes 1..n in full, n+1 the separator, then shortened, separator, shortened located
            full, entry = notes.get(i, ""), entries.get(key, "")
            forms[key] = Forms(full=full, full_bare=_without_locator(full, key, entry, (pages or {}).get(key, "")),
                               short_bare=notes.get(n + 1 + i, ""), short=notes.get(2 * n + 2 + i, ""), entry=entry)
        else:
            forms[key] = Forms(entry=entries.get(key, ""))
    forms[PAGE_TEMPLATE_ID] = Forms(entry=entries.get(PAGE_TEMPLATE_ID, ""))
    return forms


def _restore_literal_names(entry: str, item: dict) -> str:
    """GB/T writes a family name in capitals (GB/T 7714-2015 8.1.1: "DOE J"); the processor
    capitalises a literal name too, but an organisation keeps its case ("Xinhua News Agency")."""
    for name in item.get("author", ()):
        literal = html.escape(name.get("literal", ""), quote=False)
        for written in (literal, literal.replace("'", "’")):   # the processor curls apostrophes
            if written and written.upper() != written:
                entry = entry.replace(written.upper(), written, 1)
    return entry


def _without_locator(full: str, key: str, entry: str = "", page: str = "") -> str:
    """The full note without its locator: Chicago puts the locator after a comma (after a colon in a
    journal article: "no. 1 (2024): 12"), before the URL or the end of the note. Without a locator,
    an item with pages of its own (a journal article) gives them there, as its bibliography entry
    does ("(2018): 3835–55"). (tests/citations/test_csl.py checks this against the processor's own
    note without a locator, for every source.)"""
    first_page = page.split("-")[0].split("–")[0].strip()
    pages = re.search(rf"(?<!\d){re.escape(first_page)}(?:–\d+)?", entry) if first_page else None
    if pages:
        return full.replace(LOCATOR, pages.group(0), 1)
    bare, count = _LOCATOR_AFTER.subn("", full, count=1)
    if not count:
        raise ProcessorError(f"the style put the locator of {key!r} where it was not expected: {full}")
    return bare


_LOCATOR_AFTER = re.compile(f"[,:] {LOCATOR}")


def _cache_key(items: dict[str, list[dict]]) -> str:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for locale in sorted(items):
        digest.update((STYLES_DIR / STYLES[locale]).read_bytes())
        digest.update(json.dumps(items[locale], ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:20]


def render_forms(registry: Registry, locale: str) -> dict[str, Forms]:
    """Every form of every source of the registry in the language's style, {id: Forms}, plus the
    page template under PAGE_TEMPLATE_ID. One pandoc call per registry, style and language; the
    result is kept in memory and in .cache/citations/ (a build then needs no pandoc at all)."""
    known = _by_registry.get(locale)
    if known and known[0] is registry:   # the registry is loaded once per build (registry.load_registry)
        return known[1]
    items = [csl_item(s, locale) for s in sorted(registry.sources.values(), key=lambda s: s.id)]
    items.append(page_template_item(locale))
    forms = _render_cached(_cache_key({locale: items}), json.dumps(items, ensure_ascii=False), locale)
    _by_registry[locale] = (registry, forms)
    return forms


_by_registry: dict[str, tuple[Registry, dict[str, Forms]]] = {}


@lru_cache(maxsize=8)
def _render_cached(key: str, items_json: str, locale: str) -> dict[str, Forms]:
    path = CACHE_DIR / f"{locale}-{key}.json"
    try:
        return {k: Forms(**v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, TypeError):
        pass
    items = json.loads(items_json)
    ids = [item["id"] for item in items if item["id"] != PAGE_TEMPLATE_ID]
    pages = {item["id"]: item.get("page", "") for item in items}
    forms = parse_output(_run_pandoc(items, locale, _document(ids, locale)), ids, locale, pages)
    if locale == "zh":
        forms.update({item["id"]: Forms(entry=_restore_literal_names(forms[item["id"]].entry, item)) for item in items})
    else:
        forms.update({item["id"]: _with_gloss(forms[item["id"]], item.get(GLOSS_FIELD, "")) for item in items})
    missing = [k for k in ids if not forms[k].entry or (locale == "en" and not (forms[k].full and forms[k].short))]
    if missing:
        raise ProcessorError(f"pandoc gave no {locale} reference for {', '.join(missing[:5])}")
    _template(forms[PAGE_TEMPLATE_ID].entry, locale)   # fails now, not at the first page, if the style changed
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({k: asdict(v) for k, v in forms.items()}, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)
        # the few latest registries per language (a test's small registry does not evict the site's)
        kept = sorted(CACHE_DIR.glob(f"{locale}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in kept[CACHE_KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass   # a read-only checkout still builds; it renders again next time
    return forms


def _template(entry: str, locale: str) -> str:
    """The page template's entry, once it is known to hold the dates as `style_date` writes them
    (the access date only where the style prints one: GB/T does, Chicago does not for a dated page)."""
    dates = (PAGE_UPDATED, PAGE_ACCESSED) if locale == "zh" else (PAGE_UPDATED,)
    for date in dates:
        if style_date(date, locale) not in entry:
            raise ProcessorError(f"the {locale} style writes dates differently from style_date: {entry}")
    return entry


def page_reference(template: str, locale: str, title: str, site: str, url: str, updated: dt.date,
                   accessed: dt.date) -> str:
    """The processor's reference for the page template with this page's title, site, URL and dates."""
    out = _template(template, locale)
    for placeholder, value in ((PAGE_TITLE, title), (PAGE_SITE, site)):
        out = out.replace(placeholder, html.escape(value, quote=False))
    out = out.replace(f">{PAGE_URL}<", f">{html.escape(url, quote=False)}<").replace(PAGE_URL, html.escape(url))
    out = out.replace(style_date(PAGE_UPDATED, locale), style_date(updated, locale))
    return out.replace(style_date(PAGE_ACCESSED, locale), style_date(accessed, locale))


# Our additions --------------------------------------------------------------------------------

def _with_gloss(forms: Forms, gloss: str) -> Forms:
    """Chicago 14.98: a title not in English is followed by its translation in square brackets:
    “网络主权” [Cyber sovereignty], … The processor put the comma or full stop after the title's
    end (GLOSS) inside the quotation marks; it moves after the translation. Short notes give the
    title alone."""
    bracket = f" [{html.escape(gloss, quote=False)}]" if gloss else ""

    def add(match: re.Match) -> str:
        return f"{match.group(2)}{bracket}{match.group(1)}"

    def glossed(text: str, with_gloss: bool) -> str:
        text = _GLOSS_END.sub(add if with_gloss else lambda m: m.group(1) + m.group(2), text)
        return text.replace(GLOSS, "")
    return Forms(full=glossed(forms.full, True), full_bare=glossed(forms.full_bare, True),
                 short=glossed(forms.short, False), short_bare=glossed(forms.short_bare, False),
                 entry=glossed(forms.entry, True))


_GLOSS_END = re.compile(f"{GLOSS}([,.]?)(”|</em>)")


MAX_URL_LABEL = 48
_LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


def short_url(url: str, limit: int = MAX_URL_LABEL) -> str:
    """A long URL as a reader reads it: host and path, percent-escapes decoded, the middle of a
    long path elided: "https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm" ->
    "gov.cn/xinwen/…/content_5024700.htm"."""
    parts = urlsplit(url)
    host = parts.hostname or parts.netloc
    host = host.removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    label = host + path
    if len(label) <= limit:
        return label
    segments = [s for s in path.split("/") if s]
    last = segments[-1] if segments else ""
    first = segments[0] if len(segments) > 1 else ""
    head = f"{host}/{first}/…/" if first and len(host) + len(first) + 14 < limit else f"{host}/…/"
    room = max(limit - len(head), 12)
    if len(last) > room:
        last = last[:room - 1] + "…"
    return head + last if last else host


def shorten_links(reference: str) -> str:
    """Each link whose text is its URL shows the short form; the link keeps the full URL, which
    paper prints in place of the label (print.css)."""
    def label(match: re.Match) -> str:
        href, text = match.group(1), match.group(2)
        if html.unescape(text) != html.unescape(href):
            return match.group(0)
        short = html.escape(short_url(html.unescape(href)), quote=False)
        return f'<a class="short-url" href="{href}"><span class="short-url__label">{short}</span></a>'
    return _LINK.sub(label, reference)
