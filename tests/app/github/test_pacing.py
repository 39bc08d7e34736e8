"""Pacing per installation: writes one at a time and the interval apart across workers, GitHub's
Retry-After and X-RateLimit-Reset obeyed by the installation they concern and no other, the
budget shared through the store (SQLite, PostgreSQL) or Redis. Time is a fake clock: no test sleeps."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from custody.reviewer.app.github.auth import installation_client
from custody.reviewer.app.github.final import is_final
from custody.reviewer.app.github.pacing import (
    SECONDARY_WAIT_S,
    Budget,
    Pacer,
    Paused,
    RedisBudget,
    SqlBudget,
    installation_key,
    pace,
    pause_of,
    transport_retry,
)
from custody.reviewer.app.queue import compute
from custody.reviewer.app.standin import StandIn
from custody.reviewer.app.standin.world import Fault
from custody.reviewer.settings import Settings
from github import Auth, Github, GithubRetry
from urllib3.util.retry import Retry

from tests.app.github.support import FAST, NUMBER, REPO
from tests.app.store.conftest import postgres_schema

REDIS_ENV = "CUSTODY_TEST_REDIS_URL"
START = 1_800_000_000.0
A, B = installation_key(5), installation_key(6)


class Clock:
    """Unix time that moves only when someone sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = START
        self.slept: list[float] = []
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds
            self.slept.append(seconds)


def open_budget(kind: str, url: str, prefix: str) -> Budget:
    return RedisBudget(url, prefix=prefix) if kind == "redis" else SqlBudget(url)


