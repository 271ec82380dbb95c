"""Format a source as a note in the page's language, as Markdown.

- English pages: Chicago Manual of Style (17th ed.), notes and bibliography. A source not in English
  shows its original title followed by our translation in square brackets.
- Chinese pages: GB/T 7714-2015 (信息与文献 参考文献著录规则), with document-type codes such as
  [N/OL] and [EB/OL], publication date and citation (access) date.

Both return HTML (escaped text, links, <em> for italic titles): notes go into the page as raw HTML,
which Python-Markdown passes through untouched. The Sources page uses `bibliography()`.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from scripts.citations.registry import Name, Source

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def esc(text: str) -> str:
    """Escape text for HTML, folding runs of white space."""
    return html.escape(" ".join(str(text).split()), quote=False)


def link(url: str, label: str | None = None) -> str:
    return f'<a href="{html.escape(url)}">{esc(label or url)}</a>'


def em(text: str) -> str:
    return f"<em>{text}</em>"


def _parts(date: str) -> list[int]:
    return [int(p) for p in date.split("-")] if date else []


# Chicago ---------------------------------------------------------------------------------------

def chicago_date(date: str) -> str:
    """Day, month, year ("16 December 2015"), which Chicago allows (CMOS 6.38), as the English pages
    write every other date: a reference beside "Last updated 29 November 2026" read "November 29"."""
    parts = _parts(date)
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0]) if parts else "n.d."


def _english_name(name: Name, inverted: bool = False) -> str:
    if name.en:
        return name.en
    if name.literal or not name.given:
        return name.native()
    if any("\u3400" <= ch <= "\u9fff" for ch in name.family):
        return name.native()
    return f"{name.family}, {name.given}" if inverted else f"{name.given} {name.family}"


def _join_english(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    if len(names) > 3:
        return f"{names[0]} et al."
    return f"{', '.join(names[:-1])}, and {names[-1]}"


def _chicago_title(source: Source, italic: bool) -> str:
    title = esc(source.title)
    title = em(title) if italic else f"“{title}”"
    if not source.is_english and source.get("title-en"):
        title += f" [{esc(source.get('title-en'))}]"
    return title


def _en(source: Source, key: str) -> str:
    return source.get(f"{key}-en") or source.get(key)


ITALIC_TYPES = {"book", "report", "legislation", "treaty", "document"}


def chicago_note(source: Source, locator: str = "") -> str:
    """A full Chicago note, e.g. Author, “Title,” *Newspaper*, May 14, 2017, 3, URL."""
    italic = source.type in ITALIC_TYPES
    pieces = []
    authors = [_english_name(n) for n in source.authors]
    if authors:
        pieces.append(_join_english(authors))
    title = _chicago_title(source, italic)
    container = _en(source, "container-title")
    publisher = _en(source, "publisher")
    date = chicago_date(source.issued)
    if source.type in {"book", "report"}:
        place = source.get("publisher-place")
        facts = ", ".join(p for p in (f"{place}: {esc(publisher)}" if place and publisher else esc(publisher), date) if p)
        pieces.append(f"{title} ({facts})")
    elif source.type == "article-journal":
        volume = " ".join(p for p in (source.get("volume"), f"no. {source.get('issue')}" if source.get("issue") else "") if p)
        year = _parts(source.issued)[0] if source.issued else "n.d."
        pieces.append(title)
        pieces.append(em(esc(container)) + (f" {volume}" if volume else "") + f" ({year})")
    elif source.type == "speech":
        event = ", ".join(p for p in (source.get("event"), source.get("event-place"), date) if p)
        pieces.append(f"{title} (speech, {esc(event)})")
    else:
        pieces.append(title)
        if container:
            pieces.append(em(esc(container)) if source.type.startswith("article") else esc(container))
        if publisher and publisher != container:
            pieces.append(esc(publisher))
        pieces.append(date)
    if locator:
        pieces.append(esc(locator))
    note = ", ".join(pieces)
    if source.url:
        return f"{note}, {link(source.url)}."
    return _close(note)


def chicago_bibliography(source: Source) -> str:
    """A Chicago bibliography entry: Family, Given. “Title.” Container, Date. URL."""
    italic = source.type in ITALIC_TYPES
    parts = []
    authors = [_english_name(n, inverted=(i == 0)) for i, n in enumerate(source.authors)]
    if authors:
        parts.append(_join_english(authors))
    parts.append(_chicago_title(source, italic))
    tail = [p for p in (esc(_en(source, "container-title")), esc(_en(source, "publisher"))) if p]
    tail = list(dict.fromkeys(tail))  # container and publisher are often the same
    tail.append(chicago_date(source.issued))
    parts.append(", ".join(tail))
    entry = " ".join(_close(p) for p in parts)
    return f"{entry} {link(source.url)}." if source.url else entry


def _close(text: str) -> str:
    text = text.rstrip()
    if text.endswith("”"):  # Chicago puts the full stop inside the closing quotation mark
        return text[:-1] + ".”"
    return text if text.endswith((".", ")")) else text + "."


# GB/T 7714-2015 -----------------------------------------------------------------------------------

GBT_TYPE_CODES = {
    "book": "M", "chapter": "M", "article-newspaper": "N", "article-journal": "J",
    "article-magazine": "J", "report": "R", "webpage": "EB", "post-weblog": "EB",
    "legislation": "Z", "treaty": "Z", "document": "Z", "speech": "Z", "interview": "Z",
}


def _gbt_name(name: Name) -> str:
    if name.literal:
        return name.literal
    if any("\u3400" <= ch <= "\u9fff" for ch in name.family):
        return name.native()
    initials = " ".join(part[0].upper() for part in re.split(r"[\s.-]+", name.given) if part)
    return f"{name.family.upper()} {initials}".strip()


def _gbt_authors(source: Source) -> str:
    names = [_gbt_name(n) for n in source.authors]
    if len(names) > 3:
        chinese = any("\u3400" <= ch <= "\u9fff" for ch in names[0])
        return ", ".join(names[:3]) + (", 等" if chinese else ", et al")
    return ", ".join(names)


def gbt_note(source: Source, locator: str = "", accessed_fallback: str = "") -> str:
    """A GB/T 7714-2015 reference, e.g. 作者. 题名[N/OL]. 报纸名, 2015-12-16[2026-11-29]. URL."""
    code = GBT_TYPE_CODES.get(source.type, "Z")
    online = bool(source.url)
    marker = f"[{code}/OL]" if online else f"[{code}]"
    pieces = []
    authors = _gbt_authors(source)
    if authors:
        pieces.append(esc(authors))
    pieces.append(f"{esc(source.title)}{esc(marker)}")
    date = source.issued
    accessed = source.get("accessed") or accessed_fallback
    cited = f"[{accessed}]" if online and accessed else ""
    container, publisher = source.get("container-title"), source.get("publisher")
    where = f": {esc(locator)}" if locator else ""
    if code in {"N"}:
        pieces.append(f"{esc(container)}, {date}{where}{esc(cited)}")
    elif code == "J":
        year = date.split("-")[0]
        volume = source.get("volume") + (f"({source.get('issue')})" if source.get("issue") else "")
        pages = f": {esc(locator or source.get('page'))}" if (locator or source.get("page")) else ""
        pieces.append(f"{esc(container)}, {year}" + (f", {esc(volume)}" if volume else "") + f"{pages}{esc(cited)}")
    elif code in {"M", "R"}:
        chinese = any("\u3400" <= ch <= "\u9fff" for ch in source.title)
        place = source.get("publisher-place") or ("出版地不详" if chinese else "S.l.")
        year = date.split("-")[0]
        pieces.append(f"{esc(place)}: {esc(publisher or container)}, {year}{where}{esc(cited)}")
    else:  # EB and Z: (publication date)[citation date]
        head = esc(publisher or container) if (publisher or container) else ""
        dated = f"({date}){esc(cited)}" if date else esc(cited)
        pieces.append(", ".join(p for p in (head, f"{dated}{where}") if p))
    note = ". ".join(p for p in pieces if p)
    if online:
        note += ". " + link(source.url)
    return note if note.endswith(".") else note + "."


def note(source: Source, locale: str, locator: str = "") -> str:
    return gbt_note(source, locator) if locale == "zh" else chicago_note(source, locator)


def bibliography(source: Source, locale: str) -> str:
    return gbt_note(source) if locale == "zh" else chicago_bibliography(source)


def today() -> str:
    return dt.date.today().isoformat()
