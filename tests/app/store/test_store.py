"""The review store: every per-concern store over one database, as the web process and workers use it."""

from __future__ import annotations

from datetime import timedelta

from custody.reviewer.app.store import Store
from custody.reviewer.app.store.admissions import Admissions
from custody.reviewer.app.store.database import Database
from custody.reviewer.app.store.deliveries import Deliveries
from custody.reviewer.app.store.pr_state import PrState
from custody.reviewer.app.store.reviews import Reviews
from custody.reviewer.app.store.sessions import Sessions
from custody.reviewer.app.store.token_ledger import TokenLedger
from custody.reviewer.model.findings import Waiver

REPO = "acme/churn"


def test_one_store_holds_every_concern_on_one_engine(store: Store, store_url: str) -> None:
    assert [c for c in Store.__mro__ if c.__module__.startswith("custody.")] == [
        Store, Deliveries, Reviews, PrState, Sessions, TokenLedger, Admissions, Database]
    assert store.accept_delivery("d-1", "pull_request", "opened", REPO, 7, "a" * 40, "{}")
    store.add_waiver(REPO, 7, Waiver(rule="card.metric-mismatch", by="lead", reason="re-run", at="2026-11-03"))
    store.add(7, "2026-11", 10)
    assert store.try_lock_pr(REPO, 7, "worker-a", timedelta(minutes=1))
    other = Store(store_url)  # another process on the same database sees all of it
    try:
        assert other.latest_head(REPO, 7) == "a" * 40
        assert [w.by for w in other.waivers(REPO, 7)] == ["lead"]
        assert other.used(7, "2026-11") == 10
        assert not other.try_lock_pr(REPO, 7, "worker-b", timedelta(minutes=1))
    finally:
        other.close()


def test_waivers_round_trip_in_the_order_given(store: Store) -> None:
    first = Waiver(rule="card.metric-mismatch", by="lead", reason="re-run pending", at="2026-11-03T10:00:00Z")
    second = Waiver(
        rule="card.metric-mismatch", by="manager", reason="accepted for the sprint", at="2026-11-04T08:00:00Z"
    )
    assert store.waivers(REPO, 7) == []
    store.add_waiver(REPO, 7, first)
    store.add_waiver(REPO, 7, second)
    store.add_waiver(REPO, 8, first)
    assert store.waivers(REPO, 7) == [first, second]
    assert store.waivers(REPO, 8) == [first]
    assert store.waivers("acme/other", 7) == []
