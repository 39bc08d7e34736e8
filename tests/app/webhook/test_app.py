"""The webhook contract: signatures, junk, routing, redelivery and supersede, on real payloads."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from custody.reviewer.app.queue.durable import process
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.app.webhook.signature import sign, valid_signature
from custody.reviewer.settings import Settings
from fastapi.testclient import TestClient

from tests.helpers import load_json

SECRET = "It's a Secret to Everybody"


class Recorder:
    def __init__(self) -> None:
        self.jobs: list[ReviewJob] = []

    def __call__(self, job: ReviewJob) -> None:
        self.jobs.append(job)


@pytest.fixture()
def queue() -> Recorder:
    return Recorder()


@pytest.fixture()
def client(store: Store, queue: Recorder) -> TestClient:
    settings = Settings(webhook_secret=SECRET, max_body_bytes=64 * 1024, api_token="metrics-token")
    return TestClient(create_app(settings, store, queue))


def deliver(client: TestClient, event: str, payload: Any, *, delivery: str | None = None,
            secret: str = SECRET, raw: bytes | None = None, signature: str | None = None) -> Any:
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery or str(uuid.uuid4()),
               "Content-Type": "application/json"}
    headers["X-Hub-Signature-256"] = signature if signature is not None else sign(body, secret)
    return client.post("/webhook", content=body, headers=headers)


def test_the_published_test_vector() -> None:
    vector = load_json("github", "webhooks", "signature-test-vector.json")
    assert sign(vector["payload"].encode(), vector["secret"]) == vector["x_hub_signature_256"]
    assert valid_signature(vector["payload"].encode(), vector["secret"], vector["x_hub_signature_256"])


@pytest.mark.parametrize("case", ["missing", "wrong secret", "tampered", "malformed header"])
def test_bad_signatures_are_401_and_enqueue_nothing(client: TestClient, queue: Recorder, case: str) -> None:
    payload = load_json("github", "webhooks", "pull_request.opened.json")
    body = json.dumps(payload).encode()
    signature = {"missing": "", "wrong secret": sign(body, "not the secret"),
                 "tampered": sign(body + b" ", SECRET), "malformed header": "sha1=abc"}[case]
    answer = deliver(client, "pull_request", payload, raw=body, signature=signature)
    assert answer.status_code == 401
    assert queue.jobs == []


def test_valid_pull_request_opened_enqueues_ids_only(client: TestClient, queue: Recorder, store: Store) -> None:
    payload = load_json("github", "webhooks", "pull_request.opened.json")
    answer = deliver(client, "pull_request", payload, delivery="d-1")
    assert answer.status_code == 202
    (job,) = queue.jobs
    assert (job.installation_id, job.repo, job.number, job.head_sha, job.delivery_id) == (
        1, "Codertocat/Hello-World", 2, payload["pull_request"]["head"]["sha"], "d-1")
    assert set(json.loads(job.model_dump_json())) >= {"installation_id", "repo", "number", "head_sha"}
    assert "token" not in job.model_dump_json().lower()
    assert store.latest_head("Codertocat/Hello-World", 2) == job.head_sha


def test_redelivery_is_acknowledged_but_not_reviewed_twice(client: TestClient, queue: Recorder) -> None:
    payload = load_json("github", "webhooks", "pull_request.opened.json")
    assert deliver(client, "pull_request", payload, delivery="same").status_code == 202
    again = deliver(client, "pull_request", payload, delivery="same")
    assert again.status_code == 200 and "duplicate" in again.json()["message"]
    assert len(queue.jobs) == 1


def test_junk_is_rejected_cleanly(client: TestClient, queue: Recorder) -> None:
    assert deliver(client, "pull_request", None, raw=b"{not json").status_code == 400
    assert deliver(client, "pull_request", None, raw=b"[1, 2]").status_code == 400
    assert deliver(client, "pull_request", None, raw=b"[" * 60_000).status_code == 400  # nesting, not size
    assert deliver(client, "pull_request", None, raw=b"x" * 70_000).status_code == 413
    body = b"{}"
    no_event = client.post("/webhook", content=body, headers={"X-Hub-Signature-256": sign(body, SECRET)})
    assert no_event.status_code == 400
    assert queue.jobs == []


def test_ping_and_unhandled_events(client: TestClient, queue: Recorder) -> None:
    assert deliver(client, "ping", load_json("github", "webhooks", "ping.json")).status_code == 200
    closed = deliver(client, "pull_request", load_json("github", "webhooks", "pull_request.closed.json"))
    assert closed.status_code == 202 and "ignored" in closed.json()["message"]
    assert deliver(client, "star", {"action": "created"}).status_code == 202
    draft = load_json("github", "webhooks", "pull_request.converted_to_draft.with-installation.json")
    assert "ignored" in deliver(client, "pull_request", draft).json()["message"]
    assert queue.jobs == []


def test_null_body_and_edited_title(client: TestClient, queue: Recorder) -> None:
    assert deliver(client, "pull_request",
                   load_json("github", "webhooks", "pull_request.opened.with-null-body.json")).status_code == 202
    edited = load_json("github", "webhooks", "pull_request.edited.json")
    assert deliver(client, "pull_request", edited).status_code == 202
    assert [j.installation_id for j in queue.jobs] == [1, 63922]


def test_commands_in_pr_comments(client: TestClient, queue: Recorder) -> None:
    payload = load_json("github", "webhooks", "issue_comment.created.on-pull-request.json")
    assert "ignored" in deliver(client, "issue_comment", payload).json()["message"]  # no /custody command
    payload["comment"]["body"] = "/custody waive hygiene.secret rotated already, key is revoked"
    assert deliver(client, "issue_comment", payload).status_code == 202
    (job,) = queue.jobs
    assert job.trigger == "command" and job.head_sha == "" and job.command.startswith("/custody waive")
    on_issue = load_json("github", "webhooks", "issue_comment.created.on-issue.with-installation.json")
    on_issue["comment"]["body"] = "/custody review"
    assert "not a pull request" in deliver(client, "issue_comment", on_issue).json()["message"]
    payload["comment"]["user"]["type"] = "Bot"
    payload["comment"]["body"] = "/custody review"
    assert "bots" in deliver(client, "issue_comment", payload).json()["message"]
    assert len(queue.jobs) == 1


def command_comment(comment_id: int, body: str = "/custody review", number: int | None = None) -> dict[str, Any]:
    payload = load_json("github", "webhooks", "issue_comment.created.on-pull-request.json")
    payload["comment"].update({"id": comment_id, "body": body})
    if number is not None:
        payload["issue"]["number"] = number
    return dict(payload)


def test_a_comment_replayed_under_new_delivery_ids_is_queued_once(client: TestClient, queue: Recorder) -> None:
    # Issue 15, Low 11: the delivery id is not signed; one captured delivery sent five times under
    # five new ids queued five jobs.
    captured = command_comment(4242, "/custody waive hygiene.secret rotated")
    answers = [deliver(client, "issue_comment", captured, delivery=f"replay-{i}") for i in range(5)]
    assert [a.status_code for a in answers] == [202, 200, 200, 200, 200]
    assert len(queue.jobs) == 1
    # A new comment with the same words, or the same comment edited to new words, is new.
    deliver(client, "issue_comment", command_comment(4243, "/custody waive hygiene.secret rotated"))
    deliver(client, "issue_comment", command_comment(4242, "/custody review"))
    assert len(queue.jobs) == 3


def test_commands_are_rate_limited_per_pull_request(client: TestClient, queue: Recorder) -> None:
    # Issue 15, Medium 6: six spam comments delayed another installation's review. At most ten
    # command jobs per PR in ten minutes; the rest are acknowledged and dropped.
    answers = [deliver(client, "issue_comment", command_comment(5000 + i, f"/custody review {i}"))
               for i in range(15)]
    assert len(queue.jobs) == 10
    assert all("too many commands" in a.json()["message"] for a in answers[10:])
    deliver(client, "issue_comment", command_comment(6000, number=99))  # another PR is not held up
    assert len(queue.jobs) == 11 and queue.jobs[-1].number == 99
    pushed = load_json("github", "webhooks", "pull_request.synchronize.json")
    assert deliver(client, "pull_request", pushed).status_code == 202  # nor are the PR's own reviews
    assert len(queue.jobs) == 12


def test_a_push_while_the_review_is_queued_folds_into_it(client: TestClient, queue: Recorder, store: Store) -> None:
    # Issue 15, Medium 6: every push queued its own job, each taking a worker (if only to be
    # dropped as superseded). A push while the PR's review still waits in the queue adds no job:
    # the queued one reviews the newest head (and base) when it runs.
    first = load_json("github", "webhooks", "pull_request.synchronize.json")
    pushes = [json.loads(json.dumps(first)) for _ in range(4)]
    for i, push in enumerate(pushes):
        push["pull_request"]["head"]["sha"] = f"{i + 1:x}" * 40
    answers = [deliver(client, "pull_request", p, delivery=f"push-{i}") for i, p in enumerate(pushes)]
    assert [a.status_code for a in answers] == [202] * 4
    assert [a.json()["message"] for a in answers[1:]] == [
        "folded into the review already queued for this pull request"] * 3
    assert len(queue.jobs) == 1
    assert deliver(client, "pull_request", pushes[2], delivery="push-2").status_code == 200  # a redelivery
    ran: list[str] = []

    def handler(job: ReviewJob, settings: Settings, store: Store) -> None:
        ran.append(job.head_sha)

    assert process(queue.jobs[0], Settings(), store, handler) == "done"
    assert ran == ["4" * 40]
    assert all(store.delivery_finished(f"push-{i}") for i in range(4))


def test_commands_are_never_folded_away(client: TestClient, queue: Recorder) -> None:
    deliver(client, "pull_request", load_json("github", "webhooks", "pull_request.synchronize.json"))
    for i in range(3):  # each command gets its own answer
        deliver(client, "issue_comment", command_comment(7000 + i, "/custody explain hygiene.secret"))
    assert [j.trigger for j in queue.jobs] == ["pull_request", "command", "command", "command"]


def test_a_newer_push_supersedes_a_review_already_started(client: TestClient, queue: Recorder,
                                                          store: Store) -> None:
    first = load_json("github", "webhooks", "pull_request.synchronize.json")
    second = json.loads(json.dumps(first))
    second["pull_request"]["head"]["sha"] = "f" * 40
    deliver(client, "pull_request", first, delivery="push-1")
    store.start_delivery("push-1")  # a worker took it: too late to fold into it
    deliver(client, "pull_request", second, delivery="push-2")
    ran: list[str] = []

    def handler(job: ReviewJob, settings: Settings, store: Store) -> None:
        ran.append(job.head_sha)

    outcomes = [process(job, Settings(), store, handler) for job in queue.jobs]
    assert outcomes == ["superseded", "done"]
    assert ran == ["f" * 40]


def test_commands_are_rate_limited_per_installation(store: Store, queue: Recorder) -> None:
    # Issue 15, Medium 6: the per-PR limit alone let one account's commenters spread their
    # comments over many PRs and fill every worker.
    settings = Settings(webhook_secret=SECRET, commands_per_pr=10, commands_per_installation=12)
    client = TestClient(create_app(settings, store, queue))
    answers = [deliver(client, "issue_comment", command_comment(8000 + i, number=100 + i % 4)) for i in range(20)]
    assert len(queue.jobs) == 12
    assert all("too many commands on this installation" in a.json()["message"] for a in answers[12:])
    other = command_comment(9000, number=100)
    other["installation"]["id"] += 1
    other["repository"]["full_name"] = "someone-else/model"
    deliver(client, "issue_comment", other)  # another installation is not held up
    assert len(queue.jobs) == 13 and queue.jobs[-1].installation_id == other["installation"]["id"]


def test_server_refuses_to_start_without_a_secret(store: Store) -> None:
    with pytest.raises(ValueError, match="CUSTODY_WEBHOOK_SECRET"):
        create_app(Settings(webhook_secret=None), store, Recorder())


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_metrics_count_deliveries_and_read_the_store(client: TestClient, queue: Recorder, store: Store) -> None:
    store.add(7, "2026-11", 1200)  # what workers' model calls charge to the ledger
    store.add(7, "2026-11", 300)
    payload = load_json("github", "webhooks", "pull_request.opened.json")
    deliver(client, "pull_request", payload, delivery="m-1")
    deliver(client, "pull_request", payload, delivery="m-1")
    deliver(client, "pull_request", payload, secret="wrong")
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    text = client.get("/metrics", headers={"Authorization": "Bearer metrics-token"}).text
    assert 'custody_deliveries_total{event="pull_request",outcome="queued"} 1.0' in text
    assert 'custody_deliveries_total{event="pull_request",outcome="duplicate"} 1.0' in text
    assert 'custody_deliveries_total{event="pull_request",outcome="bad_signature"} 1.0' in text
    assert "custody_queue_depth 0.0" in text and "custody_review_latency_seconds_count" in text
    assert 'custody_model_tokens{installation="7",month="2026-11"} 1500.0' in text
