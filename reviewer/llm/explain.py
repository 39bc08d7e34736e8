"""`/custody explain`: the model puts a deterministic finding into words; it never judges it again."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from custody.reviewer.llm import prompts
from custody.reviewer.llm.budget import ReviewBudget
from custody.reviewer.llm.context import build_context, estimate_tokens
from custody.reviewer.llm.judge import AGENT, ModelUsage, cost_of
from custody.reviewer.llm.protocol import ModelClient, ModelError, ModelRequest
from custody.reviewer.llm.redact import redact
from custody.reviewer.llm.retry import ATTEMPTS, with_retries
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.findings import Finding, Verdict
from custody.reviewer.rules.book import RuleBook
from pydantic import BaseModel, ConfigDict, ValidationError


class ExplainAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    explanation: str
    citations: list[str]


class Explanation(BaseModel):
    text: str
    citations: list[Citation]
    usage: ModelUsage


def explain(finding: Finding, evidence: Evidence, rules: RuleBook, client: ModelClient, budget: ReviewBudget,
            *, sleep: Callable[[float], None] = time.sleep, attempts: int = ATTEMPTS) -> Explanation | None:
    """Plain words for `finding`, or None (then the caller shows the rule's own description)."""
    ctx = build_context(evidence, budget.limits)
    system, prompt = prompts.load("context"), prompts.load("explain")
    valid = {**ctx.locators, **{k: v for f in ctx.files for k, v in f.locators.items()},
             **{c.locator: c.artifact for c in finding.citations}}
    title = rules.rules[finding.rule].title if finding.rule in rules.rules else finding.rule
    shown = finding.model_dump_json(include={"message", "claim", "intent_source", "shipped", "citations",
                                             "severity", "blocking"})
    request = ModelRequest(agent=AGENT, task=prompt.name, prompt_version=prompt.ref, system=redact(system.body),
                           context=redact(ctx.text), output_schema=ExplainAnswer.model_json_schema(),
                           instruction=redact(prompt.render(rule_id=finding.rule, rule_title=title, finding=shown)))
    usage = ModelUsage(model=client.model, prompts=[system.ref, prompt.ref])
    estimate = estimate_tokens(request.system + request.context + request.instruction) + request.max_tokens
    if budget.refuse(AGENT, estimate) is not None:
        return None

    def once() -> ExplainAnswer:
        usage.calls += 1
        answer = client.complete(request)
        usage.tokens = usage.tokens + answer.usage
        budget.charge(AGENT, answer.usage)
        try:
            return ExplainAnswer.model_validate_json(answer.text[answer.text.find("{"):answer.text.rfind("}") + 1])
        except ValidationError as exc:
            raise ModelError("malformed output", retryable=True) from exc

    try:
        parsed = with_retries(once, sleep, attempts)
    except ModelError:
        return None
    usage.cost_usd = cost_of(client.model, usage.tokens)
    citations = [Citation(artifact=valid[c], locator=c) for c in dict.fromkeys(parsed.citations) if c in valid]
    return Explanation(text=parsed.explanation.strip()[:2000], citations=citations, usage=usage)


def explain_recorded(rule_id: str, audit: tuple[dict[str, Any], dict[str, Any]] | None, rules: RuleBook,
                     client: ModelClient, budget: ReviewBudget) -> str | None:
    """Plain words for the PR's latest recorded finding of `rule_id`, read from the audit record
    (evidence and verdict as stored), or None when there is no such finding or the model failed."""
    if audit is None:
        return None
    try:
        evidence, verdict = Evidence.model_validate(audit[0]), Verdict.model_validate(audit[1])
    except ValidationError:
        return None  # a record from an older schema: the rule's own description stands
    finding = next((f for f in verdict.findings if f.rule == rule_id), None)
    if finding is None:
        return None
    said = explain(finding, evidence, rules, client, budget)
    if said is None:
        return None
    cited = ", ".join(f"`{c.locator}`" for c in said.citations)
    return said.text + (f" (citing {cited})" if cited else "")
