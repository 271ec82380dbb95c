"""Property-based tests of the citation parser (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.citations.markdown import find_citations, mask

keys = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True)
locators = st.one_of(st.just(""), st.from_regex(r"(p\.|pp\.|para\.|第) ?[0-9]{1,3}(-[0-9]{1,3})?", fullmatch=True))
items = st.lists(st.tuples(keys, locators), min_size=1, max_size=4)
# Prose that cannot itself contain citation syntax or Markdown structure.
prose = st.text(alphabet=st.characters(blacklist_characters="[]@`\\<>~\n\r#|-*+!{}_", blacklist_categories=("Cs", "Cc")), max_size=40)


def citation_text(group):
    return "[" + "; ".join(f"@{k}" + (f", {loc}" if loc else "") for k, loc in group) + "]"


@settings(max_examples=300, deadline=None)
@given(before=prose, group=items, after=prose)
def test_a_citation_in_prose_is_found_with_its_keys_locators_and_offsets(before, group, after):
    text = f"{before} {citation_text(group)} {after}"
    citations, malformed = find_citations(text)
    assert malformed == []
    (citation,) = citations
    assert [(i.key, i.locator) for i in citation.items] == group
    assert text[citation.start:citation.end] == citation_text(group)
    assert citation.line == 1 and citation.col == citation.start + 1


@settings(max_examples=200, deadline=None)
@given(group=items, lines_before=st.integers(0, 5), ticks=st.integers(1, 3))
def test_citations_in_code_or_escaped_are_ignored(group, lines_before, ticks):
    cite = citation_text(group)
    fence = "`" * max(3, ticks)
    text = "\n" * lines_before + f"{'`' * ticks}{cite}{'`' * ticks} and \\{cite}\n\n{fence}\n{cite}\n{fence}\n"
    assert find_citations(text) == ([], [])


@settings(max_examples=200, deadline=None)
@given(user=keys, domain=keys, group=items)
def test_email_addresses_and_links_are_not_citations(user, domain, group):
    text = f"Write to {user}@{domain}.org or [{user}@{domain}.org](mailto:{user}@{domain}.org); [@{user}](https://x.test/)."
    assert find_citations(text) == ([], [])


@settings(max_examples=200, deadline=None)
@given(before=st.lists(prose, max_size=4), group=items)
def test_line_numbers_count_the_lines_before(before, group):
    text = "\n\n".join(before) + ("\n\n" if before else "") + citation_text(group)
    (citation,), _ = find_citations(text)
    assert citation.line == text[:citation.start].count("\n") + 1


@given(st.text(max_size=200))
def test_masking_keeps_length_and_line_breaks(text):
    masked = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


@given(st.text(max_size=200))
def test_parser_never_crashes_and_offsets_are_in_range(text):
    citations, _ = find_citations(text)
    for citation in citations:
        assert 0 <= citation.start < citation.end <= len(text)
        assert text[citation.start] == "["
