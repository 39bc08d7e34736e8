"""Comment spam on one installation's PR against another installation's review latency: signed
deliveries through the real webhook app, the real durable queue (SQLite huey) and a real consumer
with two worker threads. Each job does a fixed amount of work, so the only thing measured is how
the queue shares its workers. Issue 15, Medium 6: six spam comments delayed another
installation's review, because every queued command of the spammed PR sat on a worker thread
waiting for the PR's lease."""

from __future__ import annotations

import json
import statistics
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from custody.reviewer.app.queue.durable import JobQueue
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.queue.workers import BackgroundWorker
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.app.webhook.signature import sign
from custody.reviewer.settings import Settings
from fastapi.testclient import TestClient

from tests.helpers import load_json

pytestmark = pytest.mark.slow

SECRET = "comment-spam-secret"
WORK_S = 0.4  # what one job (a review, or a command's answer) keeps its worker busy for
SPAM = 6
ROUNDS = 3


class Work:
    """The job handler: holds its worker for WORK_S, notes when each delivery's job finished."""

    def __init__(self) -> None:
        self.finished: dict[str, float] = {}
        self.done = threading.Condition()

    def __call__(self, job: ReviewJob, settings: Settings, store: Store) -> None:
        time.sleep(WORK_S)
        with self.done:
            self.finished[job.delivery_id] = time.monotonic()
            self.done.notify_all()

    def wait_for(self, delivery: str, timeout: float) -> float | None:
        with self.done:
            self.done.wait_for(lambda: delivery in self.finished, timeout)
            return self.finished.get(delivery)


def deliver(client: TestClient, event: str, payload: dict[str, Any], delivery: str) -> None:
    body = json.dumps(payload).encode()
    answer = client.post("/webhook", content=body, headers={
        "X-GitHub-Event": event, "X-GitHub-Delivery": delivery, "Content-Type": "application/json",
        "X-Hub-Signature-256": sign(body, SECRET)})
    assert answer.status_code == 202, answer.text


def spam_comment(i: int) -> dict[str, Any]:
    payload = load_json("github", "webhooks", "issue_comment.created.on-pull-request.json")
    payload["comment"].update({"id": 90_000 + i, "body": "/custody review"})
    return dict(payload)


def other_installation_opens(round_: int) -> dict[str, Any]:
    payload = load_json("github", "webhooks", "pull_request.opened.json")
    payload["pull_request"]["head"]["sha"] = f"{round_ + 1:x}" * 40
    payload["number"] = payload["pull_request"]["number"] = 100 + round_
    return dict(payload)


def review_latency(tmp_path: Path, spam: int) -> list[float]:
    """Seconds from the other installation's delivery to the end of its review, per round, with
    `spam` commands sent to the first installation's PR just before it."""
    # The per-PR command limit would drop the later rounds' spam: lifted, so each round has it all.
    settings = Settings(webhook_secret=SECRET, database_url=f"sqlite:///{tmp_path / f'db-{spam}.sqlite'}",
                        queue_url=f"sqlite:///{tmp_path / f'queue-{spam}.db'}", commands_per_pr=SPAM * ROUNDS)
    work = Work()
    queue = JobQueue(settings, work)
    queue.store.upgrade()
    client = TestClient(create_app(settings, queue.store, queue.enqueue))
    worker = BackgroundWorker(queue, workers=2)
    worker.start()
    latencies: list[float] = []
    try:
        for round_ in range(ROUNDS):
            for i in range(spam):
                deliver(client, "issue_comment", spam_comment(round_ * 100 + i), f"spam-{round_}-{i}")
            other = f"other-{round_}-{uuid.uuid4().hex[:6]}"
            sent = time.monotonic()
            deliver(client, "pull_request", other_installation_opens(round_), other)
            finished = work.wait_for(other, timeout=60)
            assert finished is not None, "the other installation's review never ran"
            latencies.append(finished - sent)
            spammed = [f"spam-{round_}-{i}" for i in range(spam)]
            for delivery in spammed:  # let the spam drain before the next round
                assert work.wait_for(delivery, timeout=60) is not None
    finally:
        worker.stop()
        queue.store.close()
    return latencies


def test_spam_on_one_pr_does_not_delay_another_installations_review(tmp_path: Path) -> None:
    quiet = review_latency(tmp_path, spam=0)
    spammed = review_latency(tmp_path, spam=SPAM)
    print(f"\nother installation's review latency over {ROUNDS} rounds, {WORK_S}s of work a job, 2 workers: "
          f"quiet median {statistics.median(quiet):.2f}s {[round(x, 2) for x in quiet]}; "
          f"with {SPAM} spam commands median {statistics.median(spammed):.2f}s {[round(x, 2) for x in spammed]}")
    # With the spam, the other review may wait for at most the one spam job already running on
    # the other worker... and not for the spammed PR's whole queue (SPAM x WORK_S).
    assert statistics.median(spammed) <= statistics.median(quiet) + WORK_S + 0.5