@pytest.fixture(params=["sqlite", "postgresql", "redis"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(kind, URL, Redis key prefix) of a fresh budget on each backend the deployment may use."""
    prefix = f"test:{uuid.uuid4().hex[:8]}:"
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'custody.db'}", prefix
    elif request.param == "postgresql":
        with postgres_schema() as url:
            yield "postgresql", url, prefix
    else:
        url = os.environ.get(REDIS_ENV)
        if not url:
            pytest.skip(f"{REDIS_ENV} is not set (bash .ci/redis.sh starts one)")
        yield "redis", url, prefix
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)


@pytest.fixture
def budget(where: tuple[str, str, str]) -> Iterator[Budget]:
    opened = open_budget(*where)
    yield opened
    opened.close()


def test_what_githubs_answers_say() -> None:
    now = START
    secondary = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
    assert pause_of(403, {"Retry-After": "30"}, secondary, now) == (now + 30, True)
    assert pause_of(429, {"retry-after": "7"}, "", now) == (now + 7, True)
    assert pause_of(403, {}, secondary, now) == (now + SECONDARY_WAIT_S, True)
    exhausted = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(now) + 120)}
    assert pause_of(403, exhausted, "API rate limit exceeded for installation ID 5.", now) == (now + 121, True)
    assert pause_of(200, exhausted, "", now) == (now + 121, False)  # good, but the next one would not be
    assert pause_of(200, {"X-RateLimit-Remaining": "4999"}, "", now) == (None, False)
    assert pause_of(403, {"X-RateLimit-Remaining": "4999"}, "Resource not accessible by integration", now) \
        == (None, False)
    assert pause_of(404, {}, "Not Found", now) == (None, False)


def test_two_workers_on_one_installation_write_one_at_a_time_the_interval_apart(budget: Budget) -> None:
    clock = Clock()
    writes: list[tuple[float, float]] = []
    inside, most = [0], [0]
    lock = threading.Lock()

    def worker() -> None:
        pacer = Pacer(budget, write_interval=1.0, clock=clock, sleep=clock.sleep)  # its own, as a process has
        for _ in range(4):
            with pacer.turn(A, write=True):
                with lock:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                started = clock()
                clock.sleep(0.25)  # the request itself
                with lock:
                    writes.append((started, clock()))
                    inside[0] -= 1

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(writes) == 8
    assert most[0] == 1
    ordered = sorted(writes)
    gaps = [later[0] - earlier[1] for earlier, later in pairwise(ordered)]
    assert min(gaps) >= 1.0 - 1e-6, gaps


def test_reads_do_not_wait_for_writes(budget: Budget) -> None:
    assert budget.take(A, True, "writer", START, 1.0) == 0
    assert budget.take(A, False, "reader", START, 1.0) == 0
    assert budget.take(A, True, "second-writer", START, 1.0) >= 1.0  # the slot is held


def test_two_installations_never_wait_for_each_other(budget: Budget) -> None:
    assert budget.take(A, True, "a", START, 1.0) == 0
    budget.give_back(A, True, "a", START + 0.1, 1.0, pause_until=START + 600)
    assert budget.take(A, True, "a2", START + 1, 1.0) == pytest.approx(599)
    assert budget.take(A, False, "a3", START + 1, 1.0) == pytest.approx(599)
    assert budget.take(B, True, "b", START + 1, 1.0) == 0  # B writes while A is paused and held
    assert budget.take(B, False, "b2", START + 1, 1.0) == 0


def test_a_dead_writers_slot_frees_itself(budget: Budget) -> None:
    assert budget.take(A, True, "died", START, 1.0) == 0
    assert budget.take(A, True, "next", START + 30, 1.0) > 0
    assert budget.take(A, True, "next", START + 61, 1.0) == 0  # after the lease


def test_remaining_zero_waits_until_reset_for_that_installation_only(budget: Budget) -> None:
    clock = Clock()
    pacer = Pacer(budget, clock=clock, sleep=clock.sleep)
    with pacer.turn(A, write=False) as turn:
        refused = turn.saw(200, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(START) + 240)})
    assert not refused
    with pacer.turn(B, write=False):
        assert clock.slept == []  # another installation goes at once
    with pacer.turn(A, write=False):
        assert clock() >= START + 240
    assert sum(clock.slept) == pytest.approx(241, abs=0.01)


def test_a_pause_longer_than_a_job_should_wait_gives_the_job_up(budget: Budget) -> None:
    clock = Clock()
    budget.give_back(A, False, "x", START, 1.0, pause_until=START + 3600)
    pacer = Pacer(budget, clock=clock, sleep=clock.sleep, max_wait=300)
    with pytest.raises(Paused) as raised, pacer.turn(A, write=False):
        pass
    assert raised.value.status == 403 and int(raised.value.headers["Retry-After"]) >= 3600  # type: ignore[index]
    assert clock.slept == []


def test_the_budget_is_shared_across_processes(where: tuple[str, str, str]) -> None:
    kind, url, prefix = where
    here = open_budget(kind, url, prefix)
    assert here.take(A, True, "this-process", START, 1.0) == 0
    child = f"""
import sys
from custody.reviewer.app.github.pacing import RedisBudget, SqlBudget
kind, url, prefix = sys.argv[1:4]
budget = RedisBudget(url, prefix=prefix) if kind == "redis" else SqlBudget(url)
print(budget.take({A!r}, True, "other-process", {START + 0.5!r}, 1.0))
budget.give_back({A!r}, False, "other-process", {START + 0.5!r}, 1.0, {START + 42!r})
"""
    out = subprocess.run([sys.executable, "-c", child, kind, url, prefix], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert float(out) >= 1.0  # this process held the slot
    assert here.take(A, False, "this-process", START + 1, 1.0) == pytest.approx(41)  # the other one's pause
    here.close()


def test_rate_limit_retries_are_ours_not_urllib3s() -> None:
    kept = transport_retry(GithubRetry(total=5))
    assert isinstance(kept, Retry) and not isinstance(kept, GithubRetry)
    assert 403 not in (kept.status_forcelist or ()) and 502 in (kept.status_forcelist or ())
    assert kept.total == 5
    assert transport_retry(None) is None and transport_retry(3) == 3


def paced_client(standin: StandIn, pacer: Pacer, installation: str) -> Github:
    return pace(Github(base_url=standin.base_url, auth=Auth.Token("ghs_test"), **FAST), pacer, installation)


def test_a_secondary_limit_pauses_that_installation_and_the_request_goes_again(
        standin: StandIn, tmp_path: Path) -> None:
    clock = Clock()
    budget = SqlBudget(f"sqlite:///{tmp_path / 'custody.db'}")
    standin.world.faults.append(Fault("GET", r"/pulls/\d+$", 403, headers={"Retry-After": "30"}, times=1))
    seen: list[tuple[float, float]] = []

    def sleep(seconds: float) -> None:  # while A waits, B is free
        seen.append((budget.take(A, False, "peek", clock(), 1.0), budget.take(B, False, "peek", clock(), 1.0)))
        clock.sleep(seconds)

    pacer = Pacer(budget, clock=clock, sleep=sleep)
    pr = paced_client(standin, pacer, A).get_repo(REPO).get_pull(NUMBER)
    assert pr.number == NUMBER
    assert standin.world.faults[-1].times == 0
    assert seen and seen[0][0] == pytest.approx(30) and seen[0][1] == 0
    assert sum(clock.slept) == pytest.approx(30)


def test_writes_through_pygithub_wait_the_interval(standin: StandIn, tmp_path: Path) -> None:
    clock = Clock()
    pacer = Pacer(SqlBudget(f"sqlite:///{tmp_path / 'custody.db'}"), write_interval=1.0, clock=clock,
                  sleep=clock.sleep)
    pr = paced_client(standin, pacer, A).get_repo(REPO).get_pull(NUMBER)
    pr.create_issue_comment("one")
    assert clock.slept == []
    pr.create_issue_comment("two")
    assert sum(clock.slept) == pytest.approx(1.0, abs=0.05)


def installation_budget_row(url: str) -> Any:
    from custody.reviewer.app.store.models import GithubBudget
    from sqlalchemy import create_engine, inspect, select

    engine = create_engine(url)
    if not inspect(engine).has_table("github_budget"):
        return None
    with engine.connect() as connection:
        row = connection.execute(select(GithubBudget.next_write_at).where(
            GithubBudget.installation == installation_key(5))).first()
    engine.dispose()
    return row


@pytest.mark.parametrize("pacing", ["installation", "process"])
def test_installation_clients_use_the_shared_budget_unless_told_otherwise(
        standin: StandIn, settings: Settings, tmp_path: Path, pacing: str) -> None:
    url = f"sqlite:///{tmp_path / f'{pacing}.db'}"
    chosen = replace(settings, database_url=url, github_pacing=pacing, github_write_interval=0.0)
    gh = installation_client(chosen, 5, **FAST)
    gh.get_repo(REPO).get_pull(NUMBER).create_issue_comment("paced?")
    row = installation_budget_row(url)
    if pacing == "installation":
        assert row is not None and row[0] > 0  # the write was noted in the budget
    else:
        assert row is None



def test_a_job_given_up_for_a_long_pause_is_retried_not_failed() -> None:
    assert not is_final(Paused(403, {"message": "wait"}, {"Retry-After": "3601"}))


def test_the_pacing_mode_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().github_pacing == "installation"
    monkeypatch.setenv("CUSTODY_GITHUB_PACING", "Process")
    assert Settings.from_env().github_pacing == "process"
    monkeypatch.setenv("CUSTODY_GITHUB_PACING", "per-thread")
    with pytest.raises(ValueError, match="CUSTODY_GITHUB_PACING must be one of installation, process"):
        Settings.from_env()


def test_a_review_paused_by_github_leaves_its_compute_slot_while_it_sleeps(tmp_path: Path) -> None:
    """One paused installation must not hold every compute slot of a worker: the pause is not work."""
    before = compute.slots()
    compute.configure(1)
    try:
        clock, busy = Clock(), []

        def sleep(seconds: float) -> None:
            busy.append(compute.slots().busy)
            clock.sleep(seconds)

        budget = SqlBudget(f"sqlite:///{tmp_path / 'custody.db'}")
        budget.give_back(A, False, "x", START, 1.0, pause_until=START + 5)
        pacer = Pacer(budget, clock=clock, sleep=sleep)
        with compute.slots().computing(), pacer.turn(A, write=False):
            assert compute.slots().busy == 1  # the slot is the review's again once the pause is over
        assert busy == [0] and clock() >= START + 5
    finally:
        compute.configure(before.size)
