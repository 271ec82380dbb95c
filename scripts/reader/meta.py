"""Link previews and structured data for a page: Open Graph and Twitter card tags, and JSON-LD
(a schema.org Article with its description, language, last change and the sources it cites)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from scripts.citations.registry import Source
from scripts.translation.languages import LANGUAGES, by_locale

OG_LOCALES = {"en": "en_GB", "zh": "zh_CN"}
CARD_SIZE = (1200, 630)


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str                 # canonical URL
    site_name: str
    site_url: str            # the home page of this language
    locale: str
    updated: dt.date
    image_url: str           # the share card of this language, absolute
    image_alt: str
    is_home: bool = False
    sources: list[Source] = field(default_factory=list)

    def open_graph(self) -> list[tuple[str, str]]:
        """(property, content) pairs for <meta property=...>."""
        pairs = [
            ("og:type", "website" if self.is_home else "article"),
            ("og:site_name", self.site_name),
            ("og:title", self.title),
            ("og:description", self.description),
            ("og:url", self.url),
            ("og:locale", OG_LOCALES[self.locale]),
            *[("og:locale:alternate", OG_LOCALES[lang.locale]) for lang in LANGUAGES if lang.locale != self.locale],
            ("og:image", self.image_url),
            ("og:image:type", "image/png"),
            ("og:image:width", str(CARD_SIZE[0])),
            ("og:image:height", str(CARD_SIZE[1])),
            ("og:image:alt", self.image_alt),
        ]
        if not self.is_home:
            pairs.append(("article:modified_time", self.updated.isoformat()))
        return pairs

    def twitter(self) -> list[tuple[str, str]]:
        """(name, content) pairs for <meta name=...>."""
        return [("twitter:card", "summary_large_image"), ("twitter:title", self.title),
                ("twitter:description", self.description), ("twitter:image", self.image_url),
                ("twitter:image:alt", self.image_alt)]

    def json_ld(self) -> dict:
        data = self._article()
        if self.sources:
            data["citation"] = [creative_work(source) for source in self.sources]
        return data

    def _article(self) -> dict:
        site = {"@type": "WebSite", "name": self.site_name, "url": self.site_url}
        return {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title,
            "description": self.description,
            "url": self.url,
            "mainEntityOfPage": self.url,
            "inLanguage": by_locale(self.locale).tag,
            "dateModified": self.updated.isoformat(),
            "image": self.image_url,
            "isPartOf": site,
            "publisher": {"@type": "Organization", "name": self.site_name, "url": self.site_url},
            "license": "https://creativecommons.org/licenses/by/4.0/",
        }

    def json_ld_script(self) -> str:
        """json_ld() as the text of a <script type="application/ld+json"> element: "<" is escaped so
        that no text in it can close the element. The cited works are joined in as JSON already made
        (see _work_json), which gives the same text as dumping json_ld() whole."""
        text = _dumps(self._article())
        if self.sources:
            text = f'{text[:-1]},"citation":[{",".join(map(_work_json, self.sources))}]}}'
        return text.replace("<", "\\u003c")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_works: dict[int, tuple[Source, str]] = {}


def _work_json(source: Source) -> str:
    """creative_work(source) as JSON, made once per registry entry: a page cites about ten sources,
    the same ones as many other pages. Keyed by the object, which a changed registry replaces."""
    cached = _works.get(id(source))
    if cached is None or cached[0] is not source:
        if len(_works) > 4096:   # a long `mkdocs serve` session reloads the registry many times
            _works.clear()
        cached = _works[id(source)] = (source, _dumps(creative_work(source)))
    return cached[1]


SCHEMA_TYPES = {
    "article-newspaper": "NewsArticle", "article-magazine": "Article", "article-journal": "ScholarlyArticle",
    "book": "Book", "chapter": "Chapter", "report": "Report", "webpage": "WebPage", "post-weblog": "BlogPosting",
    "legislation": "Legislation", "speech": "CreativeWork", "interview": "CreativeWork",
}


def creative_work(source: Source) -> dict:
    """A registry source as a schema.org CreativeWork (or a more specific type)."""
    work = {"@type": SCHEMA_TYPES.get(source.type, "CreativeWork"), "name": source.title}
    if source.url:
        work["url"] = source.url
    if source.issued:
        work["datePublished"] = source.issued
    if source.language:
        work["inLanguage"] = source.language
    if any(a.native() for a in source.authors):
        work["author"] = [{"@type": "Person" if a.given else "Organization", "name": a.native()}
                          for a in source.authors if a.native()]
    publisher = source.get("publisher") or source.get("container-title")
    if publisher:
        work["publisher"] = {"@type": "Organization", "name": publisher}
    return work
