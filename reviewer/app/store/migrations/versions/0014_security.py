"""Security: command jobs counted per installation, and API-token sessions kept server-side.

`deliveries.installation` lets the webhook count one installation's command jobs (a spammer on
one account cannot fill every worker); `sessions.api_token` marks a session opened with the API
token, which sees every repository and ends at sign-out or when the token changes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("installation", sa.BigInteger(), nullable=True))
        batch.create_index(batch.f("ix_deliveries_installation_event_received_at"),
                           ["installation", "event", "received_at"], unique=False)
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("api_token", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("api_token")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_index(batch.f("ix_deliveries_installation_event_received_at"))
        batch.drop_column("installation")
