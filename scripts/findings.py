"""Findings that checks report, and the three ways to print them (text, JSON, GitHub annotations).

Every check in the project reports `Finding`s; the CLI decides the exit code from them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str          # relative to the project root, POSIX
    line: int          # 1-based; 0 when the finding concerns a whole file
    col: int           # 1-based; 0 when unknown
    code: str          # short stable name, e.g. "unknown-key"
    message: str       # what is wrong and how to fix it
    severity: str = field(default=ERROR, compare=False)

    def text(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "") + (f":{self.col}" if self.col else "")
        return f"{where}: {self.severity}: {self.message} [{self.code}]"


def relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_findings(findings: list[Finding], fmt: str) -> str:
    findings = sorted(findings)
    if fmt == "json":
        return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(_github(f) for f in findings)
    return "\n".join(f.text() for f in findings)


def _github(f: Finding) -> str:
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    def esc(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    props = [f"file={esc(f.path)}"]
    if f.line:
        props.append(f"line={f.line}")
    if f.col:
        props.append(f"col={f.col}")
    props.append(f"title={esc(f.code)}")
    return f"::{f.severity} {','.join(props)}::{esc(f.message)}"


def summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = [f.code for f in findings if f.severity != ERROR]
    by_code = ", ".join(f"{code} {warnings.count(code)}" for code in sorted(set(warnings)))
    return f"{errors} error(s), {len(warnings)} warning(s)" + (f" ({by_code})" if by_code else "")
