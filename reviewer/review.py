"""The review graph (LangGraph): gather → agents in parallel → verdict → render → publish → record."""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypedDict

from custody.agents import Agent, AgentResult, all_agents
from custody.reviewer import tracing
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Degraded, Skipped
from custody.reviewer.model.findings import Verdict, Waiver
from custody.reviewer.outcome.conclude import build_verdict
from custody.reviewer.outcome.markdown import render_comment
from custody.reviewer.rules.book import RuleBook, RulePack, build_rulebook
from custody.reviewer.rules.expressions import AGENT_NAME as RULES_AGENT
from custody.reviewer.rules.expressions import run_expression_rules
from custody.reviewer.rules.loading import rulebook_for
from langgraph.graph import END, START, StateGraph
from langgraph.types import RetryPolicy

log = logging.getLogger(__name__)

Publisher = Callable[["ReviewOutcome"], None]
Recorder = Callable[["ReviewOutcome"], None]
ModelStage = Callable[[Evidence, RuleBook, list[AgentResult]], AgentResult]

# Reading GitHub or a registry can fail for a moment; agents are pure and are not retried.
GATHER_RETRY = RetryPolicy(max_attempts=3, initial_interval=1.0)
PUBLISH_RETRY = RetryPolicy(max_attempts=3, initial_interval=2.0)


@dataclass
class ReviewOutcome:
    evidence: Evidence
    verdict: Verdict
    comment: str


class ReviewState(TypedDict, total=False):
    evidence: Evidence
    packs: list[RulePack]
    results: Annotated[list[AgentResult], operator.add]
    waivers: list[Waiver]
    verdict: Verdict
    comment: str


def _rules(state: ReviewState) -> RuleBook:
    """The effective rules, rebuilt from the packs in the state (cheap, and checkpoint-safe)."""
    book, _ = build_rulebook(state["evidence"].config, state.get("packs"))
    return book


def _run_agent(agent: Agent) -> Callable[[ReviewState], dict[str, Any]]:
    @tracing.stage(f"agent.{agent.name}", tracing.describe_results)
    def node(state: ReviewState) -> dict[str, Any]:
        try:
            result = agent.review(state["evidence"], _rules(state))
        except Exception as exc:  # one agent's defect must not sink the others
            log.exception("agent %s failed", agent.name)
            tracing.record_failure(exc)
            why = f"failed ({type(exc).__name__}); none of its rules ran"
            result = AgentResult(
                agent=agent.name,
                skipped=[Skipped(what=f"{agent.name} agent", why=why)],
                degraded=[Degraded(what=f"{agent.name} agent", why=why)],
            )
        return {"results": [result]}

    return node


