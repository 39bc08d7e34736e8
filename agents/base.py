"""What every scoped agent is: a name and a pure function from evidence to findings."""

from __future__ import annotations

from typing import Protocol

from custody.reviewer.evidence import Evidence
from custody.reviewer.evidence.common import Skipped
from custody.reviewer.findings import Finding
from custody.reviewer.rules import RuleBook
from pydantic import BaseModel, Field


class AgentResult(BaseModel):
    agent: str
    findings: list[Finding] = Field(default_factory=list)
    checked: list[str] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)


class Agent(Protocol):
    name: str

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult: ...
