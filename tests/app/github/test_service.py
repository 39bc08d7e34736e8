"""The worker's job against the stand-in: what a re-review asks GitHub and writes, token reuse, and
exactly one check run per head and one summary comment per PR when answers are lost."""

from __future__ import annotations

import pytest
from custody.reviewer.app.github import auth
from custody.reviewer.app.github import service as service_module
from custody.reviewer.app.github.command_actions import NOT_ALLOWED
from custody.reviewer.app.github.publisher import GitHubPublisher
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.queue import compute
from custody.reviewer.app.queue.jobs import JobCannotSucceed
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.world import Fault
from custody.reviewer.app.store import Store
from custody.reviewer.review import ReviewOutcome
from custody.reviewer.settings import Settings

from tests.app.github.support import FAST, NUMBER, REPO, job, replies, summaries


def push(world: World, path: str, data: bytes) -> str:
    repo = world.repo(REPO)
    assert repo is not None
    files = dict(repo.trees[world.pull_request_info(REPO, NUMBER)["head_sha"]])
    files[path] = data
    return world.push(REPO, NUMBER, files)


def runs_on(world: World, head: str) -> list[dict[str, object]]:
    repo = world.repo(REPO)
    assert repo is not None
    return [run for run in repo.check_runs if run["head_sha"] == head]


def test_a_rereview_after_a_one_file_push_asks_little_and_writes_only_what_changed(
        world: World, standin: StandIn, settings: Settings, store: Store) -> None:
    handle_job(job(world), settings, store, **FAST)
    (comment,) = summaries(world)
    body = comment["body"]
    head = push(world, "churn/features.py", world.repo(REPO).trees[  # type: ignore[union-attr]
        world.pull_request_info(REPO, NUMBER)["head_sha"]]["churn/features.py"] + b"# a comment only\n")
    since = len(standin.requests)
    handle_job(job(world), settings, store, **FAST)
    asked = standin.requests[since:]
    counts = standin.counts(since)
    assert counts["with_body"] <= 5 and counts["writes"] <= 2, asked
    assert counts["not_modified"] >= 2  # the repository, the ticket, the remembered comment: 304s
    paths = [x["path"] for x in asked]
    assert not any("/git/trees/" in p for p in paths)  # the new tree came from the compare API
    assert any("/compare/" in p for p in paths)
    assert not any("/contents/" in p for p in paths)  # its new bytes: the compare patch on the old ones
    assert not any(p.endswith(f"/issues/{NUMBER}/comments") for p in paths)  # remembered, not searched
    assert not any(p.endswith(f"/pulls/{NUMBER}/comments") for p in paths)
    assert not any("/access_tokens" in p for p in paths)  # the token of the first job is reused
    # Nothing Custody reports changed: the new head's check run is the only write.
    assert [(w["method"], w["path"]) for w in standin.writes[-1:]] == [("POST", f"/repos/{REPO}/check-runs")]
    assert [x for x in asked if x["method"] != "GET"] == [
        {"method": "POST", "path": f"/repos/{REPO}/check-runs", "status": 201, "lost": False}]
    assert summaries(world)[0]["body"] == body
    assert len(runs_on(world, head)) == 1 and runs_on(world, head)[0]["status"] == "completed"


def test_a_rereview_of_the_same_head_that_says_the_same_writes_nothing(
        world: World, standin: StandIn, settings: Settings, store: Store) -> None:
    """A `/custody review` or an edit re-reviews a head already reviewed: the run GitHub shows is
    read (not written again: an update would add its annotations a second time)."""
    handle_job(job(world), settings, store, **FAST)
    head = world.pull_request_info(REPO, NUMBER)["head_sha"]
    (run,) = runs_on(world, head)
    annotations = len(run["annotations"])  # type: ignore[arg-type]
    assert annotations > 0 and "<!-- custody:check " in str(run["output"]["text"])  # type: ignore[index]
    since = len(standin.requests)
    handle_job(job(world), settings, store, **FAST)
    asked = standin.requests[since:]
    assert [x for x in asked if x["method"] != "GET"] == [], asked
    assert any(x["path"] == f"/repos/{REPO}/check-runs/{run['id']}" for x in asked)
    (again,) = runs_on(world, head)
    assert len(again["annotations"]) == annotations and again["status"] == "completed"  # type: ignore[arg-type]


