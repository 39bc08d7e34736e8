"""One migration at a time: a database moved to a revision's parent, seeded, then over the revision and back."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.migration import MigrationContext
from custody.reviewer.app.store.database import Database

VERSIONS = "custody.reviewer.app.store.migrations.versions"
AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
# What the first schema (0001) already holds; every later revision must carry it over untouched.
SEED: dict[str, dict[str, Any]] = {
    "deliveries": {"id": "seed-1", "event": "pull_request", "action": "opened", "repo": "acme/churn", "number": 7,
                   "received_at": AT, "claimed_at": AT, "claims": 1, "enqueued_at": AT},
    "pr_heads": {"repo": "acme/churn", "number": 7, "head_sha": "a" * 40, "updated_at": AT},
    "reviews": {"id": 1, "repo": "acme/churn", "number": 7, "head_sha": "a" * 40, "installation_id": 4_000_000_001,
                "delivery_id": "seed-1", "trigger": "pull_request", "title": "Retrain churn", "author": "octocat",
                "milestone": "Sprint 46", "pr_created_at": AT, "merged_at": None, "conclusion": "failure",
                "risk": 62, "findings_count": 1, "blocking_count": 1, "waived_count": 0,
                "agent_risk": {"hygiene": 22}, "verdict": {"conclusion": "failure"}, "evidence": {"schema": "x"},
                "comment": "<!-- custody -->", "created_at": AT},
    "agent_risks": {"review_id": 1, "agent": "hygiene", "risk": 22, "repo": "acme/churn", "created_at": AT},
    "findings": {"id": 1, "review_id": 1, "repo": "acme/churn", "created_at": AT, "kind": "unseeded_split",
                 "agent": "hygiene", "rule": "hygiene.unseeded-split", "severity": "medium", "blocking": True,
                 "subject": "train_test_split", "message": "no random_state", "fingerprint": "f" * 16,
                 "path": "train.py", "line": 40, "waived": False},
    "waivers": {"id": 1, "repo": "acme/churn", "number": 7, "rule": "card.metric-mismatch", "by": "lead",
                "reason": "re-run pending", "at": "2026-11-03T10:00:00Z", "created_at": AT},
}


def migration(name: str) -> ModuleType:
    """The revision's own module, e.g. `0004_pr_settings`."""
    return importlib.import_module(f"{VERSIONS}.{name}")


class Schema:
    """A database driven revision by revision through the store's own Alembic setup (env.py included)."""

    def __init__(self, url: str) -> None:
        self.db = Database(url)

    def close(self) -> None:
        self.db.close()

    def upgrade(self, revision: str) -> None:
        with self.db._migrating() as config:
            command.upgrade(config, revision)

    def downgrade(self, revision: str) -> None:
        self.db.downgrade(revision)

    def revision(self) -> str | None:
        with self.db.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def tables(self) -> set[str]:
        return set(sa.inspect(self.db.engine).get_table_names()) - {"alembic_version"}

    def columns(self, table: str) -> dict[str, bool]:
        """Column name -> nullable."""
        return {c["name"]: bool(c["nullable"]) for c in sa.inspect(self.db.engine).get_columns(table)}

    def indexes(self, table: str) -> dict[str, tuple[tuple[str, ...], bool]]:
        """Index name -> (columns, unique)."""
        return {str(i["name"]): (tuple(str(c) for c in i["column_names"]), bool(i["unique"]))
                for i in sa.inspect(self.db.engine).get_indexes(table)}

    def _table(self, name: str) -> sa.Table:
        return sa.Table(name, sa.MetaData(), autoload_with=self.db.engine)

    def insert(self, table: str, **values: Any) -> None:
        with self.db.engine.begin() as connection:
            connection.execute(sa.insert(self._table(table)).values(**values))

    def rows(self, table: str, *columns: str, **where: Any) -> list[tuple[Any, ...]]:
        reflected = self._table(table)
        query = sa.select(*(reflected.c[c] for c in columns)).order_by(*(reflected.c[c] for c in columns))
        query = query.where(*(reflected.c[c] == value for c, value in where.items()))
        with self.db.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(query)]

    def seed(self) -> None:
        for table, values in SEED.items():
            self.insert(table, **values)

    def seeded(self) -> dict[str, tuple[Any, ...]]:
        """The seeded rows as they read now, in the seed's columns (datetimes compared as written)."""
        out: dict[str, tuple[Any, ...]] = {}
        for table, values in SEED.items():
            first = next(iter(values))  # the rows a test adds never share the seed's first column
            [row] = self.rows(table, *values, **{first: values[first]})
            out[table] = tuple(_utc(v) for v in row)
        return out

    def step(self, name: str) -> set[str]:
        """Move a fresh database to the parent of migration `name`, seed it, and apply `name`.
        Returns the tables the parent had; asserts the seeded rows came through."""
        module = migration(name)
        parent = module.down_revision
        assert isinstance(parent, str) and name.startswith(module.revision)
        self.upgrade(parent)
        self.seed()
        before = self.tables()
        self.upgrade(module.revision)
        assert self.revision() == module.revision
        assert self.seeded() == SEEDED
        return before

    def back(self, name: str, before: set[str]) -> None:
        """Downgrade migration `name` to its parent: the parent's tables, with the seeded rows intact."""
        parent = migration(name).down_revision
        self.downgrade(str(parent))
        assert self.revision() == parent
        assert self.tables() == before
        assert self.seeded() == SEEDED


def _utc(value: Any) -> Any:
    # SQLite hands DateTime(timezone=True) back naive; the seed wrote UTC.
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


SEEDED = {table: tuple(_utc(v) for v in values.values()) for table, values in SEED.items()}
