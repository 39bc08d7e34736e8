"""Budgets: per review, per agent, and the installation's monthly ceiling, each named when refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from custody.reviewer.llm.anthropic_client import limits_for
from custody.reviewer.llm.budget import Limits, MemoryLedger, ReviewBudget
from custody.reviewer.llm.protocol import Usage
from custody.reviewer.settings import Settings


def test_each_limit_is_named_when_it_refuses() -> None:
    ledger = MemoryLedger()
    budget = ReviewBudget(Limits(review_tokens=1000, agent_tokens=600, monthly_tokens=5000), ledger, installation=3)
    assert budget.refuse("model", 600) is None
    budget.charge("model", Usage(input_tokens=500))
    assert budget.refuse("model", 200) == "the model agent's token budget is spent"
    assert budget.refuse("explain", 200) is None
    budget.charge("explain", Usage(input_tokens=450))
    assert budget.refuse("other", 100) == "the review's token budget is spent"
    ledger.add(3, budget.month, 4100)  # another review of the same installation, this month
    assert budget.refuse("other", 10) == "the installation's monthly token ceiling is reached"


def test_cached_reads_count_a_tenth_and_writes_a_quarter_more() -> None:
    budget = ReviewBudget()
    budget.charge("model", Usage(cache_read_tokens=1000, cache_write_tokens=400, output_tokens=7))
    assert budget.spent == 100 + 500 + 7 == budget.by_agent["model"]


def test_the_ceiling_is_per_installation_and_per_month() -> None:
    ledger = MemoryLedger()
    october = ReviewBudget(Limits(monthly_tokens=100), ledger, 1, clock=lambda: datetime(2026, 10, 31, tzinfo=UTC))
    october.charge("model", Usage(input_tokens=100))
    november = ReviewBudget(Limits(monthly_tokens=100), ledger, 1, clock=lambda: datetime(2026, 11, 1, tzinfo=UTC))
    assert october.refuse("model", 1) is not None and november.refuse("model", 1) is None
    assert ReviewBudget(Limits(monthly_tokens=100), ledger, 2, clock=lambda: datetime(2026, 10, 2, tzinfo=UTC)
                        ).refuse("model", 1) is None


def test_deployment_limits_come_from_the_environment_and_a_pr_may_only_lower_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTODY_REVIEW_TOKENS", "40_000")
    monkeypatch.setenv("CUSTODY_AGENT_TOKENS", "50000")
    monkeypatch.setenv("CUSTODY_MONTHLY_TOKENS", "1000000")
    settings = Settings.from_env()
    assert (settings.review_tokens, settings.agent_tokens, settings.monthly_tokens) == (40_000, 50_000, 1_000_000)
    limits = limits_for(settings)
    assert (limits.review_tokens, limits.agent_tokens, limits.monthly_tokens) == (40_000, 40_000, 1_000_000)
    assert limits_for(settings, review_tokens=900).review_tokens == 900
    assert limits_for(settings, review_tokens=10**9).review_tokens == 40_000
    monkeypatch.setenv("CUSTODY_MONTHLY_TOKENS", "a lot")
    with pytest.raises(ValueError, match="CUSTODY_MONTHLY_TOKENS must be a whole number"):
        Settings.from_env()
    monkeypatch.setenv("CUSTODY_MONTHLY_TOKENS", "0")
    with pytest.raises(ValueError, match="CUSTODY_MONTHLY_TOKENS must be positive"):
        Settings.from_env()
