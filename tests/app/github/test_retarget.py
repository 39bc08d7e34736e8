"""Retargeting a PR to another base branch is reviewed again, under the new base's rules.

The attack (issue 15, High 2): open a PR against a branch with weak rules, get a passing check,
then change the base to `main`. The `edited` delivery with `changes.base` was dropped, and
"already reviewed" was keyed on the head alone, so the passing check stood."""

from __future__ import annotations

from typing import Any

import yaml
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.queue.durable import process
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.world import tree_sha
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.events import route
from custody.reviewer.settings import Settings

from tests.app.github.support import FAST, NUMBER, REPO


def strict_main(world: World) -> str:
    """A `main` commit whose custody.yml makes the example's metric mismatch blocking."""
    repo = world.repo(REPO)
    assert repo is not None
    files = dict(repo.trees[repo.pulls[NUMBER].base_sha])
    config = yaml.safe_load(files[".github/custody.yml"])
    config["rules"] = {"overrides": {"card.metric-matches-registry": {"severity": "high", "blocking": True}}}
    files[".github/custody.yml"] = yaml.safe_dump(config).encode()
    repo.trees[tree_sha(files)] = files
    return tree_sha(files)


def delivery(world: World, action: str, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    info = world.pull_request_info(REPO, NUMBER)
    payload: dict[str, Any] = {
        "action": action, "installation": {"id": 5}, "repository": {"full_name": REPO},
        "pull_request": {"number": NUMBER, "draft": False, "head": {"sha": info["head_sha"], "ref": info["head_ref"]},
                         "base": {"sha": info["base_sha"], "ref": info["base_ref"]}}}
    if changes is not None:
        payload["changes"] = changes
    return payload


def run(job: ReviewJob | None, settings: Settings, store: Store) -> str:
    assert job is not None, "the delivery was dropped"

    def handler(j: ReviewJob, s: Settings, st: Store) -> None:
        handle_job(j, s, st, **FAST)

    store.accept_delivery(job.delivery_id, "pull_request", "x", job.repo, job.number, job.head_sha,
                          job.model_dump_json())
    return process(job, settings, store, handler)


def test_a_base_change_is_reviewed_again_under_the_new_bases_rules(world: World, standin: StandIn,
                                                                   settings: Settings, store: Store) -> None:
    repo = world.repo(REPO)
    assert repo is not None
    pr = repo.pulls[NUMBER]
    pr.base_ref = "experimental"  # the weak branch: the example's config, nothing blocks
    weak_base = pr.base_sha
    assert run(route("pull_request", delivery(world, "opened"), "d-open").job, settings, store) == "done"
    assert repo.check_runs[-1]["conclusion"] == "neutral"

    pr.base_ref, pr.base_sha = "main", strict_main(world)  # the author retargets the PR to main
    retarget = delivery(world, "edited", {"base": {"ref": {"from": "experimental"}, "sha": {"from": weak_base}}})
    routed = route("pull_request", retarget, "d-retarget")
    assert routed.job is not None and routed.job.base_sha == pr.base_sha
    assert run(routed.job, settings, store) == "done"  # not "already reviewed": the base is new
    assert repo.check_runs[-1]["conclusion"] == "failure"
    assert len(repo.check_runs) == 1  # one check run per head: a second review of it updates that run


def test_the_same_head_and_base_are_not_reviewed_twice(world: World, standin: StandIn,
                                                        settings: Settings, store: Store) -> None:
    assert run(route("pull_request", delivery(world, "opened"), "d-1").job, settings, store) == "done"
    again = route("pull_request", delivery(world, "edited", {"title": {"from": "x"}}), "d-2").job
    assert again is not None
    assert run(again.model_copy(update={"trigger": "pull_request"}), settings, store) == "already reviewed"


def test_other_edits_still_need_no_review(world: World) -> None:
    assert route("pull_request", delivery(world, "edited", {"milestone": {"from": None}}), "d").job is None
