"""Routing real GitHub deliveries (octokit's payload examples) to review jobs, or to a reason why not."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from custody.reviewer.app.webhook.events import route
from custody.reviewer.model.evidence.pull_request import MAX_PR_NUMBER, OUT_OF_RANGE

from tests.helpers import load_json


def payload(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load_json("github", "webhooks", name)
    return data


def with_installation(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data.setdefault("installation", {"id": 7})
    return data


def test_an_opened_pr_becomes_a_review_of_its_head_against_its_base() -> None:
    data = payload("pull_request.opened.json")
    routed = route("pull_request", data, "d-1")
    assert routed.job is not None
    pr = data["pull_request"]
    assert (routed.job.repo, routed.job.number) == (data["repository"]["full_name"], pr["number"])
    assert (routed.job.head_sha, routed.job.base_sha) == (pr["head"]["sha"], pr["base"]["sha"])
    assert routed.head == (data["repository"]["full_name"], pr["number"], pr["head"]["sha"])


def test_a_push_to_the_pr_is_reviewed_again() -> None:
    routed = route("pull_request", with_installation(payload("pull_request.synchronize.json")), "d-2")
    assert routed.job is not None and routed.job.trigger == "pull_request"


@pytest.mark.parametrize(("changes", "reviewed"), [
    ({"title": {"from": "old"}}, True), ({"body": {"from": ""}}, True), ({"base": {"ref": {"from": "dev"}}}, True),
    ({}, False), (None, False),
])
def test_an_edit_is_reviewed_only_when_the_title_description_or_base_changed(changes: Any, reviewed: bool) -> None:
    data = with_installation(payload("pull_request.edited.json"))
    data["changes"] = changes
    assert (route("pull_request", data, "d-3").job is not None) is reviewed


def test_closed_and_draft_prs_are_not_reviewed_but_a_draft_still_notes_its_head() -> None:
    closed = route("pull_request", with_installation(payload("pull_request.closed.json")), "d-4")
    assert closed.job is None and "needs no review" in closed.reason
    draft = with_installation(payload("pull_request.opened.json"))
    draft["pull_request"]["draft"] = True
    routed = route("pull_request", draft, "d-5")
    assert routed.job is None and routed.head is not None


def test_a_command_comment_on_a_pr_is_a_command_job_and_is_deduplicated_by_comment() -> None:
    data = with_installation(payload("issue_comment.created.on-pull-request.json"))
    data["comment"]["body"] = "/custody explain hygiene.secret\nthanks"
    data["comment"]["user"]["type"] = "User"
    first, replay = route("issue_comment", data, "d-6"), route("issue_comment", data, "d-7")
    assert first.job is not None and first.job.trigger == "command"
    assert first.job.command == "/custody explain hygiene.secret"
    assert first.dedupe is not None and first.dedupe == replay.dedupe  # same comment, new delivery id


@pytest.mark.parametrize(("change", "why"), [
    (lambda d: d["comment"].update(body="looks good"), "no /custody command"),
    (lambda d: d["comment"]["user"].update(type="Bot"), "bots"),
    (lambda d: d["issue"].pop("pull_request"), "not a pull request"),
    (lambda d: d.update(action="edited"), "only new comments"),
])
def test_other_comments_are_ignored_with_a_reason(change: Any, why: str) -> None:
    data = with_installation(payload("issue_comment.created.on-pull-request.json"))
    data["comment"]["body"] = "/custody review"
    data["comment"]["user"]["type"] = "User"
    change(data)
    routed = route("issue_comment", data, "d-8")
    assert routed.job is None and why in routed.reason


def test_unknown_events_and_malformed_payloads_are_refused_not_crashed() -> None:
    assert "not handled" in route("push", {}, "d-9").reason
    broken = with_installation(payload("pull_request.opened.json"))
    broken["pull_request"]["number"] = True  # a bool is an int to Python, not to GitHub
    assert route("pull_request", broken, "d-10").job is None
    assert route("pull_request", {"action": ["opened"]}, "d-11").job is None


@pytest.mark.parametrize(("number", "why"), [
    (MAX_PR_NUMBER + 1, OUT_OF_RANGE), (10**40, OUT_OF_RANGE), (0, OUT_OF_RANGE), (-3, OUT_OF_RANGE),
    ("7", "the pull request has no number"), (None, "the pull request has no number"),
])
def test_a_number_no_pull_request_can_have_is_refused_saying_so(number: Any, why: str) -> None:
    # The evidence refuses such a number too; the delivery is answered with the reason, not queued.
    opened = with_installation(payload("pull_request.opened.json"))
    opened["pull_request"]["number"] = number
    comment = with_installation(payload("issue_comment.created.on-pull-request.json"))
    comment["comment"]["body"] = "/custody review"
    comment["issue"]["number"] = number
    for event, data in (("pull_request", opened), ("issue_comment", comment)):
        routed = route(event, data, "d-12")
        assert (routed.job, routed.reason) == (None, why)
        assert str(10**40) not in routed.reason  # the number is not echoed back
    opened["pull_request"]["number"] = MAX_PR_NUMBER  # the largest one GitHub can give is reviewed
    routed = route("pull_request", opened, "d-13")
    assert routed.job is not None and routed.job.number == MAX_PR_NUMBER
