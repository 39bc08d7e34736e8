"""The declared tables: what the migrations build, the indexes trends read, and UTC datetimes everywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.models import Base, ModelUsage, PrLock, UTCDateTime, utcnow
from sqlalchemy import inspect, select
from sqlalchemy.dialects import sqlite


def test_migrations_match_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert list(compare_metadata(context, Base.metadata)) == []


def test_trend_indexes_exist(store: Store) -> None:
    inspector = inspect(store.engine)
    indexed = {table: {tuple(i["column_names"]) for i in inspector.get_indexes(table)}
               for table in Base.metadata.tables}
    assert ("repo", "number", "head_sha") in indexed["reviews"]
    assert ("repo", "created_at") in indexed["reviews"]
    assert ("repo", "milestone") in indexed["reviews"]
    assert ("merged_at",) in indexed["reviews"]
    assert ("review_id",) in indexed["findings"]
    assert ("rule", "created_at") in indexed["findings"]
    assert ("created_at", "rule") in indexed["findings"]
    assert ("repo", "number") in indexed["waivers"]


def test_constraints_are_named_so_batch_mode_can_find_them_again() -> None:
    findings = Base.metadata.tables["findings"]
    assert findings.primary_key.name == "pk_findings"
    assert {fk.name for fk in findings.foreign_key_constraints} == {"fk_findings_review_id_reviews"}
    assert "ix_deliveries_dedupe_key" in {i.name for i in Base.metadata.tables["deliveries"].indexes}


def test_utc_datetimes_bind_and_read_back_aware_in_utc() -> None:
    column = UTCDateTime()
    dialect = sqlite.dialect()
    naive = datetime(2026, 11, 2, 9, 30)
    paris = datetime(2026, 11, 2, 10, 30, tzinfo=timezone(timedelta(hours=1)))
    assert column.process_bind_param(naive, dialect) == naive.replace(tzinfo=UTC)  # naive means UTC
    assert column.process_bind_param(paris, dialect) == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert column.process_result_value(naive, dialect) == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert column.process_result_value(paris, dialect) == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert column.process_bind_param(None, dialect) is None and column.process_result_value(None, dialect) is None
    assert utcnow().tzinfo is UTC


def test_a_datetime_written_in_another_zone_reads_back_as_the_same_instant_in_utc(store: Store) -> None:
    paris = datetime(2026, 11, 2, 10, 30, tzinfo=timezone(timedelta(hours=1)))
    with store._session() as session:
        session.add(PrLock(repo="acme/churn", number=7, holder="worker-a", expires_at=paris))
        session.add(ModelUsage(installation=7, month="2026-11"))  # tokens default to nothing spent
    with store._sessions() as session:
        expires = session.scalar(select(PrLock.expires_at))
        assert session.scalar(select(ModelUsage.tokens)) == 0
    assert expires == paris and expires is not None and expires.tzinfo == UTC
