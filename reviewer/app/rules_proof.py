"""`custody rules test`: every built-in rule fires on a scenario that plants its delta, and on no clean one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from custody.reviewer.app.evaluate import find_scenarios, load_expected
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.review import run_review
from custody.reviewer.rules.book import builtin_packs


@dataclass
class RuleProof:
    rule: str
    fires_on: list[str] = field(default_factory=list)  # scenarios whose planted delta it caught
    noisy_on: list[str] = field(default_factory=list)  # clean scenarios where it fired

    @property
    def proven(self) -> bool:
        return bool(self.fires_on) and not self.noisy_on


def prove_rules(roots: list[Path]) -> list[RuleProof]:
    proofs = {r.id: RuleProof(r.id) for p in builtin_packs() for r in p.rules if r.check.builtin}
    for folder in find_scenarios(roots):
        expected = load_expected(folder)
        verdict = run_review(load_scenario(folder)).verdict
        planted = {(d.get("kind"), str(d.get("subject") or "").lower()) for d in expected.get("deltas") or []}
        for finding in verdict.findings:
            proof = proofs.get(finding.rule)
            if proof is None:
                continue
            if expected.get("clean"):
                proof.noisy_on.append(folder.name)
                continue
            text = f"{finding.subject} {finding.message}".lower()
            if any(kind == finding.kind and subject in text for kind, subject in planted):
                proof.fires_on.append(folder.name)
    return sorted(proofs.values(), key=lambda p: p.rule)
