"""0002: a day number on reviews and the daily rollups, back-filled from the reviews already recorded."""

from __future__ import annotations

from tests.app.store.migrations.steps import Schema

NAME = "0002_daily_rollups"
SPRINT_INDEX = ("repo", "pr_day", "milestone", "risk", "blocking_count", "waived_count")
DAY = 20759  # 2026-11-02, counted from 1970-01-01


def test_0002_backfills_day_numbers_and_rollups_from_recorded_reviews(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() - before == {"rule_daily", "agent_daily"}
    assert schema.columns("reviews")["pr_day"] is True
    assert (SPRINT_INDEX, False) in schema.indexes("reviews").values()  # its name is past PostgreSQL's 63 bytes
    assert schema.rows("reviews", "id", "pr_day") == [(1, DAY)]
    assert schema.rows("rule_daily", "repo", "day", "milestone", "rule", "kind", "agent", "findings", "blocking",
                       "waived") == [("acme/churn", DAY, "Sprint 46", "hygiene.unseeded-split", "unseeded_split",
                                      "hygiene", 1, 1, 0)]
    daily = schema.rows("agent_daily", "agent", "day", "reviews", "risk_sum", "risk_max")
    assert daily == [("hygiene", DAY, 1, 22, 22)]
    schema.back(NAME, before)
    assert "pr_day" not in schema.columns("reviews")
    assert all(columns != SPRINT_INDEX for columns, _unique in schema.indexes("reviews").values())
