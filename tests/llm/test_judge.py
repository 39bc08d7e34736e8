"""The model stage on the churn example: it adds cited findings only, within budget, and falls back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from custody.agents import AgentResult, all_agents
from custody.agents.scope import NEEDS_MODEL
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.llm.budget import Limits, MemoryLedger, ReviewBudget
from custody.reviewer.llm.judge import MemoryAnswerCache, ModelStageResult, as_stage, cost_of, model_stage
from custody.reviewer.llm.protocol import ModelError, ModelRequest, Usage
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.rules.book import Check, Rule, RuleBook, build_rulebook

from tests.llm.fakes import ScriptedClient, criteria_answer, diff_lines, rule_answer, units_of

EXAMPLE = Path(__file__).parents[2] / "examples" / "churn-retrain"
PENDING = "criterion tickets/17.json#criterion-3"


@pytest.fixture(scope="module")
def review() -> tuple[Evidence, RuleBook, list[AgentResult]]:
    evidence = gather(load_scenario(EXAMPLE))
    rules, _ = build_rulebook(evidence.config)
    return evidence, rules, [agent.review(evidence, rules) for agent in all_agents()]


def _with_llm_rule(rules: RuleBook, paths: list[str] | None = None) -> RuleBook:
    rule = Rule(id="hygiene.no-silent-seed", title="Seeds are set", agent="hygiene", kind="hygiene",
                severity="medium", check=Check(llm="Flag training code that trains without a fixed seed."),
                **({"scope": {"paths": paths}} if paths else {}))
    return RuleBook([*rules.rules.values(), rule], rules.disabled)


def test_a_pending_criterion_judged_met_is_resolved_without_a_finding(review) -> None:
    evidence, rules, results = review
    client = ScriptedClient(criteria_answer("yes", lambda r, u: ["pull_request#body"]))
    out = model_stage(evidence, rules, results, client, ReviewBudget())
    assert out.resolved == [PENDING] and out.result.findings == []
    assert any("tickets/17.json#criterion-3: met" in c for c in out.result.checked)
    assert out.usage.prompts == ["context@1", "judge_criterion@2", "batch@1"]
    # the criterion sits in the cached prefix; one call asks about the context and every text file
    [request] = client.requests
    assert "[tickets/17.json#criterion-3]" in request.context and "criterion-3" not in request.instruction
    assert units_of(request)[0] == "context"
    assert sorted(units_of(request)[1:]) == sorted(f.path for f in evidence.diff.files if not f.binary)
    assert units_of(request)[1] in {c.path for c in evidence.model_cards} | {"dvc.yaml"}  # artifacts first


def test_small_batches_share_one_prefix(review) -> None:
    evidence, rules, results = review
    client = ScriptedClient(criteria_answer("unclear"))
    model_stage(evidence, rules, results, client, ReviewBudget(Limits(batch_tokens=200)))
    assert len(client.requests) > 2 and len({r.context for r in client.requests}) == 1
    asked = [u for r in client.requests for u in units_of(r)]
    assert sorted(asked) == sorted(["context", *(f.path for f in evidence.diff.files if not f.binary)])


def test_criterion_judged_unmet_everywhere_becomes_a_cited_model_finding(review) -> None:
    evidence, rules, results = review
    out = model_stage(evidence, rules, results, ScriptedClient(criteria_answer("no")), ReviewBudget())
    [finding] = out.result.findings
    assert finding.source == "model" and finding.rule == "scope.criterion-unaddressed"
    assert finding.citations[0].locator == "tickets/17.json#criterion-3" and finding.confidence < 1


def test_a_prose_promise_judged_unmet_is_a_low_hint_never_a_gate(review) -> None:
    """A promise read from a ticket's prose is weak evidence: the model's 'no' may point at it, but it
    neither blocks nor counts as a medium finding (the scope agent's precision rule, kept here too)."""
    evidence, rules, results = review
    prose = evidence.model_copy(deep=True)
    for ticket in prose.tickets:
        ticket.criteria = [c.model_copy(update={"prose": True}) for c in ticket.criteria]
    out = model_stage(prose, rules, results, ScriptedClient(criteria_answer("no")), ReviewBudget())
    [finding] = out.result.findings
    assert finding.rule == "scope.criterion-unaddressed" and finding.source == "model"
    assert (finding.severity, finding.blocking) == ("low", False)
    listed = model_stage(evidence, rules, results, ScriptedClient(criteria_answer("no")), ReviewBudget())
    assert listed.result.findings[0].severity != "low"  # a listed criterion keeps its rule's severity


def test_a_yes_without_a_real_citation_is_not_trusted(review) -> None:
    evidence, rules, results = review
    client = ScriptedClient(criteria_answer("yes", lambda r, u: ["https://evil.example.com/proof", "churn/x.py#L1"]))
    out = model_stage(evidence, rules, results, client, ReviewBudget())
    assert out.resolved == [] and out.result.findings == []


def test_rule_findings_keep_only_real_citations_and_the_rules_severity(review) -> None:
    evidence, rules, results = review
    book = _with_llm_rule(rules, ["churn/*.py"])
    # A hostile answer: every rule on every unit, citing lines of other files and a file that does not exist.
    client = ScriptedClient(rule_answer(lambda r, u: [*diff_lines(r, u)[:1], "nowhere.py#L1", "churn/train.py#L5"]))
    out = model_stage(evidence, book, [r for r in results if r.agent != "scope"], client, ReviewBudget())
    [request] = client.requests
    assert units_of(request) == ["context", "churn/features.py", "churn/train.py", "churn/validate.py"]
    assert {f.path for f in out.result.findings} == {"churn/train.py", "churn/features.py"}
    for finding in out.result.findings:
        assert finding.source == "model" and finding.severity == "medium" and finding.confidence <= 0.9
        assert all(c.locator != "nowhere.py#L1" for c in finding.citations)
        assert finding.line is not None


def test_uncited_rule_findings_are_dropped(review) -> None:
    evidence, rules, results = review
    out = model_stage(evidence, _with_llm_rule(rules), results, ScriptedClient(rule_answer(lambda r, u: [])),
                      ReviewBudget())
    assert out.result.findings == [] and "rule hygiene.no-silent-seed: by the language model" in out.result.checked


def test_a_finding_a_deterministic_check_already_made_is_not_repeated(review) -> None:
    evidence, rules, results = review
    # The scope agent's own unaddressed finding cites criterion-2; even marked pending it is not re-judged,
    # and a model finding with a deterministic one's rule and subject is dropped.
    results = [r.model_copy(deep=True) for r in results]
    scope = next(r for r in results if r.agent == "scope")
    scope.skipped.append(scope.skipped[0].model_copy(update={"what": "criterion tickets/17.json#criterion-2",
                                                             "why": f"names nothing concrete: {NEEDS_MODEL}"}))
    deterministic = next(f for f in scope.findings if f.rule == "scope.criterion-unaddressed")
    scope.findings = [deterministic.model_copy(update={"subject": "tickets/17.json#criterion-2"})]
    out = model_stage(evidence, rules, results, ScriptedClient(criteria_answer("no")), ReviewBudget())
    assert [f.subject for f in out.result.findings] == ["tickets/17.json#criterion-3"]
    scope.skipped.pop()
    scope.findings = [deterministic.model_copy(update={"subject": "tickets/17.json#criterion-3",
                                                       "citations": deterministic.citations[1:]})]
    out = model_stage(evidence, rules, results, ScriptedClient(criteria_answer("no")), ReviewBudget())
    assert out.result.findings == []


def test_budget_refusal_is_disclosed_and_nothing_is_sent(review) -> None:
    evidence, rules, results = review
    client = ScriptedClient(criteria_answer("yes"))
    out = model_stage(evidence, rules, results, client, ReviewBudget(Limits(agent_tokens=100)))
    assert client.requests == []
    assert any("model agent's token budget" in s.why for s in out.result.skipped)


def test_monthly_ceiling_counts_across_reviews(review) -> None:
    evidence, rules, results = review
    ledger = MemoryLedger()
    first = ReviewBudget(Limits(monthly_tokens=40_000), ledger, installation=7)
    model_stage(evidence, rules, results, ScriptedClient(criteria_answer("yes")), first)
    assert ledger.used(7, first.month) == first.spent > 0
    client = ScriptedClient(criteria_answer("yes"))
    out = model_stage(evidence, rules, results, client, ReviewBudget(Limits(monthly_tokens=first.spent + 10),
                                                                     ledger, installation=7))
    assert client.requests == [] and any("monthly" in s.why for s in out.result.skipped)


def test_answers_are_reused_by_content_address(review) -> None:
    evidence, rules, results = review
    cache = MemoryAnswerCache()
    model_stage(evidence, rules, results, ScriptedClient(criteria_answer("yes")), ReviewBudget(), cache=cache)
    again = ScriptedClient(criteria_answer("yes"))
    out = model_stage(evidence, rules, results, again, ReviewBudget(), cache=cache)
    assert again.requests == [] and out.usage.cached_answers > 0 and out.usage.calls == 0


def test_malformed_output_is_retried_then_the_deterministic_verdict_stands(review) -> None:
    evidence, rules, results = review
    waits: list[float] = []
    client = ScriptedClient(lambda r: "Sure! Everything looks great.")
    out = model_stage(evidence, rules, results, client, ReviewBudget(), sleep=waits.append)
    assert len(client.requests) == 3 and waits == [1.0, 2.0]
    assert out.usage.fallback == "the language model failed (malformed output, 3 attempts)"
    assert out.result.findings == [] and any("deterministic verdict stands" in s.why for s in out.result.skipped)


def test_overload_honours_retry_after_and_recovers(review) -> None:
    evidence, rules, results = review
    calls: list[ModelRequest] = []

    def script(request: ModelRequest) -> str | ModelError:
        calls.append(request)
        if len(calls) == 1:
            return ModelError("HTTP 529", retryable=True, retry_after=7.0)
        return criteria_answer("yes", lambda r, u: ["pull_request#body"])(request)

    waits: list[float] = []
    out = model_stage(evidence, rules, results, ScriptedClient(script), ReviewBudget(), sleep=waits.append)
    assert waits == [7.0] and out.usage.fallback is None and out.resolved == [PENDING]


def test_a_non_retryable_error_stops_at_once(review) -> None:
    evidence, rules, results = review
    client = ScriptedClient(lambda r: ModelError("HTTP 401", retryable=False))
    out = model_stage(evidence, rules, results, client, ReviewBudget(), sleep=lambda s: None)
    assert len(client.requests) == 1 and "HTTP 401" in (out.usage.fallback or "")


def test_usage_and_cost_are_recorded(review) -> None:
    evidence, rules, results = review
    client = ScriptedClient(criteria_answer("yes"))
    out = model_stage(evidence, rules, results, client, ReviewBudget())
    tokens = out.usage.tokens
    assert out.usage.calls == len(client.requests)
    assert tokens.cache_write_tokens > 0 and tokens.cache_read_tokens == 0  # one call: nothing to read yet
    assert out.usage.cost_usd == cost_of(client.model, tokens) > 0
    assert json.loads(out.usage.model_dump_json())["model"] == "claude-sonnet-4-6"


def test_cost_uses_the_models_price() -> None:
    usage = Usage(input_tokens=1_000_000, output_tokens=1_000_000)
    assert cost_of("claude-haiku-4-5", usage) == 6.0
    assert cost_of("claude-opus-4-7", usage) == 30.0 and cost_of("claude-opus-4-1", usage) == 90.0
    assert cost_of("claude-sonnet-4-6", Usage(cache_read_tokens=1_000_000)) == pytest.approx(0.3)


def test_a_unit_the_answer_leaves_out_is_listed_and_not_cached(review) -> None:
    evidence, rules, results = review

    def only_context(request: ModelRequest) -> str:
        return json.dumps({"units": [{"unit": "context", "criteria": [], "findings": []}]})

    cache = MemoryAnswerCache()
    out = model_stage(evidence, rules, results, ScriptedClient(only_context), ReviewBudget(), cache=cache)
    left_out = {s.what for s in out.result.skipped if "left it out" in s.why}
    assert left_out == {f"diff of {f.path}" for f in evidence.diff.files if not f.binary}
    assert len(cache.answers) == 1


def test_summary_and_the_pipeline_shape(review) -> None:
    evidence, rules, results = review
    seen: list[ModelStageResult] = []
    stage = as_stage(ScriptedClient(criteria_answer("yes", lambda r, u: ["pull_request#body"])), ReviewBudget,
                     on_result=seen.append)
    result = stage(evidence, rules, results)
    [out] = seen
    assert result is out.result and result.agent == "model"
    line = out.usage.summary()
    assert line.startswith("claude-sonnet-4-6: 1 call(s); tokens in ") and "judge_criterion@2" in line
    assert f"cache write {out.usage.tokens.cache_write_tokens:,}" in line and "$" in line


def test_a_model_rule_scope_is_the_same_glob_as_a_cel_or_rego_rule() -> None:
    from custody.reviewer.llm.judge import _applies

    rule = Rule(id="hygiene.seeded", title="Seeds are set", agent="hygiene", kind="hygiene", severity="medium",
                check=Check(llm="Flag unseeded training."), scope={"paths": ["**/train.py", "pipelines/**"]})
    assert _applies(rule, "train.py")  # `**/` spans no folder too, as for CEL and Rego scopes
    assert _applies(rule, "models/churn/train.py") and _applies(rule, "pipelines/a/b.py")
    assert not _applies(rule, "src/retrain.py") and not _applies(rule, "Pipelines/a.py")
