"""The queue: the same code on the embedded SQLite store and on Redis, ids only, superseded heads dropped."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from custody.reviewer.app.queue.durable import WAITING, JobQueue, make_huey, process
from custody.reviewer.app.queue.jobs import JobCannotSucceed, ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.review import run_review
from custody.reviewer.settings import Settings

RAN: list[str] = []
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "churn-retrain"


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
        store.accept_delivery(job.delivery_id, "issue_comment", "created", job.repo, job.number, None,
                              job.model_dump_json())
    def worker(job: ReviewJob) -> None:  # the queue's part: a job waiting for its lease comes back later
        while process(job, Settings(), store, handler) == WAITING:
            time.sleep(0.01)

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
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


def test_a_job_that_can_never_succeed_is_not_retried_by_the_queue(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", queue_url="memory://")
    calls: list[str] = []

    def refused(job: ReviewJob, s: Settings, store: Store) -> None:
        calls.append(job.delivery_id)
        raise JobCannotSucceed("GitHub answered 404 to reading acme/m#1")

    queue = JobQueue(settings, refused)
    queue.store.upgrade()
    job = ReviewJob(installation_id=1, repo="acme/m", number=1, head_sha="a" * 40, delivery_id="gone")
    queue.store.accept_delivery(job.delivery_id, "pull_request", "opened", job.repo, job.number, job.head_sha,
                                job.model_dump_json())
    queue.enqueue(job)
    while (task := queue.huey.dequeue()) is not None:
        queue.huey.execute(task)
    assert calls == ["gone"] and queue.pending() == 0  # huey's retries were not used
    assert [d.failure for d in queue.store.dead_jobs()] == ["GitHub answered 404 to reading acme/m#1"]
    queue.store.close()


def test_the_sweep_parks_a_job_claimed_too_often_as_dead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTODY_JOB_MAX_CLAIMS", "3")
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.upgrade()
    job = ReviewJob(installation_id=1, repo="acme/m", number=3, head_sha="b" * 40, delivery_id="crashes")
    store.accept_delivery(job.delivery_id, "pull_request", "opened", job.repo, job.number, job.head_sha,
                          job.model_dump_json())  # claim 1: the webhook's
    sweeps = []
    for _ in range(6):  # a worker takes it, dies (or raises past huey's retries), the sweep puts it back...
        store.start_delivery(job.delivery_id)
        sweeps.append(len(store.unfinished_jobs(older_than=timedelta(0))))
    assert sweeps == [1, 1, 0, 0, 0, 0]  # claims 2 and 3, then parked instead of a fourth
    assert store.delivery_finished(job.delivery_id)
    [dead] = store.dead_jobs()
    assert (dead.delivery_id, dead.claims, dead.failure) == ("crashes", 3, "dead: claimed 3 times and never finished")
    assert store.dead_job_count() == 1
    store.finish_delivery(job.delivery_id)  # a late copy that did finish takes it off the dead list
    assert store.dead_jobs() == []
    store.close()


def test_a_backlog_or_a_job_waiting_for_its_lease_is_never_parked(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a job a worker started and lost counts towards the cap: a job still in the queue, or
    one a worker took but that waits for its PR's lease (not started), is reviewed when its turn comes."""
    monkeypatch.setenv("CUSTODY_JOB_MAX_CLAIMS", "2")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", queue_url="memory://")
    queue = JobQueue(settings, record_job)
    queue.store.upgrade()
    backlog, waiting = (ReviewJob(installation_id=1, repo="acme/m", number=n, head_sha="c" * 40,
                                  delivery_id=f"slow-{n}") for n in (1, 2))
    for job in (backlog, waiting):
        queue.store.note_head(job.repo, job.number, job.head_sha)
    queue.store.accept_delivery(backlog.delivery_id, "pull_request", "opened", backlog.repo, backlog.number,
                                backlog.head_sha, backlog.model_dump_json())
    queue.enqueue(backlog)
    assert [queue.requeue_lost(older_than=timedelta(0)) for _ in range(5)] == [0] * 5  # a backlog is left alone
    RAN.clear()
    while (task := queue.huey.dequeue()) is not None:
        queue.huey.execute(task)
    assert [backlog.delivery_id] == RAN
    # `waiting` was taken off the queue by a worker that waits for the PR lease: put back each
    # sweep (harmless), taken again, never started, so never counted towards the cap.
    queue.store.accept_delivery(waiting.delivery_id, "pull_request", "opened", waiting.repo, waiting.number,
                                waiting.head_sha, waiting.model_dump_json())
    for _ in range(5):
        assert queue.requeue_lost(older_than=timedelta(0)) == 1
        queue.huey.flush()
    assert queue.store.dead_jobs() == []
    assert process(waiting, settings, queue.store, record_job) == "done"
    queue.store.close()


