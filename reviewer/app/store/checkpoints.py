"""Where the review graph keeps its checkpoints: beside the SQLite store, or in the PostgreSQL one.

A worker killed mid-review leaves its thread's checkpoints behind; the requeued job resumes after
the last node that finished, so agents and model calls already paid for are not run again. A
finished review deletes its thread, so the checkpoints hold only reviews in flight.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from custody.reviewer.app.store.database import engine_url
from custody.reviewer.settings import Settings
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from sqlalchemy.engine import URL

# Any constant will do, as long as every process takes the same one while it creates the tables.
SETUP_LOCK = 0x6375_7374  # "cust"
# Types the checkpointer may rebuild from its store: our own state models, nothing else.
CHECKPOINT_TYPES = [
    ("custody.reviewer.model.evidence.document", "Evidence"),
    ("custody.reviewer.model.agent_result", "AgentResult"),
    ("custody.reviewer.model.findings", "Verdict"),
    ("custody.reviewer.model.findings", "Waiver"),
    ("custody.reviewer.rules.book", "RulePack"),
]
# PostgreSQL databases whose checkpoint tables this process has already set up.
_READY: set[str] = set()
_READY_LOCK = threading.Lock()


def _serde() -> JsonPlusSerializer:
    """Rebuilds Custody's own state types and nothing else from what is stored."""
    return JsonPlusSerializer(allowed_msgpack_modules=CHECKPOINT_TYPES)


def sqlite_path(database_url: str) -> Path | None:
    """The checkpoint file beside a SQLite store, or None for an in-memory store."""
    url = engine_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise ValueError("not a SQLite URL")
    if url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).with_name("checkpoints.db")


@contextmanager
def _sqlite(database_url: str) -> Iterator[Any]:
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = sqlite_path(database_url)
    if path is None:
        from langgraph.checkpoint.memory import InMemorySaver

        yield InMemorySaver(serde=_serde())
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        yield SqliteSaver(conn, serde=_serde())
    finally:
        conn.close()


@contextmanager
def _postgres(url: URL) -> Iterator[Any]:
    import psycopg
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row

    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq, autocommit=True, prepare_threshold=0, row_factory=dict_row) as conn:
        saver = PostgresSaver(conn, serde=_serde())
        with _READY_LOCK:
            if libpq not in _READY:  # once per process and database, not once per review
                # Several workers may start at once: one creates the tables while the others wait.
                conn.execute("SELECT pg_advisory_lock(%s)", (SETUP_LOCK,))
                try:
                    saver.setup()
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK,))
                _READY.add(libpq)
        yield saver


@contextmanager
def review_checkpoints(settings: Settings) -> Iterator[Any]:
    """A LangGraph checkpointer on the deployment's database, open for one review."""
    url = engine_url(settings.database_url)
    if url.get_backend_name() == "postgresql":
        with _postgres(url) as saver:
            yield saver
    else:
        with _sqlite(settings.database_url) as saver:
            yield saver


def forget(checkpointer: Any, thread_id: str) -> None:
    """Drop a finished review's checkpoints."""
    checkpointer.delete_thread(thread_id)
