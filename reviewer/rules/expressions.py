"""Rules whose check is a CEL expression or a Rego policy over the evidence document."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from custody.reviewer.gather.snapshot import matching
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import ArtifactKind, Citation, Degraded, Skipped
from custody.reviewer.model.findings import Finding
from custody.reviewer.rules.book import Rule, RuleBook
from custody.reviewer.rules.compile import cel_message
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


def evaluate_cel_value(expression: str, document: dict[str, Any], params: dict[str, Any]) -> Any:
    """What a CEL expression gives, as plain Python; RuleCheckError, in the rule writer's words, when it fails."""
    import celpy
    from celpy.adapter import json_to_cel

    try:
        env = celpy.Environment()
        program = env.program(env.compile(expression))
        result = program.evaluate(
            {"evidence": json_to_cel(document), "params": json_to_cel(params)}
        )
    except Exception as exc:  # celpy raises several unrelated types
        raise RuleCheckError(cel_message(exc)) from exc
    if isinstance(result, Exception):
        raise RuleCheckError(cel_message(result))
    return _plain(result)


def evaluate_cel(expression: str, document: dict[str, Any], params: dict[str, Any]) -> bool:
    return bool(evaluate_cel_value(expression, document, params))


def _plain(value: Any) -> Any:
    """celpy's values (subclasses of the Python ones) as JSON-like Python."""
    if isinstance(value, bool) or value is None:
        return value
    if type(value).__name__ == "BoolType":  # celpy's booleans are ints
        return bool(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return str(value)


def cel_hits(expression: str, document: dict[str, Any], params: dict[str, Any], title: str) -> list[dict[str, Any]]:
    """`true` is one hit; a list (`evidence.diff.files.filter(f, ...)`) is one hit per element, and a list of
    lists (nested `.map()`) one hit per innermost element."""
    value = evaluate_cel_value(expression, document, params)
    if isinstance(value, bool) or value is None:
        return [{"msg": title}] if value else []
    if isinstance(value, list):
        return [_hit(item, title) for item in _flat(value)]
    raise RuleCheckError(f"CEL: the expression must give true/false or a list of matches, not {type(value).__name__}")


def _flat(value: list[Any]) -> list[Any]:
    """A list of lists (`files.map(f, f.hunks.map(h, ...))`) as one list: one hit per innermost element."""
    return [leaf for item in value for leaf in (_flat(item) if isinstance(item, list) else [item])]


def _hit(item: Any, title: str) -> dict[str, Any]:
    """One element of a CEL list as a hit: a map keeps its path, line, locator or subject; a string is the subject."""
    if isinstance(item, dict):
        subject = next((str(item[k]) for k in ("subject", "path", "name", "key", "id") if item.get(k)), title)
        hit = {k: item[k] for k in ("path", "line", "locator", "pointer", "subject", "msg") if item.get(k) is not None}
        hit.setdefault("subject", subject)
        hit.setdefault("msg", f"{title}: {subject}" if subject != title else title)
        return hit
    return {"subject": str(item), "msg": f"{title}: {item}", "value": str(item)}


def evaluate_rego(policy: str, document: dict[str, Any], params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every element of `deny` in the policy's package, in this process: for trusted input such as lint's."""
    try:
        return evaluate_in_process(policy, json.dumps(document), params)
    except RegoPolicyError as exc:
        raise RuleCheckError(str(exc)) from exc


# Whether the evidence holds an artifact a rule's `scope.artifacts` names.
PRESENT: dict[str, Callable[[Evidence], bool]] = {
    "ticket": lambda e: bool(e.tickets or e.ticket_refs),
    "model_card": lambda e: bool(e.model_cards or e.base_model_cards),
    "design_doc": lambda e: bool(e.design_docs or e.contracts),
    "registry": lambda e: e.registry is not None,
    "deployed_graph": lambda e: bool(e.deployed_pipelines),
    "diff": lambda e: bool(e.diff.files),
    "policy": lambda e: True,
    "config": lambda e: True,
}


def scope_gap(rule: Rule, evidence: Evidence) -> str | None:
    """Why a rule has nothing to look at in this PR (its scope names what is absent), or None."""
    missing = [a for a in rule.scope.artifacts if a in PRESENT and not PRESENT[a](evidence)]
    if missing:
        return f"nothing in its scope: this PR has no {', '.join(a.replace('_', ' ') for a in missing)}"
    if rule.scope.paths:
        changed = [p for f in evidence.diff.files for p in (f.path, f.old_path) if p]
        if not matching(changed, rule.scope.paths):
            return f"nothing in its scope: no changed file matches {', '.join(rule.scope.paths)}"
    return None


def _in_scope(rule: Rule, path: str | None) -> bool:
    return path is None or not rule.scope.paths or bool(matching([path], rule.scope.paths))


def hit_citation(rule: Rule, hit: dict[str, Any], params: dict[str, Any], evidence: Evidence) -> Citation:
    """Where one hit points: its JSON pointer, its locator, its file (and line), or the rule's `cite`."""
    pointer = hit.get("pointer")
    if isinstance(pointer, str) and pointer.startswith("/"):
        return citation_for(rule, pointer)
    path = hit.get("path")
    locator = hit.get("locator")
    if isinstance(path, str) and path:
        line = hit.get("line")
        locator = locator if isinstance(locator, str) and locator else (f"{path}#L{line}" if isinstance(line, int)
                                                                       else path)
        return Citation(artifact=_artifact_of(path, evidence), locator=locator)
    if isinstance(locator, str) and locator:
        artifact = next((a for a in rule.scope.artifacts if a in SCOPE_POINTERS), "policy")
        return Citation(artifact=artifact, locator=locator)
    cite = params.get("cite")
    return citation_for(rule, cite if isinstance(cite, str) else None)


def _artifact_of(path: str, evidence: Evidence) -> ArtifactKind:
    if any(c.path == path for c in evidence.model_cards):
        return "model_card"
    if any(d.path == path for d in evidence.design_docs):
        return "design_doc"
    return "diff"


def run_expression_rules(evidence: Evidence, rules: RuleBook, model_available: bool = False) -> AgentResult:
    """Evaluate every enabled CEL/Rego rule in its scope, one finding per hit; disclose natural-language
    rules without a model. A rule that fails to evaluate costs that rule only, and is said."""
    result = AgentResult(agent=AGENT_NAME)
    result.skipped += [Skipped(what=f"rule {rule_id}", why=why) for rule_id, why in sorted(rules.broken.items())
                       if rule_id in rules.rules and not rules.rules[rule_id].check.builtin
                       and rule_id not in rules.disabled]
    candidates = [r for r in rules.rules.values() if rules.enabled(r.id) and (r.check.cel or r.check.rego)]
    llm_rules = [r for r in rules.rules.values() if rules.enabled(r.id) and r.check.llm]
    if not model_available:
        result.skipped += [
            Skipped(what=f"rule {r.id}", why="it asks a language model and no ANTHROPIC_API_KEY is configured")
            for r in llm_rules
        ]
    expression_rules: list[Rule] = []
    for rule in candidates:
        gap = scope_gap(rule, evidence)
        if gap is None:
            expression_rules.append(rule)
        else:
            result.skipped.append(Skipped(what=f"rule {rule.id}", why=gap))
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
                hits = cel_hits(rule.check.cel, document, params, rule.title)
            else:
                hits = _rego_hits(rego_outcomes[rule.id])
        except RuleCheckError as exc:
            result.skipped.append(Skipped(what=f"rule {rule.id}", why=str(exc)))
            result.degraded.append(Degraded(what=f"rule {rule.id}", why=f"{exc}; the rule was not run"))
            continue
        except Exception as exc:  # a hit the engine hands back in a shape nobody expected
            log.exception("rule %s", rule.id)
            why = f"failed ({type(exc).__name__})"
            result.skipped.append(Skipped(what=f"rule {rule.id}", why=why))
            result.degraded.append(Degraded(what=f"rule {rule.id}", why=why))
            continue
        result.checked.append(f"rule {rule.id}")
        findings = []
        for hit in hits:
            path = hit.get("path") if isinstance(hit.get("path"), str) else None
            if not _in_scope(rule, path):
                continue
            line = hit.get("line") if isinstance(hit.get("line"), int) else None
            message = str(hit.get("msg") or rule.title)
            finding = rules.finding(
                rule.id, subject=str(hit.get("subject") or message), message=message,
                citations=[hit_citation(rule, hit, params, evidence)], path=path, line=line,
                claim=rule.title, intent_source=f"rule {rule.id}",
            )
            if finding is not None:
                findings.append(finding)
        result.findings += distinct_hits(findings)
    return result


def distinct_hits(findings: list[Finding]) -> list[Finding]:
    """Every distinct hit of one rule as its own finding. Only truly identical hits (same message, subject,
    place and citations) are one; hits that share a subject and file but differ in line or citation get
    their place in the subject, since the verdict keeps one finding per rule, subject and file."""
    unique: dict[tuple[object, ...], Finding] = {}
    for finding in findings:
        key = (finding.subject, finding.message, finding.path, finding.line,
               tuple((c.artifact, c.locator) for c in finding.citations))
        unique.setdefault(key, finding)
    groups: dict[str, list[Finding]] = {}
    for finding in unique.values():
        groups.setdefault(finding.fingerprint, []).append(finding)
    out: list[Finding] = []
    for group in groups.values():
        if len(group) == 1:
            out += group
            continue
        for index, finding in enumerate(group, start=1):
            place = finding.citations[0].locator
            clash = sum(1 for f in group if f.citations[0].locator == place) > 1
            where = f"{place} #{index}" if clash else place
            out.append(finding.model_copy(update={"subject": f"{finding.subject} ({where})"}))
    return out


def _rego_hits(outcome: RegoResult) -> list[dict[str, Any]]:
    if outcome.problem is not None:
        raise RuleCheckError(outcome.problem)
    return outcome.denials
