"""Issue 15, Medium 8: a job GitHub refuses for good (uninstalled installation, deleted repository,
access withdrawn) is finished as failed with its reason, not retried; a rate limit still is."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.queue.durable import process
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.standin import World
from custody.reviewer.app.standin.world import Fault
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings
from github import GithubException

from tests.app.github.support import FAST, REPO, job, summaries


def run(job_: ReviewJob, settings: Settings, store: Store) -> str:
    store.accept_delivery(job_.delivery_id, "pull_request", "synchronize", job_.repo, job_.number, job_.head_sha,
                          job_.model_dump_json())
    return process(job_, settings, store, lambda j, s, st: handle_job(j, s, st, **FAST))


MINT = r"/app/installations/\d+/access_tokens$"


@pytest.mark.parametrize(("method", "path", "status", "message", "what"), [
    ("POST", MINT, 404, "Not Found", "minting a token for installation 5"),  # uninstalled
    ("POST", MINT, 403, "This installation has been suspended", "minting a token for installation 5"),
    ("GET", rf"^/repos/{REPO}$", 404, "Not Found", f"reading {REPO}#42"),  # the repository was deleted
    ("GET", rf"^/repos/{REPO}$", 401, "Bad credentials", f"reading {REPO}#42"),
    ("GET", rf"^/repos/{REPO}$", 403, "Resource not accessible by integration", f"reading {REPO}#42"),
    ("GET", rf"^/repos/{REPO}/pulls/42$", 404, "Not Found", f"reading {REPO}#42"),
])
def test_a_refusal_for_good_finishes_the_job_as_failed(world: World, settings: Settings, store: Store, method: str,
                                                       path: str, status: int, message: str, what: str) -> None:
    world.faults.append(Fault(method, path, status, times=1000, message=message))
    assert run(job(world), settings, store) == "failed"  # returned, not raised: the queue does not retry it
    assert store.delivery_finished("d")
    [dead] = store.dead_jobs()
    assert (dead.delivery_id, dead.repo, dead.number) == ("d", REPO, 42)
    assert dead.failure == f"GitHub answered {status} to {what}"
    assert store.unfinished_jobs(older_than=timedelta(0)) == []  # nothing to sweep
    assert summaries(world) == []


def test_a_command_on_a_deleted_repository_is_final_too(world: World, settings: Settings, store: Store) -> None:
    world.faults.append(Fault("GET", rf"^/repos/{REPO}$", 404, times=1000))
    command = job(world, trigger="command", head_sha="", requested_by="lead", command="/custody review")
    assert run(command, settings, store) == "failed"
    assert [d.failure for d in store.dead_jobs()] == [f"GitHub answered 404 to reading {REPO}#42"]


@pytest.mark.parametrize("fault", [
    Fault("GET", rf"^/repos/{REPO}$", 403, {"Retry-After": "1"}, message="Forbidden"),  # a secondary rate limit
    Fault("GET", rf"^/repos/{REPO}$", 403, {"X-RateLimit-Remaining": "0"}, message="Forbidden"),
    Fault("GET", rf"^/repos/{REPO}$", 403, message="You have exceeded a secondary rate limit"),
    Fault("POST", MINT, 403),  # the stand-in's default 403 is a secondary rate limit
    Fault("GET", rf"^/repos/{REPO}$", 502),
])
def test_a_rate_limit_or_an_outage_is_retried(world: World, settings: Settings, store: Store, fault: Fault) -> None:
    # Per-client pacing: the refusal reaches the worker (paced per installation, it is waited out and
    # sent again before the job sees it: tests/app/github/test_pacing.py).
    settings = replace(settings, github_pacing="process")
    world.faults.append(fault)
    with pytest.raises(GithubException):
        run(job(world), settings, store)
    assert not store.delivery_finished("d") and store.dead_jobs() == []
    assert process(job(world), settings, store, lambda j, s, st: handle_job(j, s, st, **FAST)) == "done"
    assert len(summaries(world)) == 1
