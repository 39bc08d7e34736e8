"""Compute slots: how many reviews of a worker process compute at once, apart from its threads."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator

import pytest
from custody.agents.base import AgentResult
from custody.reviewer.app.queue import compute
from custody.reviewer.app.queue.compute import ComputeSlots, threads_for
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.review import run_review
from custody.reviewer.rules.book import RuleBook

from tests.helpers import REPO

SCENARIO = REPO / "examples" / "churn-retrain"
WAIT_S = 10  # how long a step that must happen may take; a step that must not happen is never waited for


@pytest.fixture()
def one_slot() -> Iterator[ComputeSlots]:
    before = compute.slots()
    compute.configure(1)
    yield compute.slots()
    compute.configure(before.size)


def enter(slots: ComputeSlots, inside: threading.Event, leave: threading.Event) -> threading.Thread:
    def work() -> None:
        with slots.computing():
            inside.set()
            leave.wait(WAIT_S)

    thread = threading.Thread(target=work)
    thread.start()
    return thread


def test_a_third_review_waits_until_one_of_two_slots_is_free() -> None:
    slots = ComputeSlots(2)
    inside = [threading.Event() for _ in range(3)]
    leave = [threading.Event() for _ in range(3)]
    first, second = enter(slots, inside[0], leave[0]), enter(slots, inside[1], leave[1])
    assert inside[0].wait(WAIT_S) and inside[1].wait(WAIT_S) and slots.busy == 2
    third = enter(slots, inside[2], leave[2])
    assert not slots._free.acquire(blocking=False)  # type: ignore[union-attr]  # both slots are held
    assert not inside[2].is_set()
    leave[0].set()
    assert inside[2].wait(WAIT_S), "the slot given back did not let the third review in"
    for event in leave:
        event.set()
    for thread in (first, second, third):
        thread.join(WAIT_S)
    assert slots.busy == 0


def test_a_slot_given_back_to_publish_lets_another_compute_while_the_first_still_publishes() -> None:
    slots = ComputeSlots(1)
    published, second_done, first_may_end = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with slots.computing() as publishing:
            publishing()  # from here on: waiting on GitHub's paced writes, not computing
            published.set()
            first_may_end.wait(WAIT_S)

    def second() -> None:
        published.wait(WAIT_S)
        with slots.computing():
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert second_done.wait(WAIT_S), "the slot given back was not free for another review"
    assert not first_may_end.is_set()  # the first review was still holding its job
    first_may_end.set()
    for thread in threads:
        thread.join(WAIT_S)
    assert slots.busy == 0


def test_publishing_twice_gives_one_slot_back_once() -> None:
    slots = ComputeSlots(1)
    with slots.computing() as publishing:
        publishing()
        publishing()  # a publish retried by the review graph gives it back again
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


def test_a_review_waiting_on_github_or_the_model_leaves_its_slot_and_takes_it_back(one_slot: ComputeSlots) -> None:
    other_done = threading.Event()
    with one_slot.computing():
        with compute.waiting():
            assert one_slot.busy == 0
            # Another review computes meanwhile (the slot is this process's only one).
            other, leave = threading.Event(), threading.Event()
            leave.set()
            enter(one_slot, other, leave).join(WAIT_S)
            other_done.set()
        assert one_slot.busy == 1  # taken again for the rest of the work
    assert other_done.is_set() and one_slot.busy == 0


def test_a_wait_in_a_graph_node_thread_gives_back_its_reviews_slot(one_slot: ComputeSlots) -> None:
    """LangGraph runs a node in a copy of the caller's context: the wait there finds the review's slot."""
    seen: list[int] = []

    def node() -> None:
        with compute.waiting():
            seen.append(one_slot.busy)
        seen.append(one_slot.busy)

    with one_slot.computing():
        context = contextvars.copy_context()
        thread = threading.Thread(target=context.run, args=(node,))
        thread.start()
        thread.join(WAIT_S)
    assert seen == [0, 1] and one_slot.busy == 0


def test_two_threads_of_one_review_waiting_at_once_give_back_and_take_one_slot(one_slot: ComputeSlots) -> None:
    both_waiting, first_left = threading.Barrier(2, timeout=WAIT_S), threading.Event()
    seen: dict[str, int] = {}

    def node(name: str) -> None:
        with compute.waiting():
            both_waiting.wait()
            seen[f"{name} waiting"] = one_slot.busy
            if name == "b":
                first_left.wait(WAIT_S)  # b still waits after a stopped: the slot stays free
                seen["b after a left"] = one_slot.busy
        if name == "a":
            first_left.set()

    with one_slot.computing():
        threads = [threading.Thread(target=contextvars.copy_context().run, args=(node, name)) for name in "ab"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(WAIT_S)
        assert one_slot.busy == 1  # the last to stop waiting took it again, once
    assert seen == {"a waiting": 0, "b waiting": 0, "b after a left": 0} and one_slot.busy == 0


def test_waiting_outside_a_review_or_after_publishing_changes_nothing(one_slot: ComputeSlots) -> None:
    with compute.waiting():
        assert one_slot.busy == 0
    with one_slot.computing() as publishing:
        publishing()
        with compute.waiting():
            assert one_slot.busy == 0
        assert one_slot.busy == 0  # a wait while publishing takes no slot again
    assert one_slot._free.acquire(blocking=False)  # type: ignore[union-attr]


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


def test_configure_sets_the_process_slots(one_slot: ComputeSlots) -> None:
    compute.configure(3)
    assert compute.slots().size == 3


def test_the_review_graphs_model_stage_waits_without_the_reviews_slot(one_slot: ComputeSlots) -> None:
    """The real graph: LangGraph runs the model node in another thread, in a copy of the review's context."""
    seen: list[int] = []

    def model_stage(evidence: Evidence, rules: RuleBook, results: list[AgentResult]) -> AgentResult:
        with compute.waiting():
            seen.append(one_slot.busy)
        seen.append(one_slot.busy)
        return AgentResult(agent="model")

    with one_slot.computing():
        run_review(load_scenario(SCENARIO), model_stage=model_stage)
    assert seen == [0, 1] and one_slot.busy == 0
