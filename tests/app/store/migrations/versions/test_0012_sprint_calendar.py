"""0012: one sprint per pull request, its newest review marked, the ledger's states counted on the review row."""

from __future__ import annotations

from datetime import date

from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.queries import trends_document
from custody.reviewer.app.trends.sprints import SprintCalendar

from tests.app.store.migrations.steps import Schema
from tests.app.trends.test_queries import finding, outcome

NAME = "0012_sprint_calendar"
ADDED = {"sprint_day", "sprint_by_merge", "latest", "promises_kept", "promises_missed", "promises_unverifiable"}


def test_0012_places_the_seeded_review_and_marks_it_latest(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() == before
    assert set(schema.columns("reviews")) >= ADDED
    assert schema.rows("reviews", "id", "latest") == [(1, True)]  # the PR's only review is its newest
    schema.back(NAME, before)
    assert not ADDED & set(schema.columns("reviews"))


def test_the_sprint_calendar_backfill_places_reviews_as_saving_does(store_url: str) -> None:
    """0012 fills the placing day, the latest flag, the promise counts and the rollups of reviews
    recorded before it exactly as save_review fills them for new ones."""
    store = Store(store_url)
    try:
        store.upgrade()
        found = [finding("card.metric", "card.metric_mismatch", "card")]
        store.save_review(outcome(1, "2026-01-16T10:00:00", 60, found, agents={"card": 60}))
        store.save_review(outcome(1, "2026-01-16T10:00:00", 20, [], merged="2026-01-20T09:00:00",
                                  agents={"card": 20}))
        store.save_review(outcome(2, "2026-01-06T10:00:00", 30, [finding("x.y", "card.metric_unverifiable", "card")],
                                  milestone="M1"))
        calendar = SprintCalendar(14, date(2026, 1, 5))
        saved = trends_document(store.engine, None, calendar)
        store.downgrade("0011")
        store.upgrade()
        assert trends_document(store.engine, None, calendar)["sprints"] == saved["sprints"]
        assert [s["name"] for s in saved["sprints"]] == ["2026-01-05..2026-01-18", "2026-01-19..2026-02-01"]
    finally:
        store.downgrade()
        store.close()
