"""The store's database: the engine (SQLite or PostgreSQL), migrations and short write transactions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:  # the pipeline pulls in LangGraph; the webhook only needs the store
    pass

SQLITE_BUSY_MS = 30_000
MIGRATION_LOCK = 0x637573746F6479  # pg_advisory_xact_lock key: "custody"
# PostgreSQL text and JSONB reject NUL; a diff or a card may still carry one.
_NUL = "\x00"
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def db_text(value: str) -> str:
    return value.replace(_NUL, "\ufffd")



def optional_db_text(value: str | None) -> str | None:
    return None if value is None else db_text(value)



def db_json(dumped: str) -> Any:
    # Replace the escaped NUL (`\u0000`) but not an escaped backslash followed by "u0000".
    return json.loads(_JSON_NUL.sub(lambda m: m.group(1) + r"\ufffd", dumped))



def engine_url(url: str) -> URL:
    """The SQLAlchemy URL to connect with: bare PostgreSQL URLs go through psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        # Said without the URL itself, which may carry a password.
        raise ValueError("the database URL is not a SQLAlchemy URL (sqlite:///path or postgresql://...)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed



def _sqlite_engine(url: URL) -> Engine:
    memory = url.database in (None, "", ":memory:")
    if not memory:
        Path(str(url.database)).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False},
        # One shared connection keeps an in-memory database alive across sessions.
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets the web process read while the worker writes; the busy timeout makes writers
        # queue behind each other instead of failing with "database is locked".
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Trend queries group 100k-row index scans: keep their sort trees and pages in memory.
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.close()

    return engine



def make_engine(url: str) -> Engine:
    parsed = engine_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    # Replicas hold connections across idle spells; pre-ping drops the ones the server closed.
    return create_engine(parsed, pool_pre_ping=True)



class Database:
    """Every write is one short transaction that starts by writing, so SQLite never has to
upgrade a read lock (which fails at once under WAL instead of waiting for the busy timeout)."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # INSERT … ON CONFLICT is dialect-specific in SQLAlchemy: every upsert below builds on this one.
        self._upsert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert

    def _alembic(self) -> Config:
        config = Config()
        # Resolved from the installed package, so migrations ship inside the wheel.
        config.set_main_option("script_location", str(resources.files("custody.reviewer.app.store") / "migrations"))
        return config

    @contextmanager
    def _migrating(self) -> Iterator[Config]:
        """One migrating process at a time: web and worker both upgrade at start."""
        config = self._alembic()
        with self.engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                # Batch mode rebuilds a SQLite table (copy, drop, rename): with foreign keys on, the
                # drop of `reviews` cascades and deletes every finding, risk, tag and promise. The
                # pragma is a no-op inside a transaction, so it goes first, and back on after.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            try:
                with connection.begin():
                    if sqlite:
                        # pysqlite runs DDL outside any transaction; take the write lock first, so that
                        # a second process waits (busy timeout), then finds the schema at head.
                        connection.exec_driver_sql("BEGIN IMMEDIATE")
                    elif connection.dialect.name == "postgresql":
                        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                    config.attributes["connection"] = connection
                    yield config
            finally:
                if sqlite:
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    connection.commit()

    def upgrade(self) -> None:
        with self._migrating() as config:
            command.upgrade(config, "head")

    def downgrade(self, revision: str = "base") -> None:
        with self._migrating() as config:
            command.downgrade(config, revision)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

