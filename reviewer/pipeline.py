"""The review graph (LangGraph): gather → agents in parallel → verdict → render → publish → record."""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypedDict

from langgraph.graph import END, START, StateGraph

from custody.agents import Agent, AgentResult, all_agents
from custody.reviewer.evidence import Evidence
from custody.reviewer.evidence.common import Skipped
from custody.reviewer.findings import Verdict, Waiver
from custody.reviewer.gather import gather
from custody.reviewer.render.markdown import render_comment
from custody.reviewer.review_input import ReviewInput
from custody.reviewer.expression_rules import run_expression_rules
from custody.reviewer.rule_loading import rulebook_for
from custody.reviewer.rules import RuleBook
from custody.reviewer.verdict import build_verdict

log = logging.getLogger(__name__)

Publisher = Callable[["ReviewOutcome"], None]
Recorder = Callable[["ReviewOutcome"], None]


@dataclass
class ReviewOutcome:
    evidence: Evidence
    verdict: Verdict
    comment: str


class ReviewState(TypedDict, total=False):
    source: ReviewInput
    evidence: Evidence
    rules: RuleBook
    results: Annotated[list[AgentResult], operator.add]
    waivers: list[Waiver]
    verdict: Verdict
    comment: str


def _run_agent(agent: Agent) -> Callable[[ReviewState], dict[str, Any]]:
    def node(state: ReviewState) -> dict[str, Any]:
        try:
            result = agent.review(state["evidence"], state["rules"])
        except Exception as exc:  # one agent's defect must not sink the others
            log.exception("agent %s failed", agent.name)
            result = AgentResult(
                agent=agent.name,
                skipped=[Skipped(what=f"{agent.name} agent", why=f"failed ({type(exc).__name__})")],
            )
        return {"results": [result]}

    return node


def build_graph(
    agents: Sequence[Agent] | None = None,
    publish: Publisher | None = None,
    record: Recorder | None = None,
) -> Any:
    agents = list(agents) if agents is not None else all_agents()
    graph: Any = StateGraph(ReviewState)  # langgraph's node typing is not expressible here

    def gather_node(state: ReviewState) -> dict[str, Any]:
        evidence = gather(state["source"])
        rules, problems = rulebook_for(state["source"], evidence.config)
        evidence.skipped.extend(problems)
        return {"evidence": evidence, "rules": rules}

    def verdict_node(state: ReviewState) -> dict[str, Any]:
        verdict = build_verdict(state["evidence"], state.get("results", []), state.get("waivers"))
        return {"verdict": verdict, "comment": render_comment(verdict, state["evidence"])}

    def outcome(state: ReviewState) -> ReviewOutcome:
        return ReviewOutcome(state["evidence"], state["verdict"], state["comment"])

    graph.add_node("gather", gather_node)
    graph.add_edge(START, "gather")
    for agent in agents:
        graph.add_node(f"agent_{agent.name}", _run_agent(agent))
        graph.add_edge("gather", f"agent_{agent.name}")
        graph.add_edge(f"agent_{agent.name}", "verdict")
    def rules_node(state: ReviewState) -> dict[str, Any]:
        return {"results": [run_expression_rules(state["evidence"], state["rules"])]}

    graph.add_node("rules", rules_node)
    graph.add_edge("gather", "rules")
    graph.add_edge("rules", "verdict")
    graph.add_node("verdict", verdict_node)
    last = "verdict"
    if publish is not None:
        graph.add_node("publish", lambda s: (publish(outcome(s)), {})[1])
        graph.add_edge(last, "publish")
        last = "publish"
    if record is not None:
        graph.add_node("record", lambda s: (record(outcome(s)), {})[1])
        graph.add_edge(last, "record")
        last = "record"
    graph.add_edge(last, END)
    return graph.compile()


def run_review(
    source: ReviewInput,
    *,
    agents: Sequence[Agent] | None = None,
    waivers: list[Waiver] | None = None,
    publish: Publisher | None = None,
    record: Recorder | None = None,
) -> ReviewOutcome:
    graph = build_graph(agents, publish, record)
    state = graph.invoke({"source": source, "results": [], "waivers": waivers or []})
    return ReviewOutcome(state["evidence"], state["verdict"], state["comment"])
