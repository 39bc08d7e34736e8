"""Compute slots: how many reviews of a worker process compute at once, apart from its threads."""

from __future__ import annotations

import threading

import pytest
from custody.reviewer.app.queue import compute
from custody.reviewer.app.queue.compute import ComputeSlots, threads_for


def test_no_more_than_the_slots_compute_at_once() -> None:
    slots = ComputeSlots(2)
    inside, most, lock = [0], [0], threading.Lock()
    start = threading.Barrier(6)

    def work() -> None:
        start.wait()
        with slots.computing():
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            threading.Event().wait(0.02)
            with lock:
                inside[0] -= 1

    workers = [threading.Thread(target=work) for _ in range(6)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(10)
    assert most[0] == 2 and slots.busy == 0


def test_a_slot_given_back_early_lets_another_compute_while_the_first_still_waits() -> None:
    slots = ComputeSlots(1)
    first_gave_back, second_done, first_may_end = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with slots.computing() as give_back:
            give_back()  # publishing from here on: waiting on GitHub, not computing
            first_gave_back.set()
            first_may_end.wait(10)

    def second() -> None:
        first_gave_back.wait(10)
        with slots.computing():
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert second_done.wait(10), "the slot given back was not free for another review"
    assert not first_may_end.is_set()  # the first review was still holding its job
    first_may_end.set()
    for thread in threads:
        thread.join(10)
    assert slots.busy == 0


def test_giving_back_twice_frees_one_slot_once() -> None:
    slots = ComputeSlots(1)
    with slots.computing() as give_back:
        give_back()
        give_back()  # a publish retried by the review graph gives it back again
        assert slots.busy == 0
    # The bounded semaphore would have raised on a second release; one slot, and it is free.
    with slots.computing():
        assert slots.busy == 1
        assert not slots._free.acquire(blocking=False)  # type: ignore[union-attr]


def test_a_review_that_fails_gives_its_slot_back() -> None:
    slots = ComputeSlots(1)
    with pytest.raises(RuntimeError), slots.computing():
        raise RuntimeError("gathering failed")
    assert slots.busy == 0 and slots._free.acquire(blocking=False)  # type: ignore[union-attr]


def test_unbounded_slots_only_count() -> None:
    slots = ComputeSlots()
    with slots.computing(), slots.computing():
        assert slots.busy == 2
    assert slots.busy == 0


def test_a_worker_holds_four_jobs_per_slot_unless_told() -> None:
    assert threads_for(2, None) == 8
    assert threads_for(2, 3) == 3
    assert threads_for(4, 1) == 4  # never fewer threads than compute slots
    assert threads_for(0, None) == 4
    with pytest.raises(ValueError, match="at least one compute slot"):
        ComputeSlots(0)


def test_configure_sets_the_process_slots() -> None:
    before = compute.slots()
    try:
        compute.configure(3)
        assert compute.slots().size == 3
    finally:
        compute.configure(before.size)
