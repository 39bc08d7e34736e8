"""Deliveries: dedupe by id and by content, job bookkeeping and the requeue sweep, dead jobs, PR leases and heads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.deliveries import DEFAULT_MAX_CLAIMS, max_claims
from custody.reviewer.app.webhook.events import route
from sqlalchemy import text

from tests.helpers import load_json

REPO = "acme/churn"


def accept(store: Store, delivery: str, number: int = 7) -> bool:
    return store.accept_delivery(delivery, "pull_request", "opened", REPO, number, "a" * 40, '{"ids": "only"}')


def test_accept_is_idempotent_and_notes_the_head(store: Store) -> None:
    assert accept(store, "d-1") is True
    assert accept(store, "d-1") is False  # a redelivery
    assert accept(store, "d-2", number=8) is True
    assert store.latest_head(REPO, 7) == "a" * 40


def test_a_delivery_lost_before_or_during_its_run_is_swept_back_once_then_never(store: Store) -> None:
    assert accept(store, "d-1") is True
    assert store.unfinished_jobs(timedelta(hours=1)) == []  # still young: on the queue, not lost
    assert store.unfinished_jobs(timedelta(0)) == [("d-1", '{"ids": "only"}')]
    store.start_delivery("d-1")
    store.finish_delivery("d-1")
    assert store.delivery_finished("d-1")
    assert store.unfinished_jobs(timedelta(0)) == []


def test_a_job_still_working_is_not_swept_and_a_swept_or_finished_one_is_not_revived(store: Store) -> None:
    accept(store, "d-1")
    store.start_delivery("d-1")
    store.still_working("d-1")  # renewed now: not lost a second ago
    assert store.unfinished_jobs(timedelta(seconds=1)) == []
    assert store.unfinished_jobs(timedelta(0)) == [("d-1", '{"ids": "only"}')]  # no beat since: lost
    store.still_working("d-1")  # the sweep put it back (not started): a late beat does not restart it
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT started_at FROM deliveries WHERE id = 'd-1'")).scalar() is None
    store.start_delivery("d-1")
    store.finish_delivery("d-1")
    store.still_working("d-1")
    assert store.delivery_finished("d-1") and store.unfinished_jobs(timedelta(0)) == []


def test_concurrent_accepts_of_one_delivery_admit_exactly_one(store: Store, store_url: str) -> None:
    # A store per thread, as the web replicas each have their own engine.
    stores = [Store(store_url) for _ in range(8)]
    barrier = threading.Barrier(len(stores))

    def claim(mine: Store, delivery: str) -> bool:
        barrier.wait()  # all threads insert at once
        return accept(mine, delivery)

    try:
        with ThreadPoolExecutor(len(stores)) as pool:
            for round_ in range(5):
                futures = [pool.submit(claim, mine, f"race-{round_}") for mine in stores]
                results = sorted(future.result(timeout=60) for future in futures)
                assert results == [False] * (len(stores) - 1) + [True]
    finally:
        for mine in stores:
            mine.close()


def test_latest_head_is_the_last_one_noted(store: Store) -> None:
    assert store.latest_head(REPO, 7) is None
    store.note_head(REPO, 7, "a" * 40)
    store.note_head(REPO, 7, "b" * 40)
    store.note_head(REPO, 8, "c" * 40)
    assert store.latest_head(REPO, 7) == "b" * 40
    assert store.latest_head(REPO, 8) == "c" * 40
    assert store.latest_head("acme/other", 7) is None


@pytest.mark.parametrize("number", [0, -1, 2**31 - 1])
def test_odd_pull_request_numbers_do_not_crash(store: Store, number: int) -> None:
    store.note_head(REPO, number, "f" * 40)
    assert store.latest_head(REPO, number) == "f" * 40
    assert accept(store, f"n{number}", number=number) is True


def test_a_pr_lease_is_held_by_one_holder_until_released_or_expired(store: Store) -> None:
    minute = timedelta(minutes=1)
    assert store.try_lock_pr("acme/m", 7, "worker-a", minute)
    assert not store.try_lock_pr("acme/m", 7, "worker-b", minute)  # held
    assert store.try_lock_pr("acme/m", 8, "worker-b", minute)  # another PR: in parallel
    assert store.try_lock_pr("acme/m", 7, "worker-a", minute)  # the holder may renew
    store.unlock_pr("acme/m", 7, "worker-b")  # not the holder: nothing happens
    assert not store.try_lock_pr("acme/m", 7, "worker-b", minute)
    store.unlock_pr("acme/m", 7, "worker-a")
    assert store.try_lock_pr("acme/m", 7, "worker-b", timedelta(seconds=-1))  # taken, and already expired
    assert store.try_lock_pr("acme/m", 7, "worker-c", minute)  # a dead holder's lease is taken over

def test_a_comment_replayed_under_a_new_delivery_id_is_refused_by_its_dedupe_key(store: Store) -> None:
    payload = load_json("github", "webhooks", "issue_comment.created.on-pull-request.json")
    payload["comment"]["body"] = "/custody waive hygiene.secret rotated already"
    routed = route("issue_comment", payload, "c-1")
    assert routed.job is not None and routed.dedupe is not None
    job = routed.job
    for delivery, admitted in (("c-1", True), ("c-2", False), ("c-1", False)):
        assert store.accept_delivery(delivery, "issue_comment", "created", job.repo, job.number, None,
                                     job.model_dump_json(), dedupe_key=routed.dedupe) is admitted
    assert store.latest_head(job.repo, job.number) is None  # a comment announces no head


def test_recent_jobs_count_one_prs_queued_or_folded_commands_of_one_event_in_the_window(store: Store) -> None:
    for delivery, event, number in (("c-1", "issue_comment", 7), ("c-2", "issue_comment", 7),
                                    ("p-1", "pull_request", 7), ("c-3", "issue_comment", 8)):
        store.accept_delivery(delivery, event, "created", REPO, number, None, "{}", installation=5)
    # A `/custody review` folded into the queued review is a command all the same.
    assert store.fold_delivery("c-4", "issue_comment", "created", REPO, 7, None, "p-1", "{}", "{}", installation=5)
    assert store.recent_jobs(REPO, 7, "issue_comment", timedelta(minutes=10)) == 3
    assert store.recent_installation_jobs(5, "issue_comment", timedelta(minutes=10)) == 4
    assert store.recent_jobs(REPO, 7, "pull_request", timedelta(minutes=10)) == 1
    assert store.recent_jobs(REPO, 7, "issue_comment", timedelta(seconds=-1)) == 0  # all older than the window


def test_a_failed_delivery_is_finished_and_listed_dead_until_a_late_copy_finishes_it(store: Store) -> None:
    assert store.dead_jobs() == [] and store.dead_job_count() == 0
    accept(store, "d-1")
    accept(store, "d-2", number=8)
    store.fail_delivery("d-1", "GitHub answered 404 to reading acme/churn#7")
    store.fail_delivery("d-2", "GitHub answered 403: the installation is suspended")
    assert store.delivery_finished("d-1") and store.unfinished_jobs(timedelta(0)) == []
    dead = store.dead_jobs()
    assert [(d.delivery_id, d.event, d.repo, d.number, d.claims) for d in dead] == [
        ("d-2", "pull_request", REPO, 8, 1), ("d-1", "pull_request", REPO, 7, 1)]  # newest first
    assert dead[1].failure == "GitHub answered 404 to reading acme/churn#7"
    assert dead[0].finished_at is not None and dead[0].received_at <= dead[0].finished_at
    assert [d.delivery_id for d in store.dead_jobs(limit=1)] == ["d-2"] and store.dead_job_count() == 2
    store.finish_delivery("d-1")  # a copy the sweep had put back finished after all
    assert [d.delivery_id for d in store.dead_jobs()] == ["d-2"] and store.dead_job_count() == 1


def test_the_sweep_counts_claims_only_for_started_jobs_and_parks_one_claimed_too_often(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTODY_JOB_MAX_CLAIMS", "3")
    accept(store, "d-1")
    for _ in range(4):  # waiting for its PR's lease, never started: put back, never counted
        assert store.unfinished_jobs(timedelta(0)) == [("d-1", '{"ids": "only"}')]
    assert store.dead_jobs() == []
    for _ in range(2):  # a worker started it and died: claims 1 -> 2 -> 3
        store.start_delivery("d-1")
        assert store.unfinished_jobs(timedelta(0)) == [("d-1", '{"ids": "only"}')]
    store.start_delivery("d-1")
    assert store.unfinished_jobs(timedelta(0)) == []  # the third loss: parked, not put back
    [dead] = store.dead_jobs()
    assert (dead.delivery_id, dead.claims) == ("d-1", 3)
    assert dead.failure == "dead: claimed 3 times and never finished"


def test_the_sweep_leaves_jobs_still_waiting_on_the_queue_alone(store: Store) -> None:
    accept(store, "d-1")
    accept(store, "d-2", number=8)
    asked: list[bool] = []

    def waiting() -> set[str]:
        asked.append(True)
        return {"d-1"}

    assert store.unfinished_jobs(timedelta(0), waiting) == [("d-2", '{"ids": "only"}')]
    assert store.unfinished_jobs(timedelta(hours=1), waiting) == [] and len(asked) == 1  # no candidates: not asked


@pytest.mark.parametrize(("value", "cap"), [(None, DEFAULT_MAX_CLAIMS), ("2", 2), ("0", 1), ("-5", 1)])
def test_max_claims_comes_from_the_environment_and_is_at_least_one(monkeypatch: pytest.MonkeyPatch,
                                                                  value: str | None, cap: int) -> None:
    if value is None:
        monkeypatch.delenv("CUSTODY_JOB_MAX_CLAIMS", raising=False)
    else:
        monkeypatch.setenv("CUSTODY_JOB_MAX_CLAIMS", value)
    assert max_claims() == cap


def test_a_fold_changes_only_the_job_it_read_and_never_a_started_one(store: Store) -> None:
    job = ReviewJob(installation_id=1, repo="acme/m", number=3, head_sha="a" * 40, delivery_id="d-1")
    store.accept_delivery("d-1", "pull_request", "opened", job.repo, job.number, job.head_sha, job.model_dump_json())
    queued = store.queued_review(job.repo, job.number)
    assert queued == ("d-1", job.model_dump_json())
    first = job.model_copy(update={"asked_by": ["dev"]}).model_dump_json()
    second = job.model_copy(update={"asked_by": ["lead"]}).model_dump_json()
    assert store.fold_delivery("c-1", "issue_comment", "created", job.repo, job.number, None, "d-1",
                               queued[1], first) is True
    # Another fold read the job before the first one wrote: it must read again, not overwrite.
    assert store.fold_delivery("c-2", "issue_comment", "created", job.repo, job.number, None, "d-1",
                               queued[1], second) is None
    assert store.queued_review(job.repo, job.number) == ("d-1", first)
    assert not store.delivery_finished("c-2")  # nothing was recorded for the fold that did not happen
    assert store.start_delivery("d-1") == first  # the worker runs the folded job
    assert store.queued_review(job.repo, job.number) is None
    assert store.fold_delivery("c-3", "issue_comment", "created", job.repo, job.number, None, "d-1",
                               first, second) is None
