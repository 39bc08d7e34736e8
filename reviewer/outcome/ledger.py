"""The promise ledger: every promise the evidence holds (ticket criteria, card claims, design stages,
edges and parameters, data contracts, the promotion gate of each alias move), and whether this review found it kept,
missed or not verifiable. A promise is missed when a finding cites the place it was made."""

from __future__ import annotations

import re
from collections.abc import Iterable

from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.findings import Coverage, Finding, Promise, PromiseKind, PromiseState

# Which findings can say that a promise of each kind was not kept, or could not be checked.
MISSED_KINDS: dict[PromiseKind, tuple[str, ...]] = {
    "ticket_criterion": ("ticket.unaddressed",),
    "card_claim": ("card.metric_mismatch", "card.dataset_mismatch", "card.field_mismatch"),
    "design_stage": ("design.stage_missing",),
    "design_edge": ("design.edge_mismatch",),
    "design_param": ("design.param_mismatch",),
    "data_contract": ("contract.schema_mismatch",),
    "promotion_gate": ("registry.alias_moved", "promotion.gate_failed"),
}
UNVERIFIABLE_KINDS = ("card.metric_unverifiable", "ticket.unverifiable")
AGENT_OF: dict[PromiseKind, str] = {
    "ticket_criterion": "scope", "card_claim": "card", "design_stage": "design", "design_edge": "design",
    "design_param": "design", "data_contract": "design", "promotion_gate": "promotion",
}
_WORD = re.compile(r"[a-z0-9]+")


def build_ledger(evidence: Evidence, findings: list[Finding], coverage: Coverage) -> list[Promise]:
    """One row per promise (a promise written in two places is one row); its state is decided from
    the findings and coverage, never guessed."""
    places: dict[tuple[PromiseKind, str], tuple[str, list[str]]] = {}
    shared: dict[str, int] = {}
    for kind, subject, locator in _promises(evidence):
        shared[locator] = shared.get(locator, 0) + 1
        key = (kind, " ".join(subject.lower().split()))
        places.setdefault(key, (subject, []))[1].append(locator)
    checked_agents = {a.agent for a in coverage.agents if a.status == "checked"}
    gaps = [f"{s.what} {s.why}" for s in coverage.skipped]
    ledger: list[Promise] = []
    for (kind, _), (subject, locators) in places.items():
        state, finding = _state(kind, subject, locators, shared, findings, gaps,
                                AGENT_OF[kind] in checked_agents or not coverage.agents, evidence)
        ledger.append(Promise(agent=AGENT_OF[kind], kind=kind, subject=subject[:300], locator=locators[0],
                              state=state, finding=finding))
    return _edges_follow_their_stages(ledger)


def _edges_follow_their_stages(ledger: list[Promise]) -> list[Promise]:
    """An edge to or from a stage that was not shipped is not kept either."""
    missing = {p.subject.lower(): p for p in ledger if p.kind == "design_stage" and p.state == "missed"}
    out: list[Promise] = []
    for promise in ledger:
        if promise.kind == "design_edge" and promise.state == "kept":
            ends = [end.strip().lower() for end in promise.subject.split("->")]
            stage = next((missing[end] for end in ends if end in missing), None)
            if stage is not None:
                promise = promise.model_copy(update={"state": "missed", "finding": stage.finding})
        out.append(promise)
    return out


def _promises(evidence: Evidence) -> Iterable[tuple[PromiseKind, str, str]]:
    for ticket in evidence.tickets:
        for criterion in ticket.criteria:
            yield "ticket_criterion", criterion.text, criterion.locator
    for card in evidence.model_cards:
        for metric in card.metrics:
            yield "card_claim", f"{metric.name} {metric.text}", metric.locator
        for dataset in card.datasets:
            yield "card_claim", f"dataset {dataset.name}", dataset.locator
    for doc in evidence.design_docs:
        for stage in doc.stages:
            yield "design_stage", stage.name, stage.locator
        for edge in doc.edges:
            yield "design_edge", f"{edge.upstream} -> {edge.downstream}", edge.locator
        for param in doc.params:
            yield "design_param", f"{param.key} = {param.value}", param.locator
    for contract in evidence.contracts:
        yield "data_contract", contract.name or contract.path, contract.locator
    if evidence.config.promotion is not None:
        for move in evidence.moves:
            if move.purpose == "policy":
                place = f"{move.path}#L{move.line}" if move.line else move.path
                yield "promotion_gate", f"{move.target} -> v{move.version or '?'}", place


def _state(kind: PromiseKind, subject: str, locators: list[str], shared: dict[str, int], findings: list[Finding],
           gaps: list[str], checked: bool, evidence: Evidence) -> tuple[PromiseState, str | None]:
    def cites(finding: Finding) -> bool:
        hit = [c.locator for c in finding.citations if c.locator in locators]
        if not hit:
            return False
        return all(shared[h] == 1 for h in hit) or _overlaps(subject, f"{finding.subject} {finding.message}")

    for finding in findings:
        if finding.kind in MISSED_KINDS[kind] and cites(finding):
            return "missed", finding.fingerprint
    for finding in findings:
        if finding.kind in UNVERIFIABLE_KINDS and cites(finding):
            return "unverifiable", finding.fingerprint
    if not checked or not _comparable(kind, evidence) or any(_gap_covers(gap, subject, locators) for gap in gaps):
        return "unverifiable", None
    return "kept", None


def _gap_covers(gap: str, subject: str, locators: list[str]) -> bool:
    """A "not checked" entry names this promise: its exact place, or its file and what it is about."""
    if any(locator in gap for locator in locators):
        return True
    files = {locator.split("#", 1)[0] for locator in locators}
    return any(f and f in gap for f in files) and _overlaps(subject, gap)


def _comparable(kind: PromiseKind, evidence: Evidence) -> bool:
    """Whether the shipped side of this kind of promise was there to compare with."""
    if kind == "card_claim":
        return evidence.registry is not None and bool(evidence.registry.versions)
    if kind in ("design_stage", "design_edge"):
        return bool(evidence.shipped_pipelines or evidence.deployed_pipelines)
    return True


def _overlaps(subject: str, text: str) -> bool:
    return bool(_words(subject) & _words(text))


def _words(text: str) -> set[str]:
    return {w.removesuffix("s") for w in _WORD.findall(text.lower()) if len(w) > 2}


def tally(ledger: list[Promise]) -> dict[str, int]:
    counts = {"kept": 0, "missed": 0, "unverifiable": 0}
    for promise in ledger:
        counts[promise.state] += 1
    return counts
