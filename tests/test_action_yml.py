"""The repository's `action.yml` and example workflow drive the command that exists."""

from __future__ import annotations

from pathlib import Path

import yaml
from custody.reviewer.app.cli import build_parser

REPO = Path(__file__).resolve().parent.parent


def test_the_action_runs_custody_review_on_the_event_with_the_workflow_token() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    review = next(step for step in action["runs"]["steps"] if step.get("id") == "review")
    assert 'custody review --github-event "$GITHUB_EVENT_PATH"' in review["run"]
    assert review["env"]["GITHUB_TOKEN"] == "${{ inputs.github-token }}"
    assert action["inputs"]["github-token"]["default"] == "${{ github.token }}"
    upload = action["runs"]["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["if"] == "always()"


def test_the_flags_the_action_uses_exist() -> None:
    args = build_parser().parse_args(["review", "--github-event", "e.json", "--output", "out", "--format", "json"])
    assert (args.github_event, args.output, args.format) == ("e.json", "out", "json")


def test_the_example_workflow_grants_what_posting_needs() -> None:
    workflow = yaml.safe_load((REPO / "docs" / "examples" / "custody-workflow.yml").read_text())
    assert workflow["permissions"]["checks"] == "write" and workflow["permissions"]["pull-requests"] == "write"
    (step,) = workflow["jobs"]["review"]["steps"]
    assert step["uses"].endswith("/custody@v1")
