"""0005: dashboard sign-in sessions and the tags reviews are filtered by."""

from __future__ import annotations

from datetime import timedelta

from tests.app.store.migrations.steps import AT, Schema

NAME = "0005_sessions_and_review_tags"


def test_0005_adds_sessions_and_review_tags_tied_to_their_review(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() - before == {"sessions", "review_tags"}
    assert schema.indexes("sessions") == {"ix_sessions_expires_at": (("expires_at",), False)}
    assert schema.indexes("review_tags") == {"ix_review_tags_tag_review_id": (("tag", "review_id"), False)}
    schema.insert("sessions", token_hash="0" * 64, login="lead", repos=["acme/churn"], created_at=AT,
                  expires_at=AT + timedelta(hours=8))
    assert schema.rows("sessions", "login", "repos") == [("lead", ["acme/churn"])]
    schema.insert("review_tags", review_id=1, tag="owner:@acme/ml")
    schema.insert("review_tags", review_id=1, tag="label:retrain")
    with schema.db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM review_tags WHERE tag = 'label:retrain'")
    assert schema.rows("review_tags", "review_id", "tag") == [(1, "owner:@acme/ml")]
    schema.back(NAME, before)
