"""Admission: where each registry alias last pointed, and each judged move of a production alias.

An alias moved by hand in MLflow, by a notebook or by a training job is judged when it moves; the
champion it is judged against, and the version an enforced revert restores, are the alias's last
position, kept here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "alias_positions",
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("version", sa.String(), nullable=False),
        sa.Column("moved_by", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("model", "target", name=op.f("pk_alias_positions")),
    )
    op.create_table(
        "admission_events",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("delivery_id", sa.String(), nullable=False),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("version", sa.String(), nullable=False),
        sa.Column("previous_version", sa.String(), nullable=True),
        sa.Column("repo", sa.String(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("commit", sa.String(), nullable=True),
        sa.Column("conclusion", sa.String(), nullable=False),
        sa.Column("reverted_to", sa.String(), nullable=True),
        sa.Column("reported_at", sa.Text(), nullable=True),
        sa.Column("review_id", ID, nullable=True),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_admission_events_review_id_reviews"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admission_events")),
    )
    op.create_index(op.f("ix_admission_events_model_created_at"), "admission_events", ["model", "created_at"])
    op.create_index(op.f("ix_admission_events_repo_created_at"), "admission_events", ["repo", "created_at"])


def downgrade() -> None:
    op.drop_table("admission_events")
    op.drop_table("alias_positions")
