"""Workers: a real huey consumer in threads; a job waiting for its PR's lease gives its worker back."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from custody.reviewer.app.queue.durable import JobQueue
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.queue.workers import BackgroundWorker, job_handler
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings

RAN: list[str] = []


def record_job(job: ReviewJob, settings: Settings, store: Store) -> None:
    RAN.append(job.delivery_id)


def command(number: int, delivery: str, installation: int = 1, repo: str = "acme/m") -> ReviewJob:
    return ReviewJob(installation_id=installation, repo=repo, number=number, head_sha="", delivery_id=delivery,
                     trigger="command", command="/custody review")


def test_workers_run_the_review_service_unless_a_test_swaps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from custody.reviewer.app.github.service import handle_job

    monkeypatch.delenv("CUSTODY_JOB_HANDLER", raising=False)
    assert job_handler() is handle_job
    monkeypatch.setenv("CUSTODY_JOB_HANDLER", "tests.app.queue.test_workers:record_job")
    assert job_handler() is record_job


def test_jobs_waiting_for_a_lease_do_not_hold_the_workers(tmp_path: Path) -> None:
    """Issue 15, Medium 6: the PR lease busy-waited on a worker thread, so a PR's queued commands
    took every worker while the first one ran and another installation's review waited for it."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", queue_url=f"sqlite:///{tmp_path / 'q.db'}")
    first_running, release, other_done = threading.Event(), threading.Event(), threading.Event()
    ran: list[str] = []

    def handler(job: ReviewJob, s: Settings, store: Store) -> None:
        ran.append(job.delivery_id)
        if job.delivery_id == "spam-0":
            first_running.set()
            release.wait(20)  # the first command on the spammed PR holds its lease for a while
        if job.installation_id == 2:
            other_done.set()

    queue = JobQueue(settings, handler)
    queue.store.upgrade()
    spam = [command(7, f"spam-{i}") for i in range(6)]
    other = command(1, "other-installation", installation=2, repo="globex/model")
    for job in [*spam, other]:
        queue.store.accept_delivery(job.delivery_id, "issue_comment", "created", job.repo, job.number, None,
                                    job.model_dump_json(), installation=job.installation_id)
    worker = BackgroundWorker(queue, workers=2)
    worker.start()
    try:
        queue.enqueue(spam[0])
        assert first_running.wait(10)
        for job in [*spam[1:], other]:
            queue.enqueue(job)
        # The second worker passes over the five commands waiting for PR 7's lease and reviews
        # the other installation's PR while the first command still runs.
        assert other_done.wait(10), "another installation's job waited for the spammed PR's lease"
        assert not release.is_set() and ran == ["spam-0", "other-installation"]
        release.set()
        deadline = time.monotonic() + 30
        while not all(queue.store.delivery_finished(j.delivery_id) for j in spam) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sorted(ran) == sorted([j.delivery_id for j in spam] + ["other-installation"])  # each once
    finally:
        release.set()
        worker.stop()
        queue.store.close()


def test_a_job_waiting_for_its_lease_is_not_lost_to_the_sweep(tmp_path: Path) -> None:
    """It is scheduled to come back, not pending: the sweep must still see it as queued."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", queue_url=f"sqlite:///{tmp_path / 'q.db'}")
    queue = JobQueue(settings, record_job)
    queue.store.upgrade()
    job = command(3, "waits")
    queue.store.accept_delivery(job.delivery_id, "issue_comment", "created", job.repo, job.number, None,
                                job.model_dump_json())
    assert queue.store.try_lock_pr(job.repo, job.number, "someone-else", timedelta(minutes=5))
    queue.enqueue(job)
    task = queue.huey.dequeue()
    assert task is not None
    queue.huey.execute(task)  # the lease is held: put back with a delay, nothing started
    again = queue.huey.dequeue()
    assert again is not None and not queue.huey.ready_to_run(again)
    queue.huey.add_schedule(again)  # what the consumer does with a task not yet due
    assert queue.huey.pending_count() == 0 and queue.huey.scheduled_count() == 1
    assert queue.pending() == 1  # still waiting work, for the queue-depth gauge
    assert queue.queued_deliveries() == {"waits"}
    assert queue.requeue_lost(older_than=timedelta(0)) == 0
    queue.store.unlock_pr(job.repo, job.number, "someone-else")
    RAN.clear()
    later = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=5)  # huey keeps naive UTC
    for due in queue.huey.read_schedule(later):
        queue.huey.execute(due, timestamp=later)
    assert RAN == ["waits"] and queue.store.delivery_finished("waits")
    queue.store.close()
