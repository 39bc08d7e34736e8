"""The risk formula: bounded, monotonic, and as the README declares it."""

from __future__ import annotations

from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.findings import Finding, Waiver
from custody.reviewer.outcome.scoring import combine, risk_word, score, weight
from hypothesis import given
from hypothesis import strategies as st

SEVERITIES = ["info", "low", "medium", "high", "critical"]


def finding(severity: str, kind: str = "code.devops", agent: str = "hygiene", **extra: object) -> Finding:
    return Finding(
        kind=kind, agent=agent, rule="r", severity=severity, message="m",  # type: ignore[arg-type]
        citations=[Citation(artifact="diff", locator="a.py")], **extra,  # type: ignore[arg-type]
    )


def test_single_findings_land_in_the_band_of_their_conclusion() -> None:
    assert combine([finding("info")]) == 0
    assert 0 < combine([finding("low")]) <= 24
    assert 25 <= combine([finding("medium")]) < combine([finding("high")]) <= 69
    assert 70 <= combine([finding("high", blocking=True)]) <= 100


def test_production_blast_and_blocking_raise_the_weight() -> None:
    assert weight(finding("high", kind="promotion.gate_failed")) == 62.5
    assert weight(finding("high", kind="promotion.gate_failed", blocking=True)) == 75.0


def test_waiver_halves_the_weight() -> None:
    waived = finding("medium", waiver=Waiver(rule="r", by="lead", reason="known", at="2026-01-01"))
    assert weight(waived) == 12.5


def test_the_scale_separates_three_high_findings_from_ten() -> None:
    three, ten = combine([finding("high")] * 3), combine([finding("high")] * 10)
    assert three + 10 <= ten <= 69  # still not blocking: never in the failure band


def test_four_non_blocking_findings_do_not_read_like_a_blocker() -> None:
    assert risk_word(combine([finding("medium")] * 4)) == "medium"
    assert risk_word(combine([finding("high", blocking=True)])) == "high"
    assert risk_word(combine([finding("low")])) == "low"
    assert risk_word(0) == "none"


def test_a_waived_blocker_leaves_the_failure_band() -> None:
    waived = finding("high", blocking=True, waiver=Waiver(rule="r", by="lead", reason="known", at="2026-01-01"))
    assert 0 < combine([waived]) <= 24  # the conclusion is success once it is waived


def test_per_agent_scores_include_agents_without_findings() -> None:
    risk = score([finding("medium", agent="scope")], ["scope", "card"])
    assert risk.agents == {"scope": combine([finding("medium")]), "card": 0}
    assert risk.overall == risk.agents["scope"]


@given(st.lists(st.sampled_from(SEVERITIES), max_size=30), st.sampled_from(SEVERITIES))
def test_bounded_and_monotonic(severities: list[str], extra: str) -> None:
    base = [finding(s) for s in severities]
    before = combine(base)
    after = combine([*base, finding(extra)])
    assert 0 <= before <= after <= 100
