"""Every offline content check, in one list; `python -m scripts check` runs them all.

Each check is a function (settings) -> list[Finding]. Add a new check by appending it to CHECKS.
"""

from __future__ import annotations

from collections.abc import Callable

from scripts.citations.checker import check as citations
from scripts.content.claims import validate as claims
from scripts.citations.mirrors import check as mirrors
from scripts.content.data import validate as timeline_and_glossary
from scripts.checks.content_safety import check as content_safety
from scripts.checks.structure import check as structure
from scripts.support.checker import check as support
from scripts.checks.terminology import check as terminology
from scripts.checks.titles import check as titles
from scripts.translation.status import check as translation_status
from scripts.checks.typography import check as typography
from scripts.checks.unnamed_sources import check as unnamed_commentary
from scripts.findings import Finding
from scripts.project import Settings

CHECKS: list[Callable[[Settings], list[Finding]]] = [
    citations,
    mirrors,
    support,
    timeline_and_glossary,
    claims,
    translation_status,
    structure,
    terminology,
    titles,
    typography,
    content_safety,
    unnamed_commentary,
]


def run_all(settings: Settings) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(settings))
    return findings
