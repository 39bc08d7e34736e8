"""The promise ledger: one row per promise of each review, with whether it was kept.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "promises",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("review_id", ID, nullable=False),
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("finding", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_promises_review_id_reviews"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promises")),
    )
    op.create_index(op.f("ix_promises_review_id"), "promises", ["review_id"])
    op.create_index(op.f("ix_promises_repo_created_at_state"), "promises", ["repo", "created_at", "state"])
    op.create_index(op.f("ix_promises_created_at_state"), "promises", ["created_at", "state"])


def downgrade() -> None:
    op.drop_table("promises")