def test_a_check_run_that_shows_something_else_is_written_again(
        world: World, standin: StandIn, settings: Settings, store: Store) -> None:
    handle_job(job(world), settings, store, **FAST)
    head = world.pull_request_info(REPO, NUMBER)["head_sha"]
    (run,) = runs_on(world, head)
    written = run["output"]["text"]  # type: ignore[index]
    run["output"] = {**run["output"], "text": "an older review's findings"}  # type: ignore[dict-item]
    since = len(standin.requests)
    handle_job(job(world), settings, store, **FAST)
    assert [(x["method"], x["path"]) for x in standin.requests[since:] if x["method"] != "GET"] == [
        ("PATCH", f"/repos/{REPO}/check-runs/{run['id']}")]
    assert runs_on(world, head)[0]["output"]["text"] == written  # type: ignore[index]


def test_a_push_that_changes_the_report_edits_the_comment_once(world: World, standin: StandIn,
                                                               settings: Settings, store: Store) -> None:
    handle_job(job(world), settings, store, **FAST)
    head = push(world, "README.md", b"# churn\n")  # one more changed file: the walkthrough says so
    since = len(standin.requests)
    handle_job(job(world), settings, store, **FAST)
    counts = standin.counts(since)
    assert counts["writes"] == 2 and counts["with_body"] <= 6
    (comment,) = summaries(world)
    assert f"head `{head[:7]}`" in str(comment["body"])


def test_a_deleted_summary_is_written_again(world: World, settings: Settings, store: Store) -> None:
    handle_job(job(world), settings, store, **FAST)
    repo = world.repo(REPO)
    assert repo is not None
    repo.comments.clear()  # someone deleted it
    handle_job(job(world), settings, store, **FAST)
    assert len(summaries(world)) == 1
    assert store.written(REPO, NUMBER).comment_id == summaries(world)[0]["id"]


@pytest.mark.parametrize("path", [r"/check-runs$", r"/issues/\d+/comments$", r"/pulls/\d+/reviews$"])
def test_a_create_whose_answer_is_lost_is_found_not_repeated(world: World, standin: StandIn, settings: Settings,
                                                             store: Store, path: str) -> None:
    world.faults.append(Fault("POST", path, 201, lost=True))
    handle_job(job(world), settings, store, **FAST)
    assert world.faults[0].times == 0  # the answer was lost
    head = world.pull_request_info(REPO, NUMBER)["head_sha"]
    assert len(runs_on(world, head)) == 1 and len(summaries(world)) == 1
    repo = world.repo(REPO)
    assert repo is not None
    assert len(repo.reviews) <= 1


def test_a_lost_create_whose_look_fails_too_is_found_by_the_next_try(world: World, standin: StandIn,
                                                                      settings: Settings, store: Store) -> None:
    # The answer is lost and the look that follows fails too: that try dies; the store still marks
    # the create as sent, so the next try (the publish step's retry, or the queue's) looks again.
    world.faults += [Fault("POST", r"/check-runs$", 201, lost=True),
                     Fault("GET", r"/commits/[0-9a-f]+/check-runs$", 502)]
    handle_job(job(world), settings, store, **FAST)
    head = world.pull_request_info(REPO, NUMBER)["head_sha"]
    assert [f.times for f in world.faults] == [0, 0]
    (run,) = runs_on(world, head)
    assert run["status"] == "completed" and len(summaries(world)) == 1
    posts = [w for w in standin.writes if w["path"].endswith("/check-runs")]
    assert len(posts) == 1  # never sent twice


