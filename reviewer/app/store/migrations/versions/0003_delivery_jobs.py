"""Deliveries keep their job and when it started and finished (a lost job is requeued); model token usage.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 00:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("job", sa.Text(), nullable=True))
        batch.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_deliveries_finished_at_started_at"), "deliveries", ["finished_at", "started_at"])
    op.create_table(
        "model_usage",
        sa.Column("installation", sa.BigInteger(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("tokens", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("installation", "month", name=op.f("pk_model_usage")),
    )


def downgrade() -> None:
    op.drop_table("model_usage")
    op.drop_index(op.f("ix_deliveries_finished_at_started_at"), table_name="deliveries")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("finished_at")
        batch.drop_column("started_at")
        batch.drop_column("job")
