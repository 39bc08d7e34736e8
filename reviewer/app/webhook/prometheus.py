"""`GET /metrics` for Prometheus: deliveries, queue depth, review latency, findings by kind, model tokens."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime

from custody.reviewer.app.access import bearer_token, is_api_token
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.models import Delivery, FindingRow, ModelUsage, Review
from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select

LATENCY_BUCKETS = (1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0)


class StoreCollector(Collector):
    """Numbers read from the store at scrape time, so every web and worker process agrees on them."""

    def __init__(self, store: Store, queue_depth: Callable[[], int]) -> None:
        self.store = store
        self.queue_depth = queue_depth

    def collect(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily("custody_queue_depth", "Review jobs waiting on the queue")
        # A queue that cannot answer shows as a missing sample, not as a failed scrape.
        with contextlib.suppress(Exception):
            depth.add_metric([], float(self.queue_depth()))
        yield depth
        with self.store.engine.connect() as connection:
            findings = GaugeMetricFamily("custody_findings", "Recorded findings by delta kind", labels=["kind"])
            for kind, count in connection.execute(select(FindingRow.kind, func.count()).group_by(FindingRow.kind)):
                findings.add_metric([kind], float(count))
            yield findings
            reviews = GaugeMetricFamily("custody_reviews", "Recorded reviews by conclusion", labels=["conclusion"])
            for conclusion, count in connection.execute(select(Review.conclusion, func.count())
                                                        .group_by(Review.conclusion)):
                reviews.add_metric([conclusion], float(count))
            yield reviews
            tokens = GaugeMetricFamily("custody_model_tokens", "Model tokens billed per installation and month",
                                       labels=["installation", "month"])
            for installation, month, count in connection.execute(
                    select(ModelUsage.installation, ModelUsage.month, ModelUsage.tokens)
                    .order_by(ModelUsage.month.desc()).limit(1000)):
                tokens.add_metric([str(installation), month], float(count))
            yield tokens
            dead = GaugeMetricFamily("custody_dead_jobs", "Jobs given up (GitHub refused them for good, or "
                                     "claimed too often); `custody jobs dead` lists them")
            dead.add_metric([], float(connection.scalar(select(func.count()).select_from(Delivery)
                                                        .where(Delivery.failure.is_not(None))) or 0))
            yield dead
            rows = connection.execute(select(Delivery.received_at, Delivery.finished_at)
                                      .where(Delivery.finished_at.is_not(None), Delivery.failure.is_(None))
                                      .order_by(Delivery.finished_at.desc()).limit(5000)).all()
        yield self._latency([(received, finished) for received, finished in rows if finished is not None])

    @staticmethod
    def _latency(rows: list[tuple[datetime, datetime]]) -> HistogramMetricFamily:
        """Delivery to finished review, over the last 5,000 deliveries."""
        seconds = [(finished - received).total_seconds() for received, finished in rows]
        buckets = [(str(b), float(sum(1 for s in seconds if s <= b))) for b in LATENCY_BUCKETS]
        buckets.append(("+Inf", float(len(seconds))))
        family = HistogramMetricFamily("custody_review_latency_seconds", "Delivery acknowledged to review done")
        family.add_metric([], buckets, sum_value=sum(seconds))
        return family


class WebhookMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.deliveries = Counter("custody_deliveries", "Webhook deliveries by event and outcome",
                                  ["event", "outcome"], registry=registry)


def metrics_router(store: Store, queue_depth: Callable[[], int],
                   api_token: str | None = None) -> tuple[APIRouter, WebhookMetrics]:
    registry = CollectorRegistry()
    registry.register(StoreCollector(store, queue_depth))
    counters = WebhookMetrics(registry)
    router = APIRouter()

    @router.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        # Anonymous callers get nothing but the webhook and the health check: scrape with the API token.
        if not is_api_token(bearer_token(request), api_token):
            return Response("Authorization: Bearer <CUSTODY_API_TOKEN> required", status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return router, counters
