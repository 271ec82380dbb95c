"""Smaller reading fixes of issue 20, on the built HTML: the footer in the page's language, the
"Last updated" line labelled in words, variant forms in the glossary explained, no developer-speak."""

from __future__ import annotations

import re

from tests.conftest import language_of
from scripts.translation.languages import CHINESE


def test_the_footer_speaks_the_pages_language(content_pages):
    for path, soup in content_pages.items():
        footer = soup.select_one(".md-copyright").get_text(" ", strip=True)
        if language_of(path) is CHINESE and not path.endswith("print/index.html"):
            assert "本站使用" in footer and "Made with" not in footer, path
        elif language_of(path) is not CHINESE:
            assert "Made with" in footer, path


def test_the_last_updated_date_is_labelled_in_words(content_pages):
    for path, soup in content_pages.items():
        fact = soup.select_one(".md-source-file__fact")
        if fact is None:
            continue
        text = " ".join(fact.get_text("").split())
        assert re.match(r"(Last updated: \d{1,2} [A-Z][a-z]+ \d{4}|最后更新：\d{4}年\d{1,2}月\d{1,2}日)$", text), (path, text)


def test_variant_forms_in_the_glossary_are_explained(pages):
    english, chinese = pages["glossary/index.html"], pages["zh/glossary/index.html"]
    assert "Avoid:" not in english.get_text() and "避免使用" not in chinese.get_text()
    assert english.find(string=re.compile("Other forms, not used on this site, which writes the mainland form"))
    assert chinese.find(string=re.compile("不使用以下写法"))
    assert english.select('span[lang="zh-Hant"]')  # traditional forms tagged as such


def test_reader_pages_do_not_speak_to_developers(content_pages):
    for path, soup in content_pages.items():
        article = soup.select_one("article")
        if article is None or "exports" in path or "translation-status" in path:
            continue
        text = article.get_text(" ")
        assert "data/timeline" not in text and "field countries" not in text.replace("`", ""), path
