"""The pull request: GitHub's own webhook payload fills it, and timestamps are parsed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from custody.reviewer.model.evidence.pull_request import MAX_PR_NUMBER, OUT_OF_RANGE, PullRequest, pr_number_problem
from pydantic import ValidationError

from tests.helpers import load_json


def test_a_webhook_pull_request_fills_the_model() -> None:
    event = load_json("github", "webhooks", "pull_request.opened.json")
    raw = event["pull_request"]
    pr = PullRequest(repo=event["repository"]["full_name"], number=raw["number"], title=raw["title"],
                     body=raw["body"] or "", author=raw["user"]["login"], base_branch=raw["base"]["ref"],
                     head_branch=raw["head"]["ref"], labels=[label["name"] for label in raw["labels"]],
                     created_at=raw["created_at"], merged_at=raw["merged_at"], head_sha=raw["head"]["sha"],
                     html_url=raw["html_url"])
    assert pr.created_at == datetime(2019, 5, 15, 15, 20, 33, tzinfo=UTC)
    assert pr.merged_at is None and pr.labels == ["bug"]
    assert PullRequest.model_validate_json(pr.model_dump_json()) == pr


def test_defaults_describe_an_untitled_pr_against_main() -> None:
    pr = PullRequest(repo="acme/ml", number=1)
    assert (pr.title, pr.body, pr.base_branch, pr.labels, pr.head_sha) == ("", "", "main", [], None)


@pytest.mark.parametrize("bad", [{"number": "seven"}, {"created_at": "last tuesday"}, {"repo": None}])
def test_a_malformed_pull_request_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        PullRequest.model_validate({"repo": "acme/ml", "number": 7, **bad})


def test_the_largest_pr_number_is_the_largest_32_bit_signed_integer() -> None:
    assert MAX_PR_NUMBER == 2_147_483_647


@pytest.mark.parametrize("number", [MAX_PR_NUMBER + 1, 2**63, -1])
def test_a_number_no_pull_request_can_have_is_refused_by_the_model(number: int) -> None:
    # Only the app checked the range: a scenario or a caller building the evidence itself could
    # carry a number the store's 32-bit column and GitHub refuse.
    with pytest.raises(ValidationError) as refused:
        PullRequest(repo="acme/ml", number=number)
    (error,) = refused.value.errors()
    assert error["loc"] == ("number",)
    assert error["msg"] == ("Input should be less than or equal to 2147483647" if number > 0
                            else "Input should be greater than or equal to 0")


def test_the_largest_number_and_zero_for_no_pull_request_are_accepted() -> None:
    assert PullRequest(repo="acme/ml", number=MAX_PR_NUMBER).number == MAX_PR_NUMBER
    assert PullRequest(repo="acme/ml", number=0).number == 0  # a registry move judged on its own


@pytest.mark.parametrize(("value", "problem"), [
    (1, None), (MAX_PR_NUMBER, None), (0, OUT_OF_RANGE), (MAX_PR_NUMBER + 1, OUT_OF_RANGE), (-5, OUT_OF_RANGE),
    (True, "the pull request has no number"), ("7", "the pull request has no number"),
    (None, "the pull request has no number"), (7.0, "the pull request has no number"),
])
def test_what_is_wrong_with_a_number_from_outside(value: object, problem: str | None) -> None:
    assert pr_number_problem(value) == problem
