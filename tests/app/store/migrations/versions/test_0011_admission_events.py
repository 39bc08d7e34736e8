"""0011: where each registry alias last pointed, and each judged move of a production alias."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.app.store.migrations.steps import Schema

NAME = "0011_admission_events"
AT = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)


def test_0011_adds_alias_positions_and_admission_events(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() == before | {"alias_positions", "admission_events"}
    schema.insert("alias_positions", model="fraud-scoring", target="champion", version="8", moved_by="custody",
                  updated_at=AT)
    schema.insert("admission_events", delivery_id="mlflow:d-1", model="fraud-scoring", target="champion",
                  version="9", previous_version="8", repo="acme/churn", number=7, conclusion="failure",
                  reverted_to="8", review_id=1, created_at=AT)
    assert schema.rows("alias_positions", "model", "target", "version") == [("fraud-scoring", "champion", "8")]
    assert schema.rows("admission_events", "version", "previous_version", "reverted_to", "review_id") == [
        ("9", "8", "8", 1)]
    assert schema.columns("admission_events")["repo"] is True  # a version no PR holds still records its move
    assert {cols for cols, _ in schema.indexes("admission_events").values()} >= {("model", "created_at"),
                                                                                  ("repo", "created_at")}
    schema.back(NAME, before)
