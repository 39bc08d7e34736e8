"""Scoring a verdict against its labels: recall as the contract counts it, clean-PR noise, and the
precision of findings of severity medium or above."""

from __future__ import annotations

from typing import Any

from custody.reviewer.app.evaluate import score_scenario, summary
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.findings import Coverage, Finding, Risk, Verdict


def finding(kind: str, subject: str, severity: Any = "medium") -> Finding:
    return Finding(kind=kind, agent="a", rule=f"r.{kind}", severity=severity, subject=subject, message=f"{subject}!",
                   citations=[Citation(artifact="diff", locator="x.py:1")])


def verdict(*findings: Finding) -> Verdict:
    return Verdict(conclusion="neutral", risk=Risk(), findings=list(findings), coverage=Coverage())


def test_a_finding_catches_one_delta_and_subjects_are_matched_first() -> None:
    expected = {"deltas": [{"kind": "design.stage_missing"}, {"kind": "design.stage_missing", "subject": "train"}]}
    score = score_scenario("s", expected, verdict(finding("design.stage_missing", "train")))
    assert (score.caught, score.deltas) == (1, 2)
    assert score.missed == [{"kind": "design.stage_missing"}]


def test_medium_findings_that_catch_no_delta_lower_precision_but_are_not_clean_false_positives() -> None:
    expected = {"deltas": [{"kind": "card.stale"}]}
    score = score_scenario("s", expected, verdict(finding("card.stale", "card"), finding("card.missing", "x"),
                                                  finding("code.devops", "pyc", "low")))
    assert (score.medium_findings, score.medium_matched, score.false_positives) == (2, 1, 0)
    assert score.unlabelled == ["card.missing x: x!"]


def test_clean_scenarios_count_medium_findings_as_false_positives() -> None:
    score = score_scenario("s", {"clean": True}, verdict(finding("card.missing", "x", "high"),
                                                         finding("code.devops", "y", "info")))
    assert score.false_positives == 1 and score.noise == ["card.missing x: x!"]


def test_summary_keeps_the_contract_fields_and_adds_precision() -> None:
    scores = [score_scenario("a", {"deltas": [{"kind": "k"}]}, verdict(finding("k", "s"))),
              score_scenario("b", {"clean": True}, verdict(finding("j", "t", "high")))]
    line = summary(scores)
    assert line == {"scenarios": 2, "deltas": 1, "caught": 1, "recall": 1.0, "clean": 1, "false_positives": 1,
                    "fp_per_clean": 1.0, "medium_findings": 2, "medium_precision": 0.5}


def test_no_medium_findings_is_full_precision() -> None:
    assert summary([score_scenario("a", {"clean": True}, verdict())])["medium_precision"] == 1.0
