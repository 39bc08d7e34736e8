"""The promise ledger: each promise kept, missed (a finding cites where it was made) or not verifiable."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.cards import MetricClaim, ModelCard
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.evidence.design import DesignDoc, PlannedEdge, PlannedStage
from custody.reviewer.model.evidence.pipeline import PipelineGraph, Stage
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.tickets import Criterion, Ticket
from custody.reviewer.model.findings import Finding
from custody.reviewer.outcome.conclude import build_verdict
from custody.reviewer.outcome.ledger import tally
from custody.reviewer.review import run_review

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "churn-retrain"


def finding(kind: str, agent: str, subject: str, *locators: str) -> Finding:
    return Finding(kind=kind, agent=agent, rule=f"r.{kind}", severity="medium", subject=subject, message=subject,
                   citations=[Citation(artifact="design_doc", locator=loc) for loc in locators])


def design_evidence() -> Evidence:
    doc = DesignDoc(path="docs/design.md",
                    stages=[PlannedStage(name=n, locator="docs/design.md#L3") for n in ("ingest", "validate", "train")],
                    edges=[PlannedEdge(upstream="ingest", downstream="validate", locator="docs/design.md#L3"),
                           PlannedEdge(upstream="ingest", downstream="train", locator="docs/design.md#L9")])
    graph = PipelineGraph(name="dvc", where="head", format="dvc", source="dvc.yaml",
                          stages=[Stage(name="ingest", locator="dvc.yaml#L2"),
                                  Stage(name="train", locator="dvc.yaml#L5")])
    return Evidence(pull_request=PullRequest(repo="o/r", number=1), design_docs=[doc], shipped_pipelines=[graph])


def test_a_stage_is_missed_when_a_finding_cites_its_place_and_names_it() -> None:
    missing = finding("design.stage_missing", "design", "validate", "docs/design.md#L3")
    verdict = build_verdict(design_evidence(), [AgentResult(agent="design", checked=["design: 1 doc"],
                                                            findings=[missing])])
    states = {p.subject: p.state for p in verdict.promises}
    assert states == {"ingest": "kept", "validate": "missed", "train": "kept",
                      "ingest -> validate": "missed", "ingest -> train": "kept"}
    assert next(p for p in verdict.promises if p.subject == "validate").finding == missing.fingerprint


def test_nothing_shipped_to_compare_makes_design_promises_unverifiable() -> None:
    evidence = design_evidence().model_copy(update={"shipped_pipelines": []})
    verdict = build_verdict(evidence, [AgentResult(agent="design", checked=["design: 1 doc"])])
    assert tally(verdict.promises) == {"kept": 0, "missed": 0, "unverifiable": 5}


def test_card_claims_without_a_registry_are_unverifiable_and_gaps_are_honoured() -> None:
    card = ModelCard(path="MODEL_CARD.md", metrics=[MetricClaim(name="AUC", value=0.9, text="0.9",
                                                                locator="MODEL_CARD.md#L4")])
    ticket = Ticket(key="7", tracker="github", title="t", source="tickets/7.json",
                    criteria=[Criterion(text="adds a drift check", locator="tickets/7.json#criterion-1")])
    evidence = Evidence(pull_request=PullRequest(repo="o/r", number=1), model_cards=[card], tickets=[ticket])
    results = [AgentResult(agent="card", checked=["card: MODEL_CARD.md"]),
               AgentResult(agent="scope", checked=["scope: 1 ticket"],
                           skipped=[Skipped(what="criterion tickets/7.json#criterion-1", why="needs a model")])]
    states = {p.kind: p.state for p in build_verdict(evidence, results).promises}
    assert states == {"card_claim": "unverifiable", "ticket_criterion": "unverifiable"}


def test_the_example_pr_keeps_some_promises_and_misses_the_ones_its_findings_name() -> None:
    verdict = run_review(load_scenario(EXAMPLE)).verdict
    counts = tally(verdict.promises)
    assert counts["kept"] > 0 and counts["missed"] > 0 and counts["unverifiable"] > 0
    missed = {p.subject for p in verdict.promises if p.state == "missed"}
    assert "validate" in missed and "AUC 0.913" in missed
    fingerprints = {f.fingerprint for f in verdict.findings}
    assert all(p.finding in fingerprints for p in verdict.promises if p.state == "missed")


def test_each_alias_move_is_a_promotion_gate_promise() -> None:
    scenarios = Path(__file__).resolve().parents[2] / "benchmark" / "scenarios"
    failing = run_review(load_scenario(scenarios / "promotion-01-churn-missing-validation")).verdict
    passing = run_review(load_scenario(scenarios / "promotion-05-clean-all-evidence")).verdict
    gate = [(p.subject, p.state) for p in failing.promises if p.kind == "promotion_gate"]
    assert gate == [("champion -> v4", "missed")]
    assert [p.state for p in passing.promises if p.kind == "promotion_gate"] == ["kept"]
