"""0009: the promise ledger, one row per promise of each review."""

from __future__ import annotations

from tests.app.store.migrations.steps import AT, Schema

NAME = "0009_promises"


def test_0009_adds_the_promise_ledger_owned_by_its_review(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() - before == {"promises"}
    assert schema.columns("promises")["finding"] is True and schema.columns("promises")["state"] is False
    assert {name: cols for name, (cols, _unique) in schema.indexes("promises").items()} == {
        "ix_promises_review_id": ("review_id",),
        "ix_promises_repo_created_at_state": ("repo", "created_at", "state"),
        "ix_promises_created_at_state": ("created_at", "state"),
    }
    schema.insert("promises", review_id=1, repo="acme/churn", number=7, created_at=AT, agent="card", kind="metric",
                  subject="AUC >= 0.85", locator="MODEL_CARD.md#L12", state="kept", finding=None)
    assert schema.rows("promises", "review_id", "state") == [(1, "kept")]
    schema.back(NAME, before)