def build_graph(
    source: ReviewInput,
    agents: Sequence[Agent] | None = None,
    publish: Publisher | None = None,
    record: Recorder | None = None,
    model_stage: ModelStage | None = None,
    checkpointer: Any = None,
) -> Any:
    agents = list(agents) if agents is not None else all_agents()
    graph: Any = StateGraph(ReviewState)  # langgraph's node typing is not expressible here

    @tracing.stage("gather", tracing.describe_evidence)
    def gather_node(state: ReviewState) -> dict[str, Any]:
        evidence = gather(source)
        book, problems = rulebook_for(source, evidence.config)
        evidence.config_problems.extend(problems)
        packs = _packs_of(book)
        return {"evidence": evidence, "packs": packs}

    @tracing.stage("rules", tracing.describe_results)
    def rules_node(state: ReviewState) -> dict[str, Any]:
        try:
            return {"results": [run_expression_rules(state["evidence"], _rules(state), model_stage is not None)]}
        except Exception as exc:  # the repository's CEL and Rego rules must not sink the built-in agents
            log.exception("expression rules failed")
            tracing.record_failure(exc)
            why = f"failed ({type(exc).__name__}); no CEL or Rego rule ran"
            return {"results": [AgentResult(agent=RULES_AGENT, skipped=[Skipped(what=f"{RULES_AGENT} agent", why=why)],
                                            degraded=[Degraded(what="CEL and Rego rules", why=why)])]}

    @tracing.stage("model", tracing.describe_results)
    def model_node(state: ReviewState) -> dict[str, Any]:
        assert model_stage is not None
        deterministic = [r for r in state.get("results", [])]
        return {"results": [model_stage(state["evidence"], _rules(state), deterministic)]}

    @tracing.stage("verdict", tracing.describe_verdict)
    def verdict_node(state: ReviewState) -> dict[str, Any]:
        verdict = build_verdict(state["evidence"], state.get("results", []), state.get("waivers"))
        return {"verdict": verdict, "comment": render_comment(verdict, state["evidence"])}

    def outcome(state: ReviewState) -> ReviewOutcome:
        return ReviewOutcome(state["evidence"], state["verdict"], state["comment"])

    graph.add_node("gather", gather_node, retry_policy=GATHER_RETRY)
    graph.add_edge(START, "gather")
    joins = ["rules"]
    graph.add_node("rules", rules_node)
    graph.add_edge("gather", "rules")
    for agent in agents:
        graph.add_node(f"agent_{agent.name}", _run_agent(agent))
        graph.add_edge("gather", f"agent_{agent.name}")
        joins.append(f"agent_{agent.name}")
    graph.add_node("verdict", verdict_node)
    after_agents = "verdict"
    if model_stage is not None:
        graph.add_node("model", model_node)
        after_agents = "model"
        graph.add_edge("model", "verdict")
    graph.add_edge(joins, after_agents)  # a join: waits for every agent
    last = "verdict"
    if publish is not None:
        publish_node = tracing.stage("publish")(lambda s: (publish(outcome(s)), {})[1])
        graph.add_node("publish", publish_node, retry_policy=PUBLISH_RETRY)
        graph.add_edge(last, "publish")
        last = "publish"
    if record is not None:
        graph.add_node("record", tracing.stage("record")(lambda s: (record(outcome(s)), {})[1]))
        graph.add_edge(last, "record")
        last = "record"
    graph.add_edge(last, END)
    return graph.compile(checkpointer=checkpointer)


def _packs_of(book: RuleBook) -> list[RulePack]:
    """The effective rules as one pack, so later nodes rebuild exactly the same book (disabled and
    broken rules included: the configuration disables them again, validation finds them broken again)."""
    return [RulePack(pack="effective", version="+".join(f"{k}@{v}" for k, v in sorted(book.versions.items())),
                     rules=list(book.rules.values()))]


def run_review(
    source: ReviewInput,
    *,
    agents: Sequence[Agent] | None = None,
    waivers: list[Waiver] | None = None,
    publish: Publisher | None = None,
    record: Recorder | None = None,
    model_stage: ModelStage | None = None,
    checkpointer: Any = None,
    thread_id: str | None = None,
) -> ReviewOutcome:
    """Review one PR. With a checkpointer and a thread id, a crashed review resumes where it stopped."""
    with tracing.review_span(source.pull_request) as span:
        graph = build_graph(source, agents, publish, record, model_stage, checkpointer)
        config: dict[str, Any] = {}
        first_input: dict[str, Any] | None = {"results": [], "waivers": waivers or []}
        if checkpointer is not None and thread_id is not None:
            config = {"configurable": {"thread_id": thread_id}}
            snapshot = graph.get_state(config)
            if snapshot.next:  # an interrupted run of this exact review: finish it, do not restart it
                log.info("resuming review %s at %s", thread_id, ", ".join(snapshot.next))
                first_input = None
            elif snapshot.values.get("verdict") is not None:
                values = snapshot.values
                return ReviewOutcome(values["evidence"], values["verdict"], values["comment"])
        state = graph.invoke(first_input, config or None)
        span.set_attributes(tracing.describe_verdict(state))
        return ReviewOutcome(state["evidence"], state["verdict"], state["comment"])
