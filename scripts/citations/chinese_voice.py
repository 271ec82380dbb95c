"""Which sources speak for a Chinese author or publisher, whatever language the stored copy is in.

Two checks need it: a Chinese page should quote such a source in Chinese, not in an English
rendering (`english_quotes` warns), and a Chinese title of our own making (`title-zh`) is refused
for it, because its Chinese title exists and must be quoted, never back-translated from English.

A source counts as Chinese when its language is Chinese, when an author's name is written in
hanzi, or when it is published on a Chinese host: a `.cn` domain or one of the mainland outlets
below that publish in English from other domains.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.citations.registry import Source

CHINESE_HOSTS = ("cgtn.com", "cctv.com", "xinhuanet.com", "chinadaily.com", "cri.cn", "bjreview.com",
                 "china.org.cn", "globaltimes.cn", "shine.cn", "ecns.cn", "people.com.cn")


def _has_hanzi(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _chinese_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host.endswith(".cn") or any(host == h or host.endswith("." + h) for h in CHINESE_HOSTS)


def is_chinese_voice(source: Source) -> bool:
    if source.language.lower().startswith("zh"):
        return True
    if any(_has_hanzi(f"{a.literal}{a.family}{a.given}") for a in source.authors):
        return True
    return _chinese_host(source.url)


def is_english_text(text: str) -> bool:
    """Mostly Latin letters and no hanzi: an English rendering rather than a Chinese original."""
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    return not _has_hanzi(text) and letters >= 3
