"""The site's languages: one table that every other module reads.

`locale` is the mkdocs-static-i18n locale (it names the URL prefix and the docs folder); `tag` is the
BCP 47 tag written into `<html lang>` and `hreflang`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    locale: str
    tag: str
    name: str
    url_prefix: str  # relative to the site root: "" for the default language


ENGLISH = Language(locale="en", tag="en", name="English", url_prefix="")
CHINESE = Language(locale="zh", tag="zh-Hans", name="简体中文", url_prefix="zh/")

LANGUAGES = (ENGLISH, CHINESE)
DEFAULT = ENGLISH
BY_LOCALE = {lang.locale: lang for lang in LANGUAGES}


def by_locale(locale: str) -> Language:
    try:
        return BY_LOCALE[locale]
    except KeyError:
        known = ", ".join(BY_LOCALE)
        raise ValueError(f"unknown locale {locale!r}; the site's locales are: {known}") from None


def other_languages(locale: str) -> list[Language]:
    return [lang for lang in LANGUAGES if lang.locale != locale]
