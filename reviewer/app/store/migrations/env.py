"""Alembic's entry point for the review store: runs on the connection the Store hands it."""

from __future__ import annotations

from alembic import context
from custody.reviewer.app.store.models import Base
from sqlalchemy import Connection, create_engine


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    # Plain `alembic -c ...` use: build an engine from the configured URL.
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        _migrate(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("the review store migrates online only; use `Store(url).upgrade()`")
run()
