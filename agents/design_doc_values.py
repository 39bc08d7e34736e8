"""Docs that still state the old value of something the PR changes in code: the README says
`vocab_size=50257`, the PR sets `vocab_size = 50304` and leaves the README as it was; the README runs
PostgreSQL on localhost:5432, the PR points the configuration at another host."""

from __future__ import annotations

from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, file_locator
from custody.reviewer.rules.book import RuleBook

RULE = "design.params-match"


def _same(a: str, b: str) -> bool:
    try:
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    except ValueError:
        return a.strip().lower() == b.strip().lower()


def check_doc_values(evidence: Evidence, rules: RuleBook, result: AgentResult, reported: set[str]) -> None:
    """One finding per changed name a doc still gives its old value, unless a doc also gives the new
    one or the head code still sets the old value somewhere (the doc may describe that place)."""
    for change in evidence.changed_defaults:
        key = normalize_name(change.name)
        stated = [v for v in evidence.doc_values if normalize_name(v.key.rsplit(".", 1)[-1]) == key]
        if not stated or key in reported:
            continue
        if any(_same(v.value, change.new) for v in stated):
            result.checked.append(f"design: docs state {change.name} = {change.new} as {change.path} now sets it")
            continue
        if any(c.name == change.name and _same(c.new, change.old) for c in evidence.changed_defaults):
            continue  # another file now takes the old value: the doc may describe that one
        old = next((v for v in stated if _same(v.value, change.old)), None)
        if old is None:
            continue  # the doc states some other value: not a drift this PR made
        doc_path = old.locator.partition("#")[0]
        finding = rules.finding(
            RULE, subject=change.name,
            message=f"{doc_path} still states {old.key} = {old.value}, but this PR changes {change.name} "
                    f"from {change.old} to {change.new} in {change.path}; update the doc or say why they differ.",
            citations=[Citation(artifact="design_doc", locator=old.locator),
                       Citation(artifact="diff", locator=f"{change.path}#L{change.line}")],
            path=change.path, line=change.line, claim=f"{old.key} = {old.value}", intent_source=doc_path,
            shipped=f"{change.name} = {change.new}")
        if finding is not None:
            reported.add(key)
            result.findings.append(finding)


def check_host_moves(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    """A configuration value the PR moves from a local service to another host, while the docs set that
    service up locally and never name the new host (or the variable it is read from): following the
    docs, the configured client reaches nothing."""
    for move in evidence.host_moves:
        via = (f"the `{move.variable}` variable, which no doc or run file sets" if move.variable
               else f"`{move.new}`, which no doc or run file names")
        finding = rules.finding(
            RULE, subject=move.key,
            message=f"{move.path} line {move.line} moves `{move.key}` from `{move.old}` to {via}, but the "
                    f"repository's setup still serves that port locally ({', '.join(move.local_elsewhere[:3])}): "
                    f"following the docs, the service is not where the configuration looks; give the value a "
                    f"local default or document the new host.",
            citations=[Citation(artifact="design_doc", locator=move.local_elsewhere[0]),
                       Citation(artifact="diff", locator=file_locator(move.path, move.line))],
            path=move.path, line=move.line, claim=move.old, intent_source=move.local_elsewhere[0].partition("#")[0],
            shipped=move.new)
        if finding is not None:
            result.findings.append(finding)
    if evidence.host_moves:
        result.checked.append(f"design: {len(evidence.host_moves)} service address(es) the PR moves off this "
                              "machine against the docs' local setup")
