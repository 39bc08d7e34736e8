"""People signed in with GitHub (sessions) and review tags (labels, CODEOWNERS owners) for team filters.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 23:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("repos", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sessions")),
    )
    op.create_index(op.f("ix_sessions_expires_at"), "sessions", ["expires_at"])
    op.create_table(
        "review_tags",
        sa.Column("review_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("tag", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_review_tags_review_id_reviews"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("review_id", "tag", name=op.f("pk_review_tags")),
    )
    op.create_index(op.f("ix_review_tags_tag_review_id"), "review_tags", ["tag", "review_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_review_tags_tag_review_id"), table_name="review_tags")
    op.drop_table("review_tags")
    op.drop_index(op.f("ix_sessions_expires_at"), table_name="sessions")
    op.drop_table("sessions")
