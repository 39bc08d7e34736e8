"""What crosses the queue: ids only, a closed set of triggers, and the final-failure exception."""

from __future__ import annotations

import json

import pytest
from custody.reviewer.app.queue.jobs import JobCannotSucceed, ReviewJob
from pydantic import ValidationError


def test_a_job_carries_ids_only_and_round_trips() -> None:
    job = ReviewJob(installation_id=5, repo="acme/churn-model", number=42, head_sha="a" * 40, delivery_id="d-1",
                    base_sha="b" * 40)
    carried = json.loads(job.model_dump_json())
    # No token, key or secret ever crosses the queue.
    assert set(carried) == {"installation_id", "repo", "number", "head_sha", "delivery_id", "base_sha", "trigger",
                            "requested_by", "command", "admission", "asked_by"}
    assert ReviewJob.model_validate_json(job.model_dump_json()) == job
    assert job.pr_key == "acme/churn-model#42" and job.trigger == "pull_request"
    # A job queued before commenters could be folded in still loads: nobody asked.
    del carried["asked_by"]
    assert ReviewJob.model_validate(carried).asked_by == []


def test_unknown_triggers_and_missing_ids_are_refused() -> None:
    with pytest.raises(ValidationError):
        ReviewJob.model_validate({"installation_id": 5, "repo": "a/b", "number": 1, "head_sha": "",
                                  "delivery_id": "d", "trigger": "shell"})
    with pytest.raises(ValidationError):
        ReviewJob.model_validate_json('{"repo": "a/b", "number": 1, "head_sha": "", "delivery_id": "d"}')


def test_a_job_that_cannot_succeed_keeps_its_reason() -> None:
    with pytest.raises(JobCannotSucceed, match="GitHub answered 404"):
        raise JobCannotSucceed("GitHub answered 404 to reading acme/m#1")
