"""What an agent hands on: its findings, what it checked and what it could not check, and why."""

from __future__ import annotations

from custody.reviewer.model.evidence.common import Degraded, Skipped
from custody.reviewer.model.findings import Finding
from pydantic import BaseModel, Field


class AgentResult(BaseModel):
    agent: str
    findings: list[Finding] = Field(default_factory=list)
    checked: list[str] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    degraded: list[Degraded] = Field(default_factory=list)  # rules (or the agent) that failed to run
