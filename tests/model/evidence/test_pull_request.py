"""The pull request: GitHub's own webhook payload fills it, and timestamps are parsed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from custody.reviewer.model.evidence.pull_request import MAX_PR_NUMBER, PullRequest
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
