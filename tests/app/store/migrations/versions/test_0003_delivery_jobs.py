"""0003: deliveries keep their job and its start and finish; the model-token ledger."""

from __future__ import annotations

from tests.app.store.migrations.steps import AT, Schema

NAME = "0003_delivery_jobs"
JOB_COLUMNS = {"job", "started_at", "finished_at"}


def test_0003_adds_job_bookkeeping_and_the_token_ledger(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() - before == {"model_usage"}
    columns = schema.columns("deliveries")
    assert set(columns) >= JOB_COLUMNS and all(columns[c] for c in JOB_COLUMNS)
    assert schema.indexes("deliveries")["ix_deliveries_finished_at_started_at"] == (("finished_at", "started_at"),
                                                                                    False)
    # The delivery recorded before the revision has no job yet: the sweep must not mistake it for one.
    assert schema.rows("deliveries", "id", "job", "started_at", "finished_at") == [("seed-1", None, None, None)]
    schema.insert("deliveries", id="new", event="pull_request", received_at=AT, claimed_at=AT, claims=1,
                  job='{"ids": "only"}', started_at=AT)
    schema.insert("model_usage", installation=4_000_000_001, month="2026-11", tokens=2**40)
    assert schema.rows("model_usage", "installation", "tokens") == [(4_000_000_001, 2**40)]  # both are 64-bit
    schema.back(NAME, before)
    assert not JOB_COLUMNS & set(schema.columns("deliveries"))
    assert schema.rows("deliveries", "id") == [("new",), ("seed-1",)]
