"""Token budgets: per review, per agent, and a monthly ceiling per installation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from custody.reviewer.llm.protocol import Usage
from pydantic import BaseModel


class Limits(BaseModel):
    review_tokens: int = 150_000
    agent_tokens: int = 60_000
    monthly_tokens: int = 20_000_000
    context_tokens: int = 12_000  # the shared prefix, after relevance reduction
    file_tokens: int = 4_000  # one file's hunks in one call
    batch_tokens: int = 6_000  # the changed files one call carries after the cached prefix


class Ledger(Protocol):
    """Monthly totals per installation; the lead backs this with the store."""

    def used(self, installation: int, month: str) -> int: ...

    def add(self, installation: int, month: str, tokens: int) -> None: ...


class MemoryLedger:
    def __init__(self) -> None:
        self.totals: dict[tuple[int, str], int] = defaultdict(int)

    def used(self, installation: int, month: str) -> int:
        return self.totals[(installation, month)]

    def add(self, installation: int, month: str, tokens: int) -> None:
        self.totals[(installation, month)] += tokens


def _now() -> datetime:
    return datetime.now(UTC)


class ReviewBudget:
    """What one review may still spend; every check names the limit that would be crossed."""

    def __init__(self, limits: Limits | None = None, ledger: Ledger | None = None,
                 installation: int = 0, clock: Callable[[], datetime] = _now) -> None:
        self.limits = limits or Limits()
        self.ledger: Ledger = ledger if ledger is not None else MemoryLedger()
        self.installation = installation
        self.month = clock().strftime("%Y-%m")
        self.spent = 0
        self.by_agent: dict[str, int] = defaultdict(int)

    def refuse(self, agent: str, estimate: int) -> str | None:
        """Why a call of about `estimate` billed tokens may not be made, or None when it may."""
        if self.ledger.used(self.installation, self.month) + estimate > self.limits.monthly_tokens:
            return "the installation's monthly token ceiling is reached"
        if self.spent + estimate > self.limits.review_tokens:
            return "the review's token budget is spent"
        if self.by_agent[agent] + estimate > self.limits.agent_tokens:
            return f"the {agent} agent's token budget is spent"
        return None

    def charge(self, agent: str, usage: Usage) -> None:
        tokens = usage.billed
        self.spent += tokens
        self.by_agent[agent] += tokens
        self.ledger.add(self.installation, self.month, tokens)
