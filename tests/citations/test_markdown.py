"""Prose units and the navigation exemption of the coverage check."""

from __future__ import annotations

import pytest

from scripts.citations.markdown import is_navigation, mask, prose_units


@pytest.mark.parametrize("text", [
    "- [Origin](origin.md)",
    "- Regions: [Africa](regions/africa.md), [Middle East](regions/middle-east.md)",
    "- [Timeline](timeline.md) and [glossary](glossary.md)",
    "- 地区：[非洲](regions/africa.md)、[中东](regions/middle-east.md)",
    "- [大事记](timeline.md)和[术语表](glossary.md)",
    "延伸阅读：[在联合国](united-nations.md)，以及[国内法律](domestic-law.md)。",
])
def test_lists_of_links_are_navigation(text):
    assert is_navigation(text)


@pytest.mark.parametrize("text", [
    "- Xi spoke in Wuzhen in 2015, see [Origin](origin.md).",
    "The [white paper](white-paper.md) lists four principles.",
    "- A very long label that is really a sentence making a claim: [Origin](origin.md)",
])
def test_a_claim_with_a_link_is_not_navigation(text):
    assert not is_navigation(text)


def test_units_are_paragraphs_items_and_body_rows():
    text = "# Title\n\nOne paragraph\nstill the same.\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    units = prose_units(mask(text))
    assert [(u.kind, u.line) for u in units] == [("paragraph", 3), ("item", 6), ("item", 7), ("row", 11)]
