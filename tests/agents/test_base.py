"""The agent protocol: every built-in agent is a name and a pure function from evidence to its own result."""

from __future__ import annotations

from custody.agents import AGENT_MODULES, all_agents
from custody.agents.base import Agent, AgentResult
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.rules.book import RuleBook, build_rulebook

from tests.helpers import REPO


class Silent:
    """The smallest agent the protocol admits: one that checks nothing."""

    name = "silent"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        return AgentResult(agent=self.name, checked=[])


def test_each_built_in_agent_answers_for_itself_on_a_real_scenario() -> None:
    evidence = gather(load_scenario(REPO / "benchmark" / "scenarios" / "promotion-02-fraud-margin-too-small"))
    rules, _ = build_rulebook(evidence.config)
    agents: list[Agent] = [*all_agents(), Silent()]
    assert [a.name for a in agents] == [*AGENT_MODULES, "silent"]
    before = evidence.model_dump_json()
    results = [agent.review(evidence, rules) for agent in agents]
    assert [r.agent for r in results] == [a.name for a in agents]
    assert all(f.agent == r.agent for r in results for f in r.findings)
    assert evidence.model_dump_json() == before  # pure: the evidence is read, never changed
    promotion = results[AGENT_MODULES.index("promotion")]
    assert any(f.rule.startswith("promotion.") for f in promotion.findings)


def test_an_agent_is_the_same_instance_each_time() -> None:
    assert [id(a) for a in all_agents()] == [id(a) for a in all_agents()]
