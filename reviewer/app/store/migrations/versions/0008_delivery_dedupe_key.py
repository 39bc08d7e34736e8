"""A second identity for deliveries: what the delivery carries, not only its id.

The X-GitHub-Delivery id is not signed: one captured comment delivery replayed under new ids
queued one job each. A comment delivery is now also claimed by its comment id and body digest.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("dedupe_key", sa.String(), nullable=True))
        batch.create_index(batch.f("ix_deliveries_dedupe_key"), ["dedupe_key"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_index(batch.f("ix_deliveries_dedupe_key"))
        batch.drop_column("dedupe_key")
