"""Findings: evidence is required, fingerprints are stable across pushes, and only unwaived blockers stand."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.findings import Finding, Waiver
from pydantic import ValidationError

CITE = [Citation(artifact="diff", locator="train.py#L3")]


def finding(**extra: object) -> Finding:
    fields: dict[str, object] = {"kind": "code.devops", "agent": "hygiene", "rule": "hygiene.secret",
                                 "severity": "high", "subject": "AWS key", "message": "m", "citations": CITE,
                                 "path": "train.py", "line": 3, **extra}
    return Finding.model_validate(fields)


def test_a_finding_without_evidence_is_refused() -> None:
    with pytest.raises(ValidationError, match="must cite evidence"):
        finding(citations=[])


def test_the_fingerprint_ignores_wording_line_and_case_but_not_rule_subject_or_file() -> None:
    base = finding().fingerprint
    assert finding(message="other words", line=40, subject="aws KEY").fingerprint == base
    assert finding(subject="GitHub token").fingerprint != base
    assert finding(rule="hygiene.other").fingerprint != base
    assert finding(path="serve.py").fingerprint != base


def test_only_an_unwaived_blocking_finding_stands() -> None:
    waiver = Waiver(rule="hygiene.secret", by="lead", reason="rotated", at="2026-12-01T00:00:00Z")
    assert finding(blocking=True).stands
    assert not finding(blocking=True, waiver=waiver).stands
    assert not finding(blocking=False).stands