def reviewed_store(tmp_path: Path, head: str, base: str) -> Store:
    """A store holding a real review of the example PR at `head` against `base`."""
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.upgrade()
    outcome = run_review(load_scenario(EXAMPLE))
    pr = outcome.evidence.pull_request.model_copy(update={"head_sha": head, "base_sha": base})
    store.save_review(replace(outcome, evidence=outcome.evidence.model_copy(update={"pull_request": pr})))
    return store


def test_a_review_asked_for_in_a_comment_runs_on_a_head_already_reviewed(tmp_path: Path) -> None:
    # A `/custody review` folded into a queued review asks for the head again: the queued job must
    # not be dropped as "already reviewed" (the handler answers the commenter and decides).
    head, base = "a" * 40, "b" * 40
    store = reviewed_store(tmp_path, head, base)
    seen: list[list[str]] = []

    def handler(job: ReviewJob, settings: Settings, store: Store) -> None:
        seen.append(job.asked_by)

    plain, folded_into = (ReviewJob(installation_id=1, repo="acme/churn-model", number=42, head_sha=head,
                                    base_sha=base, delivery_id=d) for d in ("d-plain", "d-asked"))
    for job in (plain, folded_into):
        store.accept_delivery(job.delivery_id, "pull_request", "reopened", job.repo, job.number, head,
                              job.model_dump_json())
    assert process(plain, Settings(), store, handler) == "already reviewed" and seen == []
    # The queue's message is the job as enqueued; the comment folded into its stored form.
    asked = folded_into.model_copy(update={"asked_by": ["dev"]}).model_dump_json()
    assert store.fold_delivery("c-1", "issue_comment", "created", folded_into.repo, folded_into.number, None,
                               "d-asked", folded_into.model_dump_json(), asked) is True
    assert process(folded_into, Settings(), store, handler) == "done"
    assert seen == [["dev"]]
    store.close()


def test_a_job_that_outlasts_its_lease_keeps_it_while_it_works(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A review paced behind its installation's writes can run longer than a lease: while it works
    the sweep leaves it alone and no other job of the PR starts; once it ends, both are free."""
    monkeypatch.setenv("CUSTODY_JOB_LEASE_SECONDS", "0.3")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", queue_url="memory://")
    queue = JobQueue(settings, record_job)
    queue.store.upgrade()
    slow = ReviewJob(installation_id=1, repo="acme/m", number=4, head_sha="", delivery_id="slow",
                     trigger="command", command="/custody review")
    queue.store.accept_delivery(slow.delivery_id, "issue_comment", "created", slow.repo, slow.number, None,
                                slow.model_dump_json())
    seen: dict[str, object] = {}

    def handler(job: ReviewJob, s: Settings, store: Store) -> None:
        time.sleep(1.2)  # four leases
        seen["swept"] = queue.requeue_lost()
        seen["second"] = store.try_lock_pr(job.repo, job.number, "another-job", timedelta(seconds=0.3))

    assert process(slow, settings, queue.store, handler) == "done"
    assert seen == {"swept": 0, "second": False}
    assert queue.store.try_lock_pr(slow.repo, slow.number, "another-job", timedelta(seconds=0.3))
    queue.store.close()
