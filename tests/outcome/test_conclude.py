"""Conclusions follow blocking rules; duplicates collapse; waivers attach."""

from __future__ import annotations

from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.findings import Finding, Waiver
from custody.reviewer.outcome.conclude import build_verdict


def make(severity: str, blocking: bool = False, rule: str = "r.one", subject: str = "x") -> Finding:
    return Finding(
        kind="code.devops", agent="hygiene", rule=rule, severity=severity,  # type: ignore[arg-type]
        blocking=blocking, subject=subject, message="m",
        citations=[Citation(artifact="diff", locator="a.py#L1")],
    )


EVIDENCE = Evidence(pull_request=PullRequest(repo="o/r", number=1, head_sha="abc"),
                    skipped=[Skipped(what="registry", why="none configured")])


def test_failure_only_when_a_blocking_finding_stands() -> None:
    results = [AgentResult(agent="hygiene", findings=[make("high", blocking=True)])]
    assert build_verdict(EVIDENCE, results).conclusion == "failure"
    waiver = Waiver(rule="r.one", by="lead", reason="accepted for the hotfix", at="2026-10-02T10:00:00Z")
    waived = build_verdict(EVIDENCE, results, [waiver])
    assert waived.conclusion == "success"
    assert waived.findings[0].waiver == waiver


def test_neutral_for_non_blocking_medium_and_success_for_low() -> None:
    assert build_verdict(EVIDENCE, [AgentResult(agent="hygiene", findings=[make("medium")])]).conclusion == "neutral"
    assert build_verdict(EVIDENCE, [AgentResult(agent="hygiene", findings=[make("low")])]).conclusion == "success"


def test_duplicates_collapse_and_findings_sort_by_severity() -> None:
    results = [AgentResult(agent="hygiene", findings=[make("low", subject="a"), make("high", subject="b"),
                                                      make("low", subject="a")])]
    verdict = build_verdict(EVIDENCE, results)
    assert [f.severity for f in verdict.findings] == ["high", "low"]


def test_coverage_keeps_evidence_gaps_and_agent_gaps() -> None:
    results = [AgentResult(agent="card", checked=["card: 1 card"],
                           skipped=[Skipped(what="metrics", why="no run")])]
    verdict = build_verdict(EVIDENCE, results)
    assert [s.what for s in verdict.coverage.skipped] == ["registry", "metrics"]
    assert verdict.coverage.checked == ["card: 1 card"]
    assert verdict.to_json_dict()["schema"] == "custody.review/v1"


def test_a_model_finding_never_shadows_a_deterministic_one() -> None:
    deterministic = make("high", blocking=True, subject="same")
    echo = deterministic.model_copy(update={"agent": "model", "source": "model", "severity": "low",
                                            "blocking": False})
    verdict = build_verdict(EVIDENCE, [AgentResult(agent="model", findings=[echo]),
                                       AgentResult(agent="hygiene", findings=[deterministic])])
    assert [(f.source, f.severity) for f in verdict.findings] == [("deterministic", "high")]
    assert verdict.conclusion == "failure"


def test_criteria_the_model_judged_leave_not_checked() -> None:
    scope = AgentResult(agent="scope", skipped=[Skipped(what="criterion t.json#criterion-2", why="judged only with "
                                                                                                   "a language model")])
    model = AgentResult(agent="model", checked=["criterion t.json#criterion-2: met, by the language model",
                                                "model usage: m: 1 call(s)"])
    verdict = build_verdict(EVIDENCE, [scope, model])
    assert [s.what for s in verdict.coverage.skipped] == ["registry"]
    from custody.reviewer.outcome.markdown import render_comment

    assert "| Model usage | m: 1 call(s) |" in render_comment(verdict, EVIDENCE)


def test_every_agent_accounts_for_itself_and_none_passes_silently() -> None:
    results = [
        AgentResult(agent="scope", checked=["scope: 1 ticket(s), 2 criteria"]),
        AgentResult(agent="card", skipped=[Skipped(what="model card", why="no card in the repository")]),
        AgentResult(agent="design"),
        AgentResult(agent="hygiene", skipped=[Skipped(what="hygiene agent", why="failed (ValueError)")]),
        AgentResult(agent="promotion", findings=[make("low")]),
    ]
    accounts = {a.agent: a for a in build_verdict(EVIDENCE, results).coverage.agents}
    assert {name: a.status for name, a in accounts.items()} == {
        "card": "nothing to check", "design": "nothing to check", "hygiene": "failed",
        "promotion": "checked", "scope": "checked"}
    assert accounts["card"].skipped == [Skipped(what="model card", why="no card in the repository")]
    (said,) = accounts["design"].skipped
    assert "found nothing" in said.why
