"""`GET /metrics`: numbers read from the store at scrape time, for the API token's holder only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.models import Delivery
from custody.reviewer.app.webhook.prometheus import LATENCY_BUCKETS, StoreCollector, metrics_router
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update

from tests.app.store.test_reviews import outcome

TOKEN = "metrics-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def scrape(store: Store, depth: int = 0) -> tuple[TestClient, dict[str, list[tuple[dict[str, str], float]]]]:
    app = FastAPI()
    router, counters = metrics_router(store, lambda: depth, TOKEN)
    app.include_router(router)
    client = TestClient(app)
    counters.deliveries.labels(event="pull_request", outcome="queued").inc()
    answer = client.get("/metrics", headers=AUTH)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    samples: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append((sample.labels, sample.value))
    return client, samples


def finished(store: Store, delivery: str, seconds: float) -> None:
    store.accept_delivery(delivery, "pull_request", "opened", "acme/m", 1, "a" * 40, "{}")
    received = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    with store._session() as session:
        session.execute(update(Delivery).where(Delivery.id == delivery).values(
            received_at=received, finished_at=received + timedelta(seconds=seconds)))


def test_anonymous_and_wrong_tokens_get_401_and_nothing_else(store: Store) -> None:
    client, _ = scrape(store)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"token {TOKEN}"}):
        answer = client.get("/metrics", headers=headers)
        assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"
        assert "custody_" not in answer.text


def test_the_store_is_read_at_scrape_time(store: Store) -> None:
    store.add(7, "2026-11", 1500)
    store.save_review(outcome())
    _, samples = scrape(store, depth=3)
    assert samples["custody_queue_depth"] == [({}, 3.0)]
    assert sorted(samples["custody_findings"], key=str) == [({"kind": "metric_mismatch"}, 1.0),
                                                            ({"kind": "unseeded_split"}, 1.0)]
    assert samples["custody_reviews"] == [({"conclusion": "failure"}, 1.0)]
    assert samples["custody_model_tokens"] == [({"installation": "7", "month": "2026-11"}, 1500.0)]
    assert samples["custody_deliveries_total"] == [({"event": "pull_request", "outcome": "queued"}, 1.0)]


def test_latency_buckets_count_finished_reviews_but_not_jobs_given_up(store: Store) -> None:
    finished(store, "fast", 3)
    finished(store, "slow", 200)
    finished(store, "very-slow", 4000)
    store.accept_delivery("gone-1", "pull_request", "opened", "acme/m", 2, "a" * 40, "{}")
    store.fail_delivery("gone-1", "GitHub answered 404 to minting a token for installation 7")
    _, samples = scrape(store)
    buckets = {labels["le"]: value for labels, value in samples["custody_review_latency_seconds_bucket"]}
    assert buckets == {"1.0": 0.0, "5.0": 1.0, "15.0": 1.0, "30.0": 1.0, "60.0": 1.0, "120.0": 1.0, "300.0": 2.0,
                       "600.0": 2.0, "+Inf": 3.0}
    assert samples["custody_review_latency_seconds_count"] == [({}, 3.0)]
    assert samples["custody_review_latency_seconds_sum"] == [({}, 4203.0)]
    assert samples["custody_dead_jobs"] == [({}, 1.0)]
    assert [str(b) for b in LATENCY_BUCKETS] == list(buckets)[:-1]


def test_a_queue_that_cannot_answer_is_a_missing_sample_not_a_failed_scrape(store: Store) -> None:
    def broken() -> int:
        raise ConnectionError("redis is down")

    families = {family.name: family for family in StoreCollector(store, broken).collect()}
    assert families["custody_queue_depth"].samples == []
    assert families["custody_dead_jobs"].samples[0].value == 0.0


@pytest.mark.parametrize("api_token", [None, ""])
def test_without_an_api_token_configured_nobody_may_scrape(store: Store, api_token: str | None) -> None:
    app = FastAPI()
    app.include_router(metrics_router(store, lambda: 0, api_token)[0])
    assert TestClient(app).get("/metrics", headers={"Authorization": "Bearer "}).status_code == 401
