"""0014: deliveries carry their installation (commands are limited per installation too), and an
API-token session remembers which token opened it (changing the token ends it)."""

from __future__ import annotations

from tests.app.store.migrations.steps import SEED, Schema

NAME = "0014_security"


def test_0014_adds_the_installation_of_a_delivery_and_the_token_of_a_session(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() == before
    assert schema.columns("deliveries")["installation"] is True  # deliveries recorded before have none
    assert schema.indexes("deliveries")["ix_deliveries_installation_event_received_at"] == (
        ("installation", "event", "received_at"), False)
    assert schema.columns("sessions")["api_token"] is True
    schema.insert("deliveries", **{**SEED["deliveries"], "id": "cmd-1", "installation": 4_000_000_001})
    assert schema.rows("deliveries", "id", "installation") == [("cmd-1", 4_000_000_001), ("seed-1", None)]
    schema.back(NAME, before)
    assert "installation" not in schema.columns("deliveries") and "api_token" not in schema.columns("sessions")
