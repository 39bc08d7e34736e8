"""0001: the first schema (deliveries, heads, reviews with their risks and findings, waivers), and back to nothing."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from tests.app.store.migrations.steps import SEED, SEEDED, Schema, migration

FIRST = {"deliveries", "pr_heads", "reviews", "agent_risks", "findings", "waivers"}


def test_0001_is_the_root() -> None:
    module = migration("0001_initial")
    assert (module.revision, module.down_revision) == ("0001", None)


def test_0001_creates_the_review_store_and_its_downgrade_drops_it(schema: Schema) -> None:
    schema.upgrade("0001")
    assert schema.revision() == "0001" and schema.tables() == FIRST
    for table, values in SEED.items():
        assert set(schema.columns(table)) == set(values), table
    assert schema.columns("reviews")["head_sha"] and not schema.columns("reviews")["repo"]
    assert schema.indexes("reviews")["ix_reviews_repo_number_head_sha"] == (("repo", "number", "head_sha"), False)
    assert schema.indexes("findings")["ix_findings_fingerprint"] == (("fingerprint",), False)
    schema.seed()
    assert schema.seeded() == SEEDED
    schema.downgrade("base")
    assert schema.revision() is None and schema.tables() == set()


def test_0001_keys_deliveries_by_id_and_cascades_a_reviews_children(schema: Schema) -> None:
    schema.upgrade("0001")
    schema.seed()
    with pytest.raises(IntegrityError):  # a redelivery is refused by the primary key
        schema.insert("deliveries", **SEED["deliveries"])
    with schema.db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM reviews WHERE id = 1")
    assert schema.rows("findings", "id") == [] and schema.rows("agent_risks", "agent") == []
    assert schema.rows("waivers", "rule") == [("card.metric-mismatch",)]  # waivers belong to the PR, not a review
