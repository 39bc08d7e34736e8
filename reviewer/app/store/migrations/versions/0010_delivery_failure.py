"""Why a delivery's job was given up: GitHub refused it for good, or it was claimed too often.

A job for an uninstalled installation or a deleted repository was put back by the requeue sweep
every lease, forever. Such a delivery is now finished with its reason, and listed as dead.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("failure", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("failure")
