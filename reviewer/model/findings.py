"""Findings, coverage and the JSON verdict of `scenario-format.md`."""

from __future__ import annotations

import hashlib
from typing import Literal

from custody.reviewer.model.evidence.common import Citation, Degraded, Skipped
from pydantic import BaseModel, Field, field_validator

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
Conclusion = Literal["success", "neutral", "failure"]
VERDICT_SCHEMA = "custody.review/v1"


class Waiver(BaseModel):
    rule: str
    by: str
    reason: str
    at: str  # ISO timestamp


class Finding(BaseModel):
    kind: str
    agent: str
    rule: str
    severity: Severity
    blocking: bool = False
    subject: str = ""
    message: str
    citations: list[Citation]
    path: str | None = None
    line: int | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    source: Literal["deterministic", "model"] = "deterministic"
    claim: str | None = None  # what was promised, for the delta table
    intent_source: str | None = None  # where the promise was made
    shipped: str | None = None  # what the shipped evidence says
    waiver: Waiver | None = None

    @field_validator("citations")
    @classmethod
    def _needs_citation(cls, value: list[Citation]) -> list[Citation]:
        if not value:
            raise ValueError("a finding must cite evidence")
        return value

    @property
    def fingerprint(self) -> str:
        """Stable across pushes: same rule, subject and place give the same fingerprint."""
        key = "\x1f".join([self.rule, self.kind, self.subject.lower(), self.path or ""])
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def stands(self) -> bool:
        """A blocking finding stands unless it was waived."""
        return self.blocking and self.waiver is None


AgentStatus = Literal["checked", "nothing to check", "failed"]


class AgentCoverage(BaseModel):
    """One agent's account: what it compared (and found as reported), or why there was nothing to compare."""

    agent: str
    status: AgentStatus
    checked: list[str] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)


class Coverage(BaseModel):
    checked: list[str] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    agents: list[AgentCoverage] = Field(default_factory=list)


PromiseKind = Literal["ticket_criterion", "card_claim", "design_stage", "design_edge", "design_param",
                      "data_contract", "promotion_gate"]
PromiseState = Literal["kept", "missed", "unverifiable"]


class Promise(BaseModel):
    """One promise the PR's intent made, and whether it held: a row of the sprint ledger."""

    agent: str
    kind: PromiseKind
    subject: str
    locator: str  # where the promise was made
    state: PromiseState
    finding: str | None = None  # fingerprint of the finding that says it was missed (or unverifiable)


class Risk(BaseModel):
    overall: int = 0
    agents: dict[str, int] = Field(default_factory=dict)


class Verdict(BaseModel):
    schema_id: str = Field(default=VERDICT_SCHEMA, alias="schema")
    conclusion: Conclusion
    risk: Risk
    findings: list[Finding]
    coverage: Coverage
    repo: str | None = None
    number: int | None = None
    head_sha: str | None = None
    waivers: list[Waiver] = Field(default_factory=list)
    promises: list[Promise] = Field(default_factory=list)
    degraded: list[Degraded] = Field(
        default_factory=list,
        description="What the repository configured that did not run (a dropped rule, override or "
        "key, a failed agent); while any is listed the conclusion is never success.",
    )

    model_config = {"populate_by_name": True}

    def to_json_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)
