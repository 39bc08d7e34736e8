"""What every scoped agent is: a name and a pure function from evidence to findings."""

from __future__ import annotations

from typing import Protocol

from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.rules.book import RuleBook

__all__ = ["Agent", "AgentResult"]


class Agent(Protocol):
    name: str

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult: ...
