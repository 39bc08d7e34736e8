"""GitHub's request budget per installation, shared by every worker of a deployment.

Workers paced themselves per process (PyGithub's pauses between calls), blind to GitHub's
answers: N workers on one installation wrote N times as fast as GitHub asks. The budget (the
installation's one write slot, when it may write next, and how long GitHub told it to wait)
now lives here on the embedded and PostgreSQL store; a Redis deployment keeps it in Redis.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "github_budget",
        sa.Column("installation", sa.String(length=64), nullable=False),
        sa.Column("paused_until", sa.Float(), nullable=False),
        sa.Column("next_write_at", sa.Float(), nullable=False),
        sa.Column("writer", sa.String(length=64), nullable=True),
        sa.Column("writer_until", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("installation", name=op.f("pk_github_budget")),
    )


def downgrade() -> None:
    op.drop_table("github_budget")
