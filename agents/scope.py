"""The scope agent."""

from __future__ import annotations

from custody.agents.base import AgentResult
from custody.reviewer.evidence import Evidence
from custody.reviewer.rules import RuleBook


class ScopeAgent:
    name = "scope"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        return AgentResult(agent=self.name)


AGENT = ScopeAgent()
