"""0007: the base commit each review was judged against."""

from __future__ import annotations

from tests.app.store.migrations.steps import SEED, Schema

NAME = "0007_review_base_sha"


def test_0007_adds_an_empty_base_to_reviews_recorded_before(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() == before
    assert schema.columns("reviews")["base_sha"] is True
    # Older reviews have no base: review_done() then never counts them as done for any base.
    assert schema.rows("reviews", "id", "base_sha") == [(1, None)]
    schema.insert("reviews", **{**SEED["reviews"], "id": 2, "base_sha": "c" * 40})
    assert schema.rows("reviews", "id", "base_sha") == [(1, None), (2, "c" * 40)]
    schema.back(NAME, before)
    assert "base_sha" not in schema.columns("reviews")
    assert schema.rows("reviews", "id") == [(1,), (2,)]
