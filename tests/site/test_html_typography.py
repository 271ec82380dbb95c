"""scripts/site/html_typography.py: note numbers joined to their word, numbered tables marked."""

from __future__ import annotations

from scripts.site.html_typography import WORD_JOINER, join_note_numbers, mark_numbered_tables

NOTE = '<sup id="fnref:cite-1"><a class="footnote-ref" href="#fn:cite-1">1</a></sup>'


def test_a_note_number_is_joined_to_its_word_without_a_space():
    assert join_note_numbers(f"in 2015 {NOTE}.") == f"in 2015{WORD_JOINER}{NOTE}."
    assert join_note_numbers(f"会址{NOTE}。") == f"会址{WORD_JOINER}{NOTE}。"
    once = join_note_numbers(f"a {NOTE}")
    assert join_note_numbers(once) == once


def test_only_tables_numbered_in_their_first_column_are_marked():
    numbered = "<table><thead><tr><th>#</th></tr></thead><tbody><tr><td>1</td><td>a</td></tr><tr><td>2</td></tr></tbody></table>"
    other = "<table><thead><tr><th>Year</th></tr></thead><tbody><tr><td>2015 summit</td></tr></tbody></table>"
    assert mark_numbered_tables(numbered).startswith("<table data-numbered>")
    assert mark_numbered_tables(other) == other


def test_links_whose_text_is_their_address_are_marked_for_print():
    from scripts.site.html_typography import mark_url_links
    url = "https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm"
    assert mark_url_links(f'<a href="{url}">{url}</a>') == f'<a class="link-url" href="{url}">{url}</a>'
    assert 'class="link-url"' in mark_url_links(f'<a href="{url}">gov.cn/xinwen/…/content_5024700.htm</a>')
    assert mark_url_links(f'<a href="{url}">Xinhua</a>') == f'<a href="{url}">Xinhua</a>'
