"""The queue: the same code on the embedded SQLite store and on Redis, ids only, superseded heads dropped."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from custody.reviewer.app.queue.durable import JobQueue, make_huey, process
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings

RAN: list[str] = []


def record_job(job: ReviewJob, settings: Settings, store: Store) -> None:
    RAN.append(job.delivery_id)


@pytest.fixture(params=["sqlite", "redis"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "sqlite":
        queue_url = f"sqlite:///{tmp_path / 'queue.db'}"
    else:
        base = os.environ.get("CUSTODY_TEST_REDIS_URL")
        if not base:
            pytest.skip("CUSTODY_TEST_REDIS_URL is not set (bash .ci/redis.sh starts one)")
        queue_url = base
    yield Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", queue_url=queue_url)


def drain(queue: JobQueue) -> int:
    """Run what is queued, the way a consumer's worker does."""
    ran = 0
    while (task := queue.huey.dequeue()) is not None:
        queue.huey.execute(task)
        ran += 1
    return ran


def test_jobs_cross_the_queue_and_run(settings: Settings) -> None:
    queue = JobQueue(settings, record_job)
    queue.huey.flush()
    queue.store.upgrade()
    RAN.clear()
    first, second = (ReviewJob(installation_id=1, repo="acme/m", number=n, head_sha=f"{n:040x}",
                               delivery_id=f"d-{uuid.uuid4()}") for n in (1, 2))
    for job in (first, second):
        queue.store.note_head(job.repo, job.number, job.head_sha)
        queue.enqueue(job)
    assert queue.pending() == 2
    assert drain(queue) == 2
    assert [first.delivery_id, second.delivery_id] == RAN
    stale = first.model_copy(update={"head_sha": "f" * 40, "delivery_id": "d-stale"})
    queue.enqueue(stale)  # an older push than the newest head noted for PR 1
    queue.store.note_head(first.repo, first.number, first.head_sha)
    drain(queue)
    assert "d-stale" not in RAN
    queue.store.close()


def test_queue_urls() -> None:
    assert type(make_huey("memory://")).__name__ == "MemoryHuey"
    with pytest.raises(ValueError, match="CUSTODY_QUEUE_URL"):
        make_huey("amqp://nope")


def test_reviews_of_one_pr_run_one_at_a_time_and_other_prs_in_parallel(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'lock.db'}")
    store.upgrade()
    running: dict[int, int] = {7: 0, 8: 0}
    most: dict[int, int] = {7: 0, 8: 0}
    guard = threading.Lock()
    both = threading.Barrier(2, timeout=5)

    def handler(job: ReviewJob, settings: Settings, s: Store) -> None:
        with guard:
            running[job.number] += 1
            most[job.number] = max(most[job.number], running[job.number])
        if job.delivery_id.startswith("p"):
            both.wait()  # PRs 7 and 8 are reviewed at the same moment, or this times out
        time.sleep(0.05)
        with guard:
            running[job.number] -= 1

    jobs = [ReviewJob(installation_id=1, repo="acme/m", number=n, head_sha="", delivery_id=d, trigger="command",
                      command="/custody review") for n, d in [(7, "p7"), (8, "p8"), (7, "s1"), (7, "s2"), (7, "s3")]]
    for job in jobs:
        store.accept_delivery(job.delivery_id, "issue_comment", "created", job.repo, job.number, None, "{}")
    threads = [threading.Thread(target=process, args=(job, Settings(), store, handler)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert most == {7: 1, 8: 1}
    assert all(store.delivery_finished(j.delivery_id) for j in jobs)
    store.close()


def test_the_sweep_requeues_lost_jobs_but_not_a_backlog(settings: Settings) -> None:
    queue = JobQueue(settings, record_job)
    queue.huey.flush()
    queue.store.upgrade()
    waiting, lost = (ReviewJob(installation_id=1, repo="acme/m", number=n, head_sha="", delivery_id=f"sweep-{n}",
                               trigger="command", command="/custody review") for n in (1, 2))
    for job in (waiting, lost):
        queue.store.accept_delivery(job.delivery_id, "issue_comment", "created", job.repo, job.number, None,
                                    job.model_dump_json())
    queue.enqueue(waiting)  # in the queue, not yet taken: a backlog; `lost` never reached the queue
    assert queue.queued_deliveries() == {"sweep-1"}
    assert queue.requeue_lost(older_than=timedelta(0)) == 1
    assert sorted(ReviewJob.model_validate_json(t.args[0]).delivery_id for t in queue.huey.pending()) == [
        "sweep-1", "sweep-2"]
    queue.huey.flush()


def test_a_queue_without_a_handler_only_enqueues(settings: Settings) -> None:
    queue = JobQueue(settings)
    queue.huey.flush()
    queue.store.upgrade()
    job = ReviewJob(installation_id=1, repo="acme/m", number=9, head_sha=f"{9:040x}", delivery_id=f"d-{uuid.uuid4()}")
    queue.enqueue(job)
    task = queue.huey.dequeue()
    assert task is not None
    with pytest.raises(RuntimeError, match="without a job handler"):
        task.execute()


def test_workers_run_the_review_service_unless_a_test_swaps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from custody.reviewer.app.github.service import handle_job
    from custody.reviewer.app.queue.workers import job_handler

    monkeypatch.delenv("CUSTODY_JOB_HANDLER", raising=False)
    assert job_handler() is handle_job
    monkeypatch.setenv("CUSTODY_JOB_HANDLER", "tests.app.queue.test_durable:record_job")
    assert job_handler() is record_job
