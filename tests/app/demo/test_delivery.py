"""The demo's deliveries: GitHub's own payloads with a PR's identity written over them, signed as GitHub signs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from custody.reviewer.app.demo.delivery import comment_delivery, pull_request_delivery, signed_headers
from custody.reviewer.app.webhook.events import route
from custody.reviewer.app.webhook.signature import valid_signature

REPO = "acme/churn-model"
API = "http://127.0.0.1:8123/"
PR = {"repo": REPO, "number": 42, "title": "Retrain churn", "body": "Closes ML-7", "author": "ana",
      "head_ref": "retrain", "head_sha": "b" * 40, "base_ref": "main", "base_sha": "a" * 40, "installation_id": 5,
      "api_url": API}


def test_a_pull_request_delivery_is_routed_to_a_review_of_exactly_that_pr() -> None:
    payload = pull_request_delivery(**PR)  # type: ignore[arg-type]
    routed = route("pull_request", payload, "d-1")
    assert routed.job is not None
    job = routed.job
    assert (job.installation_id, job.repo, job.number, job.head_sha, job.base_sha, job.trigger) == (
        5, REPO, 42, "b" * 40, "a" * 40, "pull_request")
    assert routed.head == (REPO, 42, "b" * 40)


def test_the_template_is_fully_rewritten_to_the_stand_in() -> None:
    payload = pull_request_delivery(**{**PR, "action": "synchronize"})  # type: ignore[arg-type]
    text = json.dumps(payload)
    assert "Codertocat/Hello-World" not in text and "https://api.github.com" not in text
    assert payload["pull_request"]["url"] == "http://127.0.0.1:8123/repos/acme/churn-model/pulls/42"
    assert payload["pull_request"]["html_url"] == "https://github.com/acme/churn-model/pull/42"
    assert payload["pull_request"]["comments_url"].endswith("/repos/acme/churn-model/issues/42/comments")
    pr = payload["pull_request"]
    assert (payload["action"], payload["number"], pr["draft"], pr["user"]["login"]) == ("synchronize", 42, False,
                                                                                         "ana")
    assert (pr["head"]["label"], pr["base"]["label"]) == ("acme:retrain", "acme:main")
    assert (payload["repository"]["name"], payload["repository"]["owner"]["login"]) == ("churn-model", "acme")


def test_the_template_is_read_afresh_each_time() -> None:
    first = pull_request_delivery(**PR)  # type: ignore[arg-type]
    first["pull_request"]["head"]["sha"] = "mutated"
    assert pull_request_delivery(**PR)["pull_request"]["head"]["sha"] == "b" * 40  # type: ignore[arg-type]


def test_a_comment_delivery_on_the_pr_is_a_command_from_its_author() -> None:
    payload = comment_delivery(repo=REPO, number=42, body="/custody waive hygiene.secret rotated", author="lead",
                               installation_id=5, api_url=API, comment_id=77)
    routed = route("issue_comment", payload, "c-1")
    assert routed.job is not None
    assert (routed.job.trigger, routed.job.number, routed.job.requested_by) == ("command", 42, "lead")
    assert routed.job.command == "/custody waive hygiene.secret rotated"
    assert payload["issue"]["pull_request"]["url"] == f"http://127.0.0.1:8123/repos/{REPO}/pulls/42"
    other = comment_delivery(repo=REPO, number=42, body="/custody waive hygiene.secret rotated", author="lead",
                             installation_id=5, api_url=API, comment_id=78)
    assert route("issue_comment", other, "c-2").dedupe != routed.dedupe  # another comment, another identity


@pytest.mark.parametrize("event", ["pull_request", "issue_comment"])
def test_headers_carry_a_signature_the_webhook_accepts_and_a_fresh_delivery_id(event: str) -> None:
    body = json.dumps(pull_request_delivery(**PR)).encode()  # type: ignore[arg-type]
    headers: dict[str, Any] = signed_headers(body, "s3cret", event)
    assert headers["X-GitHub-Event"] == event and headers["User-Agent"].startswith("GitHub-Hookshot/")
    assert valid_signature(body, "s3cret", headers["X-Hub-Signature-256"])
    assert not valid_signature(body + b" ", "s3cret", headers["X-Hub-Signature-256"])
    assert not valid_signature(body, "other", headers["X-Hub-Signature-256"])
    assert signed_headers(body, "s3cret")["X-GitHub-Delivery"] != headers["X-GitHub-Delivery"]
