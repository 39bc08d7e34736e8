"""The sticky comment: golden output, table safety and GitHub's size limit."""

from __future__ import annotations

import os
from pathlib import Path

from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import DatasetInput, Metric, ModelVersion, Registry, Run
from custody.reviewer.model.findings import AgentCoverage, Coverage, Finding, Risk, Verdict, Waiver
from custody.reviewer.outcome.markdown import MARKER, MAX_COMMENT_CHARS, headline, render_comment

GOLDEN = Path(__file__).parent / "golden"


def evidence() -> Evidence:
    registry = Registry(
        source="registry/mlflow.json",
        versions=[ModelVersion(name="churn-gbm", version="4", run_id="r4")],
        runs=[Run(run_id="r4", metrics=[Metric(key="val_auc", value=0.8712)],
                  datasets=[DatasetInput(name="accounts_2026q3", context="training")])],
    )
    return Evidence(
        pull_request=PullRequest(repo="acme/churn-model", number=42, head_sha="0123456789abcdef"),
        registry=registry, config_source="base/.github/custody.yml",
    )


def verdict() -> Verdict:
    findings = [
        Finding(kind="card.metric_mismatch", agent="card", rule="card.metric-matches-registry",
                severity="high", blocking=True, subject="auc",
                message="The card claims AUC 0.913; v4's run logged val_auc 0.8712.",
                citations=[Citation(artifact="model_card", locator="MODEL_CARD.md#L17"),
                           Citation(artifact="registry", locator="registry/mlflow.json#/runs/r4/metrics/val_auc")],
                path="MODEL_CARD.md", line=17, claim="AUC 0.913", intent_source="MODEL_CARD.md",
                shipped="val_auc = 0.8712 (v4)"),
        Finding(kind="code.devops", agent="hygiene", rule="hygiene.unpinned-dependency", severity="medium",
                subject="lightgbm", message="`lightgbm` | is added <unpinned>",
                citations=[Citation(artifact="diff", locator="requirements.txt#L1")],
                waiver=Waiver(rule="hygiene.unpinned-dependency", by="lead", reason="pinned in the lock",
                              at="2026-10-02T11:00:00Z")),
    ]
    return Verdict(
        conclusion="failure", risk=Risk(overall=71, agents={"card": 66, "hygiene": 13}),
        findings=findings, head_sha="0123456789abcdef",
        coverage=Coverage(
            checked=["card: MODEL_CARD.md against churn v4"],
            skipped=[Skipped(what="ticket #17", why="no file"),
                     Skipped(what="design doc", why="no design doc in the repository (looked in docs/**)")],
            agents=[AgentCoverage(agent="card", status="checked", checked=["card: MODEL_CARD.md against churn v4"]),
                    AgentCoverage(agent="design", status="nothing to check",
                                  skipped=[Skipped(what="design doc",
                                                   why="no design doc in the repository (looked in docs/**)")])]),
        waivers=[findings[1].waiver] if findings[1].waiver else [],
    )


def test_golden_comment() -> None:
    body = render_comment(verdict(), evidence())
    golden = GOLDEN / "failure.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(body, encoding="utf-8")
    assert body == golden.read_text(encoding="utf-8")


def test_cells_cannot_break_the_table() -> None:
    body = render_comment(verdict(), evidence())
    row = next(line for line in body.splitlines() if "lightgbm" in line)
    assert "\\|" in row and "&lt;unpinned&gt;" in row
    assert body.startswith(MARKER)


def test_huge_verdicts_stay_under_githubs_limit() -> None:
    many = verdict()
    one = many.findings[0]
    many.findings = [one.model_copy(update={"subject": f"metric-{i}", "message": "x" * 500}) for i in range(2000)]
    body = render_comment(many, evidence())
    assert len(body) <= MAX_COMMENT_CHARS
    assert "Left out to stay within GitHub's comment size" in body
    assert "What was checked" in body  # the closing sections survive truncation


def test_the_headline_is_never_a_green_tick_above_a_finding_or_a_gap() -> None:
    clean = Verdict(conclusion="success", risk=Risk(), findings=[], coverage=Coverage())
    assert headline(clean).startswith("✅")
    low = verdict().findings[1].model_copy(update={"waiver": None, "severity": "low"})
    assert headline(clean.model_copy(update={"findings": [low]})) == "ℹ️ Custody: nothing blocking; 1 minor note"
    unread = clean.model_copy(update={"coverage": Coverage(skipped=[Skipped(what="registry", why="unreadable")])})
    assert headline(unread).startswith("⚠️") and "1 thing could not be checked" in headline(unread)
    failed = clean.model_copy(update={"coverage": Coverage(agents=[AgentCoverage(
        agent="card", status="failed", skipped=[Skipped(what="card agent", why="failed (KeyError)")])])})
    assert headline(failed).startswith("⚠️")
    assert headline(verdict()) == "❌ Custody: 1 blocking finding stands"


def test_file_citations_link_to_the_head_commit_and_the_json_keeps_locators() -> None:
    body = render_comment(verdict(), evidence())
    assert "[`MODEL_CARD.md#L17`](https://github.com/acme/churn-model/blob/0123456789abcdef/MODEL_CARD.md#L17)" in body
    assert "`registry/mlflow.json#/runs/r4/metrics/val_auc` (registry)" in body  # no page to link to
    assert verdict().to_json_dict()["findings"][0]["citations"][0]["locator"] == "MODEL_CARD.md#L17"  # type: ignore[index]


def test_findings_are_grouped_by_what_to_do_and_say_how_to_fix() -> None:
    body = render_comment(verdict(), evidence())
    assert body.index("### Fix before merging") < body.index("### Notes")
    assert "Correct the card's number" in body


def test_a_clean_pr_gets_a_short_comment() -> None:
    clean = Verdict(conclusion="success", risk=Risk(), findings=[], coverage=Coverage())
    visible = [line for line in render_comment(clean, evidence()).split("<details>")[0].splitlines() if line.strip()]
    assert len(visible) <= 5
    assert any(line.startswith("**Walkthrough:**") for line in visible)
