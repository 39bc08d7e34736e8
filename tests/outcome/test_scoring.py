"""The risk formula: bounded, monotonic, and as the README declares it."""

from __future__ import annotations

from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.findings import Finding, Waiver
from custody.reviewer.outcome.scoring import combine, score, weight
from hypothesis import given
from hypothesis import strategies as st

SEVERITIES = ["info", "low", "medium", "high", "critical"]


def finding(severity: str, kind: str = "code.devops", agent: str = "hygiene", **extra: object) -> Finding:
    return Finding(
        kind=kind, agent=agent, rule="r", severity=severity, message="m",  # type: ignore[arg-type]
        citations=[Citation(artifact="diff", locator="a.py")], **extra,  # type: ignore[arg-type]
    )


def test_single_findings_score_their_points() -> None:
    assert combine([finding("info")]) == 0
    assert combine([finding("low")]) == 8
    assert combine([finding("medium")]) == 25
    assert combine([finding("high")]) == 50


def test_production_blast_and_blocking_raise_the_weight() -> None:
    assert weight(finding("high", kind="promotion.gate_failed")) == 62.5
    assert weight(finding("high", kind="promotion.gate_failed", blocking=True)) == 75.0


def test_waiver_halves_the_weight() -> None:
    waived = finding("medium", waiver=Waiver(rule="r", by="lead", reason="known", at="2026-01-01"))
    assert weight(waived) == 12.5


def test_two_mediums_combine_like_independent_risks() -> None:
    assert combine([finding("medium"), finding("medium")]) == 44  # 1 - 0.75^2


def test_per_agent_scores_include_agents_without_findings() -> None:
    risk = score([finding("medium", agent="scope")], ["scope", "card"])
    assert risk.agents == {"scope": 25, "card": 0}
    assert risk.overall == 25


@given(st.lists(st.sampled_from(SEVERITIES), max_size=30), st.sampled_from(SEVERITIES))
def test_bounded_and_monotonic(severities: list[str], extra: str) -> None:
    base = [finding(s) for s in severities]
    before = combine(base)
    after = combine([*base, finding(extra)])
    assert 0 <= before <= after <= 100
