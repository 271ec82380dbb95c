"""Derived figures: a sum, difference, ratio or share the page works out from figures in its sources.

Markdown: `{calc: 36 + 29 = 65}` in the sentence that states the figure, e.g.

    Together they list 65 projects {calc: 36 + 29 = 65} [@a; @b].

The checker verifies the arithmetic (a result with a % is the ratio times 100, rounded as written),
checks the operands like any other figure of the sentence (they must be in the cited excerpts), and
accepts the result wherever the sentence states it. The page shows the working in parentheses:
"(calculated: 36 + 29 = 65)", "（计算：36 + 29 = 65）".
"""

from __future__ import annotations

import ast
import html
import operator
import re
from dataclasses import dataclass
from decimal import Decimal

MARKER = re.compile(r"\{calc:\s*([^{}\n]*?)\s*\}")
LABELS = {"en": "(calculated: {working})", "zh": "（计算：{working}）"}
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


@dataclass(frozen=True)
class Derived:
    start: int
    end: int
    expression: str   # left of "=", as written
    result: str       # right of "=", as written
    problem: str      # why the marker is wrong, or ""


def find(text: str) -> list[Derived]:
    return [_parse(m) for m in MARKER.finditer(text)]


def _parse(match: re.Match) -> Derived:
    body = match.group(1)
    expression, equals, result = body.rpartition("=")
    if not equals or not expression.strip() or not result.strip():
        return Derived(match.start(), match.end(), body, "", "write the working as {calc: 36 + 29 = 65}")
    expression, result = expression.strip(), result.strip()
    try:
        value = _evaluate(expression)
    except (ValueError, SyntaxError, ZeroDivisionError):
        return Derived(match.start(), match.end(), expression, result,
                       f"cannot read {expression!r}: use numbers with + - × ÷ (or * /) and parentheses")
    stated = result.replace(",", "").rstrip("%").strip()
    try:
        target = Decimal(stated)
    except ArithmeticError:
        return Derived(match.start(), match.end(), expression, result, f"the result {result!r} is not a number")
    if result.endswith("%"):
        value *= 100
    decimals = len(stated.partition(".")[2])
    if abs(Decimal(str(value)) - target) > Decimal(5) / Decimal(10) ** (decimals + 1):
        return Derived(match.start(), match.end(), expression, result,
                       f"{expression} is {round(value, decimals + 2)}, not {result}; correct the working or the figure")
    return Derived(match.start(), match.end(), expression, result, "")


def _evaluate(expression: str) -> float:
    text = expression.replace(",", "").replace("×", "*").replace("÷", "/").replace("−", "-").replace("–", "-")
    return _eval(ast.parse(text, mode="eval").body)


def _eval(node) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_eval(node.left), _eval(node.right))
    raise ValueError("not arithmetic")


def render(markdown: str, locale: str) -> str:
    """Each marker as the working in parentheses, in the page's language."""
    label = LABELS.get(locale, LABELS["en"])

    def show(match: re.Match) -> str:
        working = " ".join(match.group(1).split())
        return f'<span class="calc">{html.escape(label.format(working=working))}</span>'

    return MARKER.sub(show, markdown)
