"""0008: a unique second identity for deliveries, from what they carry."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from tests.app.store.migrations.steps import SEED, Schema

NAME = "0008_delivery_dedupe_key"


def test_0008_refuses_a_replay_under_a_new_id_but_not_deliveries_without_a_key(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() == before
    assert schema.columns("deliveries")["dedupe_key"] is True
    assert schema.indexes("deliveries")["ix_deliveries_dedupe_key"] == (("dedupe_key",), True)
    delivery = SEED["deliveries"]
    schema.insert("deliveries", **{**delivery, "id": "c-1", "dedupe_key": "comment:42:abc"})
    with pytest.raises(IntegrityError):
        schema.insert("deliveries", **{**delivery, "id": "c-2", "dedupe_key": "comment:42:abc"})
    schema.insert("deliveries", **{**delivery, "id": "p-1"})  # NULL keys never collide
    schema.back(NAME, before)
    assert "ix_deliveries_dedupe_key" not in schema.indexes("deliveries")
    assert schema.rows("deliveries", "id") == [("c-1",), ("p-1",), ("seed-1",)]
