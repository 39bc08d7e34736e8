"""Where the review graph keeps its checkpoints: beside the SQLite store, or in the PostgreSQL one.

A worker killed mid-review leaves its thread's checkpoints behind; the requeued job resumes after
the last node that finished, so agents and model calls already paid for are not run again. A
finished review deletes its thread, so the checkpoints hold only reviews in flight.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from custody.reviewer.pipeline import CHECKPOINT_TYPES
from custody.reviewer.settings import Settings
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

# Any constant will do, as long as every process takes the same one while it creates the tables.
SETUP_LOCK = 0x6375_7374  # "cust"


def _serde() -> JsonPlusSerializer:
    """Rebuilds Custody's own state types and nothing else from what is stored."""
    return JsonPlusSerializer(allowed_msgpack_modules=CHECKPOINT_TYPES)


def sqlite_path(database_url: str) -> Path | None:
    """The checkpoint file beside a SQLite store, or None for an in-memory store."""
    match = re.match(r"sqlite(?:\+\w+)?://(/?)(.*)$", database_url)
    if match is None:
        raise ValueError("not a SQLite URL")
    path = match.group(2).split("?", 1)[0] if match.group(1) else ""
    if not path or path == ":memory:":
        return None
    return Path(path).with_name("checkpoints.db")


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
def _postgres(database_url: str) -> Iterator[Any]:
    import psycopg
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row

    url = re.sub(r"^postgres(?:ql)?(?:\+\w+)?://", "postgresql://", database_url)
    with psycopg.connect(url, autocommit=True, prepare_threshold=0, row_factory=dict_row) as conn:
        saver = PostgresSaver(conn, serde=_serde())
        # Several workers may start at once: one creates the tables while the others wait.
        conn.execute("SELECT pg_advisory_lock(%s)", (SETUP_LOCK,))
        try:
            saver.setup()
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK,))
        yield saver


@contextmanager
def review_checkpoints(settings: Settings) -> Iterator[Any]:
    """A LangGraph checkpointer on the deployment's database, open for one review."""
    url = settings.database_url
    if url.startswith(("postgres://", "postgresql")):
        with _postgres(url) as saver:
            yield saver
    else:
        with _sqlite(url) as saver:
            yield saver


def forget(checkpointer: Any, thread_id: str) -> None:
    """Drop a finished review's checkpoints."""
    checkpointer.delete_thread(thread_id)
