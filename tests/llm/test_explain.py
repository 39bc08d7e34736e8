"""`/custody explain`: words and real citations for a deterministic finding, or None when the model fails."""

from __future__ import annotations

import json
from pathlib import Path

from custody.agents import all_agents
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.llm.budget import Limits, ReviewBudget
from custody.reviewer.llm.explain import explain
from custody.reviewer.llm.protocol import ModelError
from custody.reviewer.rules.book import build_rulebook

from tests.llm.fakes import ScriptedClient

EXAMPLE = Path(__file__).parents[2] / "examples" / "churn-retrain"


def _finding():  # type: ignore[no-untyped-def]
    evidence = gather(load_scenario(EXAMPLE))
    rules, _ = build_rulebook(evidence.config)
    findings = [f for agent in all_agents() for f in agent.review(evidence, rules).findings]
    return evidence, rules, next(f for f in findings if f.rule == "card.metric-matches-registry")


def test_explanation_keeps_only_citations_that_exist() -> None:
    evidence, rules, finding = _finding()
    reply = json.dumps({"explanation": " The card says one AUC, the registry another. ",
                        "citations": ["MODEL_CARD.md#L18", "docs/design/churn-v3.md#L4", "http://x.test/"]})
    client = ScriptedClient(lambda r: reply)
    out = explain(finding, evidence, rules, client, ReviewBudget())
    assert out is not None and out.text == "The card says one AUC, the registry another."
    assert [c.locator for c in out.citations] == ["MODEL_CARD.md#L18", "docs/design/churn-v3.md#L4"]
    [request] = client.requests
    assert request.task == "explain" and "card.metric-matches-registry" in request.instruction
    assert out.usage.prompts == ["context@1", "explain@1"] and out.usage.cost_usd > 0


def test_a_failing_model_or_an_empty_budget_gives_none() -> None:
    evidence, rules, finding = _finding()
    failing = ScriptedClient(lambda r: ModelError("HTTP 529", retryable=True))
    assert explain(finding, evidence, rules, failing, ReviewBudget(), sleep=lambda s: None) is None
    assert len(failing.requests) == 3
    idle = ScriptedClient(lambda r: "{}")
    assert explain(finding, evidence, rules, idle, ReviewBudget(Limits(agent_tokens=10))) is None
    assert idle.requests == []
