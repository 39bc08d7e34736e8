"""The store's database: engines per backend, text either backend can keep, and migrations up, down and up."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.database import (
    Database,
    db_json,
    db_text,
    engine_url,
    make_engine,
    optional_db_text,
)
from custody.reviewer.app.store.models import Base
from sqlalchemy import inspect, text


def tables(store: Database) -> set[str]:
    return set(inspect(store.engine).get_table_names()) - {"alembic_version"}


TABLES = set(Base.metadata.tables)


def test_nul_is_replaced_in_text_and_in_json_but_an_escaped_backslash_is_kept() -> None:
    assert db_text("a\x00b") == "a\ufffdb" and db_text("plain") == "plain"
    assert optional_db_text(None) is None and optional_db_text("\x00") == "\ufffd"
    assert db_json('{"k": "a\\u0000b"}') == {"k": "a\ufffdb"}
    assert db_json('{"k": "print(\'\\\\u0000\')"}') == {"k": "print('\\u0000')"}  # backslash, then u0000
    assert db_json('{"k": "\\\\\\u0000"}') == {"k": "\\\ufffd"}  # an escaped backslash, then a NUL


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


def test_foreign_keys_are_on_again_after_a_migration_on_the_one_shared_connection() -> None:
    # In memory, every session shares one connection: a migration that left foreign keys off
    # would leave a review's findings behind when the review is deleted.
    database = Database("sqlite://")
    try:
        database.upgrade()
        database.downgrade("0006")
        database.upgrade()
        with database.engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        database.close()


def test_in_memory_sqlite_keeps_its_schema_across_sessions() -> None:
    store = Store("sqlite://")
    try:
        store.upgrade()
        assert store.accept_delivery("d-1", "pull_request", "opened", "o/r", 1, None, "{}") is True
        assert store.accept_delivery("d-1", "pull_request", "opened", "o/r", 1, None, "{}") is False
    finally:
        store.close()


def test_a_failed_write_leaves_nothing_behind(store_url: str) -> None:
    database = Database(store_url)
    try:
        database.upgrade()
        with pytest.raises(RuntimeError), database._session() as session:
            session.execute(text("INSERT INTO model_usage (installation, month, tokens) VALUES (1, '2026-11', 5)"))
            raise RuntimeError("the worker died mid-write")
        with database._session() as session:
            assert session.execute(text("SELECT count(*) FROM model_usage")).scalar() == 0
    finally:
        database.close()


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