def test_a_refused_token_is_minted_anew_and_the_job_goes_on(world: World, standin: StandIn, settings: Settings,
                                                             store: Store) -> None:
    handle_job(job(world), settings, store, **FAST)
    assert (settings.github_api_url, settings.app_id or "", 5) in auth._tokens
    world.faults.append(Fault("GET", rf"^/repos/{REPO}/pulls/{NUMBER}$", 401, message="Bad credentials"))
    since = len(standin.requests)
    handle_job(job(world), settings, store, **FAST)
    assert sum(1 for x in standin.requests[since:] if "/access_tokens" in x["path"]) == 1


def test_a_token_refused_twice_is_final(world: World, settings: Settings, store: Store) -> None:
    world.faults.append(Fault("GET", rf"^/repos/{REPO}/pulls/{NUMBER}$", 401, times=2, message="Bad credentials"))
    with pytest.raises(JobCannotSucceed):
        handle_job(job(world), settings, store, **FAST)
    assert (settings.github_api_url, settings.app_id or "", 5) not in auth._tokens


def test_after_a_force_push_the_new_head_tree_is_read_whole(world: World, standin: StandIn, settings: Settings,
                                                            store: Store) -> None:
    handle_job(job(world), settings, store, **FAST)
    repo = world.repo(REPO)
    assert repo is not None
    info = world.pull_request_info(REPO, NUMBER)
    head = push(world, "README.md", b"# rewritten history\n")
    repo.parents[head] = info["base_sha"]  # not a descendant of the reviewed head: the compare says diverged
    since = len(standin.requests)
    handle_job(job(world), settings, store, **FAST)
    paths = [x["path"] for x in standin.requests[since:]]
    assert any("/compare/" in p for p in paths) and any(p.endswith(f"/git/trees/{head}") for p in paths)
    record = store.latest_review(REPO, NUMBER)
    assert record is not None and record.head_sha == head and len(runs_on(world, head)) == 1


@pytest.mark.parametrize(("asked_by", "reviewed_again"), [(["mallory", "lead"], True), (["mallory"], False)])
def test_commenters_folded_into_a_review_are_answered_as_their_commands_would_be(
        writers: World, standin: StandIn, settings: Settings, store: Store, asked_by: list[str],
        reviewed_again: bool) -> None:
    # `/custody review` comments that joined a queued review of a head already reviewed: the one
    # who may not ask gets the fixed refusal (as their own command job would), and the head is
    # reviewed again only when one of them may ask.
    base = writers.pull_request_info(REPO, NUMBER)["base_sha"]
    handle_job(job(writers, base_sha=base), settings, store, **FAST)
    assert len(store.reviews(REPO)) == 1
    handle_job(job(writers, base_sha=base, asked_by=asked_by), settings, store, **FAST)
    assert replies(writers) == [NOT_ALLOWED]
    assert len(store.reviews(REPO)) == (2 if reviewed_again else 1)


def test_a_review_computes_in_a_slot_and_publishes_without_one(
        world: World, settings: Settings, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Gathering and judging hold one of the worker's compute slots; the paced writes do not, so a
    thread waiting on its installation's writes leaves the CPU to another review."""
    before = compute.slots()
    compute.configure(1)
    busy: dict[str, int] = {}
    read_input, publish = service_module.github_review_input, GitHubPublisher.publish

    def reading(*args: object, **kwargs: object) -> object:
        busy["gather"] = compute.slots().busy
        return read_input(*args, **kwargs)  # type: ignore[arg-type]

    def publishing(self: GitHubPublisher, outcome: ReviewOutcome) -> None:
        busy["publish"] = compute.slots().busy
        publish(self, outcome)

    monkeypatch.setattr(service_module, "github_review_input", reading)
    monkeypatch.setattr(GitHubPublisher, "publish", publishing)
    try:
        handle_job(job(world), settings, store, **FAST)
    finally:
        compute.configure(before.size)
    assert busy == {"gather": 1, "publish": 0}
    assert len(summaries(world)) == 1  # and the review was published all the same
