"""Small HTML helpers for references and the Sources page. The references themselves come from
the CSL processor (scripts/citations/csl.py): Chicago 17th edition on English pages, GB/T 7714-2015
on Chinese pages."""

from __future__ import annotations

import html


def esc(text: str) -> str:
    """Escape text for HTML, folding runs of white space."""
    return html.escape(" ".join(str(text).split()), quote=False)


def link(url: str, label: str | None = None) -> str:
    return f'<a href="{html.escape(url)}">{esc(label or url)}</a>'
