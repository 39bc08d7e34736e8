"""What the App wrote on each pull request and head, so a re-review writes only what changed.

A re-review searched the PR's comments, review comments and check runs on every push, and a create
whose answer was lost was sent again as a new create. The summary comment, the posted inline
fingerprints, the last reviewed head and each head's check run are now kept, with a mark for a
create under way, so that a retry looks for what it may already have written.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pr_outputs",
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.BigInteger(), nullable=True),
        sa.Column("comment_pending", sa.Boolean(), nullable=False),
        sa.Column("fingerprints", sa.JSON(), nullable=True),
        sa.Column("inline_pending", sa.JSON(), nullable=True),
        sa.Column("reviewed_head", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("repo", "number", name=op.f("pk_pr_outputs")),
    )
    op.create_table(
        "check_runs",
        sa.Column("repo", sa.String(), nullable=False),
        sa.Column("head_sha", sa.String(), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("repo", "head_sha", name=op.f("pk_check_runs")),
    )


def downgrade() -> None:
    op.drop_table("check_runs")
    op.drop_table("pr_outputs")
