"""Rules whose check is a CEL expression or a Rego policy over the evidence document."""

from __future__ import annotations

import json
import logging
from typing import Any

from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import ArtifactKind, Citation, Skipped
from custody.reviewer.rules.book import Rule, RuleBook
from custody.reviewer.rules.rego_sandbox import (
    RegoCall,
    RegoPolicyError,
    RegoResult,
    evaluate_in_process,
    evaluate_isolated,
)

log = logging.getLogger(__name__)

AGENT_NAME = "rules"
# Which artifact a JSON pointer into the evidence document cites, by its first segment.
POINTER_ARTIFACTS: dict[str, ArtifactKind] = {
    "tickets": "ticket", "ticket_refs": "ticket", "pull_request": "diff", "diff": "diff",
    "head_texts": "diff", "model_cards": "model_card", "base_model_cards": "model_card",
    "design_docs": "design_doc", "contracts": "design_doc", "registry": "registry",
    "deployed_pipelines": "deployed_graph", "shipped_pipelines": "diff", "config": "policy",
}
SCOPE_POINTERS: dict[str, str] = {
    "ticket": "/tickets", "model_card": "/model_cards", "design_doc": "/design_docs",
    "registry": "/registry", "deployed_graph": "/deployed_pipelines", "diff": "/diff",
    "policy": "/config",
}


class RuleCheckError(ValueError):
    """A rule's expression or policy does not compile or evaluate."""


def citation_for(rule: Rule, pointer: str | None) -> Citation:
    if pointer is None:
        artifact = next((a for a in rule.scope.artifacts if a in SCOPE_POINTERS), "policy")
        pointer = SCOPE_POINTERS.get(artifact, "/config")
    head = pointer.lstrip("/").split("/", 1)[0]
    return Citation(artifact=POINTER_ARTIFACTS.get(head, "policy"), locator=f"evidence#{pointer}")


def evaluate_cel(expression: str, document: dict[str, Any], params: dict[str, Any]) -> bool:
    import celpy
    from celpy.adapter import json_to_cel

    try:
        env = celpy.Environment()
        program = env.program(env.compile(expression))
        result = program.evaluate(
            {"evidence": json_to_cel(document), "params": json_to_cel(params)}
        )
    except Exception as exc:  # celpy raises several unrelated types
        raise RuleCheckError(f"CEL: {type(exc).__name__}: {str(exc)[:200]}") from exc
    if isinstance(result, Exception):
        raise RuleCheckError(f"CEL: {str(result)[:200]}")
    return bool(result)


def evaluate_rego(policy: str, document: dict[str, Any], params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every element of `deny` in the policy's package, in this process: for trusted input such as lint's."""
    try:
        return evaluate_in_process(policy, json.dumps(document), params)
    except RegoPolicyError as exc:
        raise RuleCheckError(str(exc)) from exc


def run_expression_rules(evidence: Evidence, rules: RuleBook, model_available: bool = False) -> AgentResult:
    """Evaluate every enabled CEL/Rego rule; disclose natural-language rules without a model."""
    result = AgentResult(agent=AGENT_NAME)
    expression_rules = [r for r in rules.rules.values() if rules.enabled(r.id) and (r.check.cel or r.check.rego)]
    llm_rules = [r for r in rules.rules.values() if rules.enabled(r.id) and r.check.llm]
    if not model_available:
        result.skipped += [
            Skipped(what=f"rule {r.id}", why="it asks a language model and no ANTHROPIC_API_KEY is configured")
            for r in llm_rules
        ]
    if not expression_rules:
        return result
    document = evidence.model_dump(mode="json", by_alias=True)
    # Rego runs in a child process: a PR body can make a policy's regex run for hours or crash the engine.
    rego_rules = [r for r in expression_rules if not r.check.cel]
    rego_results = evaluate_isolated([RegoCall(r.check.rego or "", dict(r.check.params)) for r in rego_rules], document)
    rego_outcomes = dict(zip([r.id for r in rego_rules], rego_results, strict=True))
    for rule in expression_rules:
        params = dict(rule.check.params)
        try:
            if rule.check.cel:
                hits = [{"msg": rule.title}] if evaluate_cel(rule.check.cel, document, params) else []
            else:
                hits = _rego_hits(rego_outcomes[rule.id])
        except RuleCheckError as exc:
            result.skipped.append(Skipped(what=f"rule {rule.id}", why=str(exc)))
            continue
        result.checked.append(f"rule {rule.id}")
        for hit in hits:
            pointer = hit.get("pointer") or params.get("cite")
            finding = rules.finding(
                rule.id, subject=str(hit.get("subject", rule.id)), message=str(hit.get("msg", rule.title)),
                citations=[citation_for(rule, pointer if isinstance(pointer, str) else None)],
                claim=rule.title, intent_source=f"rule {rule.id}",
            )
            if finding is not None:
                result.findings.append(finding)
    return result


def _rego_hits(outcome: RegoResult) -> list[dict[str, Any]]:
    if outcome.problem is not None:
        raise RuleCheckError(outcome.problem)
    return outcome.denials
