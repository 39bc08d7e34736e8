"""Review store: deliveries, PR heads, reviews, agent risks, findings and waivers.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 23:24:54.336647
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("event", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=True),
        sa.Column("repo", sa.String(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
    )
    op.create_index(op.f("ix_deliveries_repo_number"), "deliveries", ["repo", "number"], unique=False)

    op.create_table(
        "pr_heads",
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("head_sha", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("repo", "number", name=op.f("pk_pr_heads")),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("head_sha", sa.String(), nullable=True),
        sa.Column("installation_id", sa.BigInteger(), nullable=True),
        sa.Column("delivery_id", sa.String(), nullable=True),
        sa.Column("trigger", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("milestone", sa.String(), nullable=True),
        sa.Column("pr_created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("conclusion", sa.String(), nullable=False),
        sa.Column("risk", sa.Integer(), nullable=False),
        sa.Column("findings_count", sa.Integer(), nullable=False),
        sa.Column("blocking_count", sa.Integer(), nullable=False),
        sa.Column("waived_count", sa.Integer(), nullable=False),
        sa.Column(
            "agent_risk", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "verdict", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "evidence", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    op.create_index(op.f("ix_reviews_created_at"), "reviews", ["created_at"], unique=False)
    op.create_index(op.f("ix_reviews_merged_at"), "reviews", ["merged_at"], unique=False)
    op.create_index(op.f("ix_reviews_repo_created_at"), "reviews", ["repo", "created_at"], unique=False)
    op.create_index(op.f("ix_reviews_repo_milestone"), "reviews", ["repo", "milestone"], unique=False)
    op.create_index(op.f("ix_reviews_repo_number_head_sha"), "reviews", ["repo", "number", "head_sha"], unique=False)

    op.create_table(
        "waivers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("by", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waivers")),
    )
    op.create_index(op.f("ix_waivers_repo_number"), "waivers", ["repo", "number"], unique=False)

    op.create_table(
        "agent_risks",
        sa.Column("review_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("agent", sa.String(), nullable=False),
        sa.Column("risk", sa.Integer(), nullable=False),
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_agent_risks_review_id_reviews"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("review_id", "agent", name=op.f("pk_agent_risks")),
    )
    op.create_index(op.f("ix_agent_risks_agent_created_at"), "agent_risks", ["agent", "created_at"], unique=False)
    op.create_index(op.f("ix_agent_risks_repo_created_at"), "agent_risks", ["repo", "created_at"], unique=False)

    op.create_table(
        "findings",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("review_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("agent", sa.String(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("blocking", sa.Boolean(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("waived", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_findings_review_id_reviews"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_index(op.f("ix_findings_fingerprint"), "findings", ["fingerprint"], unique=False)
    op.create_index(op.f("ix_findings_created_at_rule"), "findings", ["created_at", "rule"], unique=False)
    op.create_index(op.f("ix_findings_repo_created_at"), "findings", ["repo", "created_at"], unique=False)
    op.create_index(op.f("ix_findings_review_id"), "findings", ["review_id"], unique=False)
    op.create_index(op.f("ix_findings_rule_created_at"), "findings", ["rule", "created_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_findings_rule_created_at"), table_name="findings")
    op.drop_index(op.f("ix_findings_review_id"), table_name="findings")
    op.drop_index(op.f("ix_findings_repo_created_at"), table_name="findings")
    op.drop_index(op.f("ix_findings_fingerprint"), table_name="findings")
    op.drop_index(op.f("ix_findings_created_at_rule"), table_name="findings")

    op.drop_table("findings")
    op.drop_index(op.f("ix_agent_risks_repo_created_at"), table_name="agent_risks")
    op.drop_index(op.f("ix_agent_risks_agent_created_at"), table_name="agent_risks")

    op.drop_table("agent_risks")
    op.drop_index(op.f("ix_waivers_repo_number"), table_name="waivers")

    op.drop_table("waivers")
    op.drop_index(op.f("ix_reviews_repo_number_head_sha"), table_name="reviews")
    op.drop_index(op.f("ix_reviews_repo_milestone"), table_name="reviews")
    op.drop_index(op.f("ix_reviews_repo_created_at"), table_name="reviews")
    op.drop_index(op.f("ix_reviews_merged_at"), table_name="reviews")
    op.drop_index(op.f("ix_reviews_created_at"), table_name="reviews")

    op.drop_table("reviews")
    op.drop_table("pr_heads")
    op.drop_index(op.f("ix_deliveries_repo_number"), table_name="deliveries")

    op.drop_table("deliveries")
