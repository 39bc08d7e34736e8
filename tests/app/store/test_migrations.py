"""Migrations run up, down and up again, and leave exactly the schema the models declare."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.database import engine_url, make_engine
from custody.reviewer.app.store.models import Base
from sqlalchemy import inspect, text

TABLES = {"deliveries", "pr_heads", "reviews", "agent_risks", "findings", "waivers", "rule_daily", "agent_daily",
          "model_usage", "pr_settings", "sessions", "review_tags", "pr_locks", "promises", "pr_outputs",
          "check_runs"}


def tables(store: Store) -> set[str]:
    return set(inspect(store.engine).get_table_names()) - {"alembic_version"}


def drift(store: Store) -> list[object]:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_up_down_up(store_url: str) -> None:
    store = Store(store_url)
    try:
        store.upgrade()
        assert tables(store) == TABLES
        store.accept_delivery("d-1", "pull_request", "opened", "o/r", 1, None, "{}")
        store.downgrade()
        assert tables(store) == set()
        store.upgrade()
        assert tables(store) == TABLES
        # The data went with the tables: a fresh schema claims the id anew.
        assert store.accept_delivery("d-1", "pull_request", "opened", "o/r", 1, None, "{}") is True
        store.upgrade()  # already at head: a no-op, as every process runs it at start
        assert tables(store) == TABLES
    finally:
        store.close()


def test_concurrent_upgrades_all_succeed(store_url: str) -> None:
    # Web and worker both upgrade at start; the loser must wait, then find the schema at head.
    stores = [Store(store_url) for _ in range(4)]
    barrier = threading.Barrier(len(stores))

    def upgrade(mine: Store) -> None:
        barrier.wait()
        mine.upgrade()

    try:
        for _ in range(3):
            stores[0].downgrade()
            with ThreadPoolExecutor(len(stores)) as pool:
                for future in [pool.submit(upgrade, mine) for mine in stores]:
                    future.result(timeout=60)
            assert tables(stores[0]) == TABLES
    finally:
        for mine in stores:
            mine.close()


def test_migrations_match_the_models(store: Store) -> None:
    assert drift(store) == []


def test_trend_indexes_exist(store: Store) -> None:
    inspector = inspect(store.engine)
    indexed = {table: {tuple(i["column_names"]) for i in inspector.get_indexes(table)} for table in TABLES}
    assert ("repo", "number", "head_sha") in indexed["reviews"]
    assert ("repo", "created_at") in indexed["reviews"]
    assert ("repo", "milestone") in indexed["reviews"]
    assert ("merged_at",) in indexed["reviews"]
    assert ("review_id",) in indexed["findings"]
    assert ("rule", "created_at") in indexed["findings"]
    assert ("created_at", "rule") in indexed["findings"]
    assert ("repo", "number") in indexed["waivers"]


def test_sqlite_runs_in_wal_with_a_busy_timeout(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a' / 'b' / 'custody.db'}")
    try:
        store.upgrade()
        assert (tmp_path / "a" / "b" / "custody.db").exists()
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        store.close()


def test_in_memory_sqlite_keeps_its_schema_across_sessions() -> None:
    store = Store("sqlite://")
    try:
        store.upgrade()
        assert store.accept_delivery("d-1", "pull_request", "opened", "o/r", 1, None, "{}") is True
        assert store.accept_delivery("d-1", "pull_request", "opened", "o/r", 1, None, "{}") is False
    finally:
        store.close()


def test_postgresql_urls_use_psycopg_3() -> None:
    assert engine_url("postgresql://u:p@db:5432/custody").drivername == "postgresql+psycopg"
    assert engine_url("postgres://u@db/custody").drivername == "postgresql+psycopg"
    assert engine_url("postgresql+psycopg2://u@db/custody").drivername == "postgresql+psycopg2"
    assert engine_url("sqlite:///x.db").drivername == "sqlite"


def test_postgresql_connections_are_pinged_before_use() -> None:
    engine = make_engine("postgresql://u@127.0.0.1:1/custody")  # no connection is made yet
    try:
        assert engine.dialect.driver == "psycopg"
        assert engine.pool._pre_ping is True
    finally:
        engine.dispose()


def test_a_malformed_url_is_a_clear_error_without_the_secret() -> None:
    with pytest.raises(ValueError, match="not a SQLAlchemy URL") as raised:
        Store("hunter2-not-a-url")
    assert "hunter2" not in str(raised.value)
