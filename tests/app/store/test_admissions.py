"""Alias positions and admission events, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from custody.reviewer.app.store import Store
from custody.reviewer.app.store.admissions import AdmissionRecord


def test_an_alias_position_is_replaced_and_the_old_one_returned(store: Store) -> None:
    assert store.alias_position("fraud", "champion") is None
    assert store.move_alias("fraud", "champion", "1", "registry") is None
    before = store.move_alias("fraud", "champion", "3", "registry")
    assert before is not None and (before.version, before.moved_by) == ("1", "registry")
    store.move_alias("fraud", "champion", "1", "custody")  # an enforced revert
    now = store.alias_position("fraud", "champion")
    assert now is not None and (now.version, now.moved_by) == ("1", "custody")
    assert store.alias_position("fraud", "challenger") is None  # each alias apart
    assert store.alias_position("other", "champion") is None  # each model apart


def test_admission_events_newest_first_by_repository(store: Store) -> None:
    moved = datetime(2026, 12, 6, 20, 44, tzinfo=UTC)
    for version, repo, conclusion in (("3", "acme/fraud", "failure"), ("2", "acme/fraud", "success"),
                                      ("7", "acme/churn", "failure")):
        store.save_admission(AdmissionRecord(
            delivery_id=f"mlflow:{version}", model="fraud", target="champion", version=version,
            previous_version="1", repo=repo, number=12, commit="a" * 40, conclusion=conclusion,
            reverted_to="1" if conclusion == "failure" else None, moved_at=moved))
    fraud = store.admissions("acme/fraud")
    assert [(a.version, a.conclusion, a.reverted_to) for a in fraud] == [("2", "success", None), ("3", "failure", "1")]
    assert fraud[0].moved_at == moved
    assert len(store.admissions()) == 3
