""""Cite this page": a page of this site as a source, formatted by the CSL processor with the
citation engine's styles (Chicago on English pages, GB/T 7714-2015 on Chinese pages) and exported as
BibTeX, RIS and CSL-JSON.

A page is a CSL `webpage` whose container is the site; its date is the date it was last updated.

The exports are `data:` links in the page itself, downloaded under a file name by the `download`
attribute: they need no request, work in a saved copy of the page, and cost the build no files (three
files a page were a third of the hooks' build time on a disk where creating a file takes 0.4 ms).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass

from scripts.citations import csl
from scripts.citations.registry import Registry
from scripts.translation.languages import by_locale

# (file suffix, label, media type)
DOWNLOADS = ((".bib", "BibTeX", "application/x-bibtex"), (".ris", "RIS", "application/x-research-info-systems"),
             (".json", "CSL-JSON", "application/vnd.citationstyles.csl+json"))


@dataclass(frozen=True)
class PageCitation:
    key: str             # a citation key, e.g. "cyberspace-community-zh-origin"
    title: str           # the page's title
    site_name: str       # the site's name in the page's language
    url: str             # the page's permalink (canonical URL)
    updated: dt.date     # when the page last changed
    accessed: dt.date    # the build date; the page's script replaces it with the reader's today
    locale: str

    @property
    def language(self) -> str:
        return by_locale(self.locale).tag

    def formatted_html(self, registry: Registry) -> str:
        """The reference as HTML, from the CSL processor: Chicago (bibliography form) or GB/T
        7714-2015. The processor renders a page template in the same call as the registry's sources
        (csl.render_forms); this page's title, site, URL and dates go into it."""
        template = csl.render_forms(registry, self.locale)[csl.PAGE_TEMPLATE_ID].entry
        return csl.page_reference(template, self.locale, self.title, self.site_name, self.url, self.updated,
                                  self.accessed)

    def csl_json(self) -> str:
        item = {
            "id": self.key, "type": "webpage", "title": self.title, "container-title": self.site_name,
            "URL": self.url, "language": self.language,
            "issued": {"date-parts": [_parts(self.updated)]},
            "accessed": {"date-parts": [_parts(self.accessed)]},
        }
        return json.dumps([item], ensure_ascii=False) + "\n"  # no indent: json's C encoder only works without

    def bibtex(self) -> str:
        fields = [("title", _bibtex_escape(self.title)), ("organization", _bibtex_escape(self.site_name)),
                  ("date", self.updated.isoformat()), ("year", str(self.updated.year)),
                  ("url", self.url), ("urldate", self.accessed.isoformat()),
                  ("langid", "english" if self.locale == "en" else "chinese")]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@online{{{self.key},\n{body}\n}}\n"

    def ris(self) -> str:
        lines = [("TY", "ELEC"), ("TI", self.title), ("T2", self.site_name),
                 ("PY", str(self.updated.year)), ("DA", self.updated.strftime("%Y/%m/%d")),
                 ("UR", self.url), ("Y2", self.accessed.strftime("%Y/%m/%d")), ("LA", self.language),
                 ("ER", "")]
        return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)

    def downloads(self) -> list[tuple[str, str, str]]:
        """(data: URL, file name, label) of each export, for the page's download links."""
        texts = {".bib": self.bibtex(), ".ris": self.ris(), ".json": self.csl_json()}
        # base64, not percent-encoding: shorter for CJK text and 20 times faster to make (C, not Python)
        return [(f"data:{media_type};charset=utf-8;base64,{_base64(texts[suffix])}", self.key + suffix, label)
                for suffix, label, media_type in DOWNLOADS]


def citation_key(locale: str, rel: str) -> str:
    """A stable key for a page: "cyberspace-community-en-regions-africa"."""
    stem = rel.removesuffix(".md").replace("/", "-")
    return f"cyberspace-community-{locale}-{stem}"


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _parts(date: dt.date) -> list[int]:
    return [date.year, date.month, date.day]


def _bibtex_escape(text: str) -> str:
    for char in "\\{}":
        text = text.replace(char, "")
    for char in "&%$#_":
        text = text.replace(char, "\\" + char)
    return text

