"""The base commit of each review, so a PR retargeted to another branch is reviewed again.

"Already reviewed" was keyed on the head alone: changing a PR's base to a branch with stricter
rules kept the verdict given under the old base's rules.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("base_sha", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("base_sha")
