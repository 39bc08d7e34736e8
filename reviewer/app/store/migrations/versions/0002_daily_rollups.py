"""Day numbers and daily rollups of findings per rule and risk per agent, for sprint trends.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 23:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("pr_day", sa.Integer(), nullable=True))
    op.create_index(
        op.f("ix_reviews_repo_pr_day_milestone_risk_blocking_count_waived_count"), "reviews",
        ["repo", "pr_day", "milestone", "risk", "blocking_count", "waived_count"], unique=False,
    )
    op.create_table(
        "rule_daily",
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("agent", sa.String(), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.Column("blocking", sa.Integer(), nullable=False),
        sa.Column("waived", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("repo", "day", "milestone", "rule", name=op.f("pk_rule_daily")),
    )
    op.create_table(
        "agent_daily",
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(), nullable=False),
        sa.Column("agent", sa.String(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("risk_sum", sa.Integer(), nullable=False),
        sa.Column("risk_max", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("repo", "day", "milestone", "agent", name=op.f("pk_agent_daily")),
    )
    _backfill()


def _backfill() -> None:
    """Roll up the reviews recorded before this revision, so no history is lost."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        day = "((COALESCE(pr_created_at, created_at) AT TIME ZONE 'UTC')::date - DATE '1970-01-01')"
    else:
        day = "CAST(julianday(substr(COALESCE(pr_created_at, created_at), 1, 10)) - 2440587.5 AS INTEGER)"
    op.execute(f"UPDATE reviews SET pr_day = {day}")
    day = "r.pr_day"
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
    op.drop_table("agent_daily")
    op.drop_table("rule_daily")
    op.drop_index(op.f("ix_reviews_repo_pr_day_milestone_risk_blocking_count_waived_count"), table_name="reviews")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("pr_day")
