"""0010: why a delivery's job was given up."""

from __future__ import annotations

from tests.app.store.migrations.steps import SEED, Schema

NAME = "0010_delivery_failure"


def test_0010_adds_the_reason_a_job_was_given_up(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() == before
    assert schema.columns("deliveries")["failure"] is True
    assert schema.rows("deliveries", "id", "failure") == [("seed-1", None)]  # nothing recorded is dead
    reason = "GitHub answered 404 to minting a token for installation 7 " + "x" * 2000  # Text, not a short string
    schema.insert("deliveries", **{**SEED["deliveries"], "id": "gone-1", "failure": reason})
    assert schema.rows("deliveries", "id", "failure") == [("gone-1", reason), ("seed-1", None)]
    schema.back(NAME, before)
    assert "failure" not in schema.columns("deliveries")
