"""Token benchmarks of the model stage, counted with the deterministic estimator against a simulated endpoint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from custody.agents import AgentResult, all_agents
from custody.reviewer.llm.budget import Limits, ReviewBudget
from custody.reviewer.llm.context import estimate_tokens
from custody.reviewer.llm.judge import AnswerCache, MemoryAnswerCache, model_stage
from custody.reviewer.llm.protocol import ModelAnswer, ModelRequest, Usage
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import DiffLine, FileChange, Hunk
from custody.reviewer.rules.book import Check, Rule, RuleBook, Scope, build_rulebook

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "churn-retrain"
AGENTS = ("scope", "card", "design", "promotion", "hygiene")
UNLIMITED = Limits(review_tokens=10**9, agent_tokens=10**9, monthly_tokens=10**12)


class SimulatedEndpoint:
    """Bills like the Messages API: a prefix seen before is a cache read, a new one a cache write."""

    model = "claude-sonnet-4-6"

    def __init__(self, caching: bool = True) -> None:
        self.caching = caching
        self.seen: set[str] = set()
        self.requests = 0
        self.inputs: list[int] = []

    def complete(self, request: ModelRequest) -> ModelAnswer:
        self.requests += 1
        names = next(line for line in request.instruction.splitlines() if line.startswith("Units: "))
        text = json.dumps({"units": [{"unit": name, "criteria": [], "findings": []}
                                     for name in names.removeprefix("Units: ").split(", ")]})
        prefix = estimate_tokens(request.system + request.context)
        own = estimate_tokens(request.instruction)
        if not self.caching:
            usage = Usage(input_tokens=prefix + own)
        elif request.context in self.seen:
            usage = Usage(input_tokens=own, cache_read_tokens=prefix)
        else:
            usage = Usage(input_tokens=own, cache_write_tokens=prefix)
        self.seen.add(request.context)
        self.inputs.append(prefix + own)
        return ModelAnswer(text=text, model=self.model, usage=usage.model_copy(
            update={"output_tokens": estimate_tokens(text)}))


def _example() -> tuple[Evidence, RuleBook, list[AgentResult]]:
    from custody.reviewer.gather.assemble import gather
    from custody.reviewer.gather.scenario import load_scenario

    evidence = gather(load_scenario(EXAMPLE))
    rules, _ = build_rulebook(evidence.config)
    return evidence, rules, [agent.review(evidence, rules) for agent in all_agents()]


def _one_rule_per_agent(rules: RuleBook) -> RuleBook:
    extra = [Rule(id=f"{a}.bench-instruction", title=f"{a} instruction", agent=a, kind="bench", severity="low",
                  check=Check(llm=f"Flag anything in the {a} agent's remit that the other checks cannot compare."))
             for a in AGENTS]
    return RuleBook([*rules.rules.values(), *extra], rules.disabled)


def _billed(evidence: Evidence, rules: RuleBook, results: list[AgentResult], endpoint: SimulatedEndpoint,
            cache: AnswerCache | None = None, limits: Limits = UNLIMITED) -> tuple[int, int]:
    out = model_stage(evidence, rules, results, endpoint, ReviewBudget(limits), cache=cache)
    assert out.usage.fallback is None, out.usage.fallback
    return out.usage.tokens.billed, out.usage.calls


def _python_file(index: int, variant: int = 0) -> FileChange:
    lines = [DiffLine(number=n, text=f"    feature_{index}_{n} = frame['col_{n}'] * {n + variant} + offset_{index}")
             for n in range(1, 41)]
    return FileChange(path=f"pipeline/step_{index:02d}.py", status="added", additions=40,
                      hunks=[Hunk(old_start=0, old_length=0, new_start=1, new_length=40, added=lines)])


def benchmark_caching() -> dict[str, Any]:
    """Billed input across every model call of one review, and a one-file push against a full review."""
    evidence, rules, results = _example()
    book = _one_rule_per_agent(rules)
    # A single agent's context: everything the review asks about, in one call, as plain input.
    alone = SimulatedEndpoint(caching=False)
    _billed(evidence, book, results, alone, limits=UNLIMITED.model_copy(update={"batch_tokens": 10**9}))
    single = alone.inputs[0]
    cached, calls = _billed(evidence, book, results, SimulatedEndpoint(caching=True))
    uncached, _ = _billed(evidence, book, results, SimulatedEndpoint(caching=False))

    per_file = Rule(id="hygiene.bench-per-file", title="per file", agent="hygiene", kind="bench", severity="low",
                    scope=Scope(paths=["pipeline/*.py"]), check=Check(llm="Flag a feature computed from a label."))
    file_rules = RuleBook([*rules.rules.values(), per_file], rules.disabled)
    large = evidence.model_copy(deep=True)
    large.diff.files = [_python_file(i) for i in range(50)]
    answers = MemoryAnswerCache()
    full, full_calls = _billed(large, file_rules, [], SimulatedEndpoint(), answers)
    full_uncached, _ = _billed(large, file_rules, [], SimulatedEndpoint(caching=False))
    large.diff.files[17] = _python_file(17, variant=1)
    # A cold prompt cache (the push came later than its five minutes): the worst case.
    push, push_calls = _billed(large, file_rules, [], SimulatedEndpoint(), answers)
    return {
        "calls_in_one_review": calls,
        "billed_with_cache": cached,
        "billed_without_cache": uncached,
        "single_agent_context": single,
        "with_cache_over_single_context": round(cached / single, 3),
        "without_cache_over_single_context": round(uncached / single, 3),
        "full_review_50_files": full,
        "full_review_calls": full_calls,
        "full_review_50_files_without_cache": full_uncached,
        "one_file_push": push,
        "one_file_push_calls": push_calls,
        "push_over_full": round(push / full, 3),
        "target": "with cache < 1.5x a single agent's context; one-file push < 10% of a full review",
    }
