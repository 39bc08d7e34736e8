"""One sprint per pull request: its merge day (else its opening day) on every one of its reviews,
its newest review marked, and the ledger's states counted on the review row.

A PR's reviews were placed by each review's own copy of the PR's facts, so a PR could straddle two
sprints, and every sprint query had to find each PR's latest review and scan the ledger. The
daily rollups are rebuilt on the placement day, so rules and agent risk follow the PR too.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_INDEX = "ix_reviews_repo_pr_day_milestone_risk_blocking_count_waived_count"
COVERING = "ix_reviews_repo_sprint_day_milestone_risk_blocking_count_waived_count"
LATEST = "ix_reviews_latest_repo_sprint_day_milestone"
STATES = ("kept", "missed", "unverifiable")


def upgrade() -> None:
    # ADD COLUMN in place on every database: batch mode's copy of `reviews` on SQLite would drop the old
    # table, and with foreign keys on that deletes every finding, agent risk and promise by cascade.
    op.add_column("reviews", sa.Column("sprint_day", sa.Integer(), nullable=True))
    op.add_column("reviews", sa.Column("sprint_by_merge", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("reviews", sa.Column("latest", sa.Boolean(), nullable=False, server_default=sa.true()))
    for state in STATES:
        op.add_column("reviews", sa.Column(f"promises_{state}", sa.Integer(), nullable=False, server_default="0"))
    _backfill()
    op.drop_index(op.f(OLD_INDEX), table_name="reviews")
    op.create_index(op.f(COVERING), "reviews", ["repo", "sprint_day", "milestone", "risk", "blocking_count",
                                          "waived_count"], unique=False)
    op.create_index(op.f(LATEST), "reviews", ["latest", "repo", "sprint_day", "milestone"], unique=False)
    # The organisation page reads its recent sprints across repositories: ranges on the day alone.
    op.create_index(op.f("ix_reviews_sprint_day"), "reviews", ["sprint_day"], unique=False)
    op.create_index(op.f("ix_rule_daily_day"), "rule_daily", ["day"], unique=False)
    op.create_index(op.f("ix_agent_daily_day"), "agent_daily", ["day"], unique=False)


def _day(column: str) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"(({column} AT TIME ZONE 'UTC')::date - DATE '1970-01-01')"
    return f"CAST(julianday(substr({column}, 1, 10)) - 2440587.5 AS INTEGER)"


def _backfill() -> None:
    """Place the recorded reviews as new ones are placed, and roll them up again on that day."""
    # A judged registry move (trigger admission) sits beside the PR's reviews, never as its newest.
    op.execute("UPDATE reviews SET latest = CASE WHEN id IN (SELECT MAX(id) FROM reviews "
               "WHERE trigger <> 'admission' GROUP BY repo, number) THEN TRUE ELSE FALSE END")
    latest = "FROM reviews l WHERE l.repo = reviews.repo AND l.number = reviews.number AND l.latest"
    opened = f"COALESCE(l.pr_day, {_day('COALESCE(l.pr_created_at, l.created_at)')})"  # as 0002 placed it
    op.execute(f"""UPDATE reviews SET
        sprint_day = (SELECT CASE WHEN l.merged_at IS NULL THEN {opened} ELSE {_day('l.merged_at')} END {latest}),
        sprint_by_merge = (SELECT l.merged_at IS NOT NULL {latest}),
        milestone = (SELECT l.milestone {latest})""")
    for state in STATES:
        op.execute(f"UPDATE reviews SET promises_{state} = (SELECT COUNT(*) FROM promises p "
                   f"WHERE p.review_id = reviews.id AND p.state = '{state}')")
    _roll_up("r.sprint_day")


def _roll_up(day: str) -> None:
    op.execute("DELETE FROM rule_daily")
    op.execute("DELETE FROM agent_daily")
    op.execute(
        f"""INSERT INTO rule_daily (repo, day, milestone, rule, kind, agent, findings, blocking, waived)
        SELECT r.repo, {day}, COALESCE(r.milestone, ''), f.rule, MAX(f.kind), MAX(f.agent), COUNT(*),
               SUM(CASE WHEN f.blocking AND NOT f.waived THEN 1 ELSE 0 END),
               SUM(CASE WHEN f.waived THEN 1 ELSE 0 END)
        FROM findings f JOIN reviews r ON r.id = f.review_id
        GROUP BY r.repo, {day}, COALESCE(r.milestone, ''), f.rule"""
    )
    op.execute(
        f"""INSERT INTO agent_daily (repo, day, milestone, agent, reviews, risk_sum, risk_max)
        SELECT r.repo, {day}, COALESCE(r.milestone, ''), a.agent, COUNT(*), SUM(a.risk), MAX(a.risk)
        FROM agent_risks a JOIN reviews r ON r.id = a.review_id
        GROUP BY r.repo, {day}, COALESCE(r.milestone, ''), a.agent"""
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_agent_daily_day"), table_name="agent_daily")
    op.drop_index(op.f("ix_rule_daily_day"), table_name="rule_daily")
    op.drop_index(op.f("ix_reviews_sprint_day"), table_name="reviews")
    op.drop_index(op.f(LATEST), table_name="reviews")
    op.drop_index(op.f(COVERING), table_name="reviews")
    op.create_index(op.f(OLD_INDEX), "reviews",
                    ["repo", "pr_day", "milestone", "risk", "blocking_count", "waived_count"], unique=False)
    _roll_up(f"COALESCE(r.pr_day, {_day('COALESCE(r.pr_created_at, r.created_at)')})")
    columns = [f"promises_{state}" for state in STATES] + ["latest", "sprint_by_merge", "sprint_day"]
    if op.get_bind().dialect.name == "sqlite":
        # Not batch mode, for the cascade said above: SQLite (3.35+) drops an unindexed column in place.
        for column in columns:
            op.execute(f"ALTER TABLE reviews DROP COLUMN {column}")
        return
    with op.batch_alter_table("reviews") as batch:
        for column in columns:
            batch.drop_column(column)
