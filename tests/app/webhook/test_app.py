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


def test_a_number_no_pull_request_can_have_is_answered_with_the_reason(client: TestClient, queue: Recorder) -> None:
    opened = load_json("github", "webhooks", "pull_request.opened.json")
    opened["pull_request"]["number"] = 2**31
    comment = command_comment(7600)
    comment["issue"]["number"] = 2**31
    for event, payload in (("pull_request", opened), ("issue_comment", comment)):
        answer = deliver(client, event, payload)
        assert (answer.status_code, answer.json()["message"]) == (
            202, "ignored: a pull request's number is a whole number from 1 to 2147483647")
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


def test_commands_other_than_review_are_never_folded_away(client: TestClient, queue: Recorder) -> None:
    push = load_json("github", "webhooks", "pull_request.synchronize.json")
    deliver(client, "pull_request", push)
    for i, line in enumerate(["/custody explain hygiene.secret", "/custody waive hygiene.secret rotated",
                              "/custody set model off", "/custody help"]):  # each acts or answers first
        deliver(client, "issue_comment", comment_on(push, 7000 + i, line))
    assert [j.trigger for j in queue.jobs] == ["pull_request", "command", "command", "command", "command"]


def comment_on(push: dict[str, Any], comment_id: int, body: str = "/custody review",
               login: str | None = None) -> dict[str, Any]:
    """The real comment delivery, made on the pull request of `push` (same repository and installation)."""
    payload = command_comment(comment_id, body, number=push["pull_request"]["number"])
    payload["repository"]["full_name"] = push["repository"]["full_name"]
    payload["installation"]["id"] = push["installation"]["id"]
    if login is not None:
        payload["comment"]["user"]["login"] = login
    return payload


def push_to(sha: str, **pull_request: Any) -> dict[str, Any]:
    """The real push delivery, moved to head `sha` (and any other fields of its pull request)."""
    push = load_json("github", "webhooks", "pull_request.synchronize.json")
    push["pull_request"].update({"head": {**push["pull_request"]["head"], "sha": sha}, **pull_request})
    return dict(push)


def stored_job(store: Store, delivery: str) -> ReviewJob:
    queued = store.queued_review("Codertocat/Hello-World", 2)
    assert queued is not None and queued[0] == delivery
    return ReviewJob.model_validate_json(queued[1])


def test_a_review_command_while_the_review_of_the_head_is_queued_folds_into_it(
        client: TestClient, queue: Recorder, store: Store) -> None:
    # A `/custody review` while the push's review still waits queued a second review of the same
    # head. It now joins the queued one: its commenter is answered when that job runs.
    push = load_json("github", "webhooks", "pull_request.synchronize.json")
    deliver(client, "pull_request", push, delivery="push-1")
    answers = [deliver(client, "issue_comment", comment_on(push, 7100, login="dev"), delivery="c-1"),
               deliver(client, "issue_comment", comment_on(push, 7101, login="lead"), delivery="c-2"),
               deliver(client, "issue_comment", comment_on(push, 7102, login="dev"), delivery="c-3")]
    assert [(a.status_code, a.json()["message"]) for a in answers] == [
        (202, "folded into the review already queued for this pull request")] * 3
    assert [j.trigger for j in queue.jobs] == ["pull_request"]
    assert stored_job(store, "push-1").asked_by == ["dev", "lead"]  # each commenter once
    assert deliver(client, "issue_comment", comment_on(push, 7100, login="dev"), delivery="c-9").status_code == 200
    assert all(store.delivery_finished(d) for d in ("c-1", "c-2", "c-3"))
    seen: list[ReviewJob] = []

    def handler(job: ReviewJob, settings: Settings, store: Store) -> None:
        seen.append(job)

    assert process(queue.jobs[0], Settings(), store, handler) == "done"
    assert [(j.head_sha, j.asked_by) for j in seen] == [(push["pull_request"]["head"]["sha"], ["dev", "lead"])]
    # After the review started, a command is the user asking for the work again: it is queued.
    deliver(client, "issue_comment", comment_on(push, 7103, login="dev"), delivery="c-4")
    assert [j.trigger for j in queue.jobs] == ["pull_request", "command"]
    assert queue.jobs[1].requested_by == "dev" and not store.delivery_finished("c-4")


def test_a_review_command_after_the_review_started_is_queued(client: TestClient, queue: Recorder,
                                                             store: Store) -> None:
    push = load_json("github", "webhooks", "pull_request.synchronize.json")
    deliver(client, "pull_request", push, delivery="push-1")
    store.start_delivery("push-1")  # a worker took it: it may have read the PR already
    answer = deliver(client, "issue_comment", comment_on(push, 7200), delivery="c-1")
    assert answer.json()["message"] == "command review queued"
    assert [j.trigger for j in queue.jobs] == ["pull_request", "command"]


def test_a_push_after_a_folded_command_keeps_its_commenter(client: TestClient, queue: Recorder,
                                                           store: Store) -> None:
    push = load_json("github", "webhooks", "pull_request.synchronize.json")
    deliver(client, "pull_request", push, delivery="push-1")
    deliver(client, "issue_comment", comment_on(push, 7300, login="dev"))
    deliver(client, "pull_request", push_to("e" * 40), delivery="push-2")
    job = stored_job(store, "push-1")
    assert (job.head_sha, job.asked_by) == ("e" * 40, ["dev"])
    assert len(queue.jobs) == 1


def test_a_review_command_is_not_folded_into_a_review_of_an_older_head(client: TestClient, queue: Recorder,
                                                                       store: Store) -> None:
    # The PR moved on to a draft head after its review was queued: that job will be dropped as
    # superseded, so the comment (made on the newest head) gets its own job.
    push = load_json("github", "webhooks", "pull_request.synchronize.json")
    deliver(client, "pull_request", push, delivery="push-1")
    assert "ignored" in deliver(client, "pull_request", push_to("d" * 40, draft=True)).json()["message"]
    deliver(client, "issue_comment", comment_on(push, 7400))
    assert [j.trigger for j in queue.jobs] == ["pull_request", "command"]
    assert stored_job(store, "push-1").asked_by == []


def test_folded_review_commands_count_against_the_command_limits(store: Store, queue: Recorder) -> None:
    settings = Settings(webhook_secret=SECRET, commands_per_pr=10, commands_per_installation=3)
    client = TestClient(create_app(settings, store, queue))
    push = load_json("github", "webhooks", "pull_request.synchronize.json")
    deliver(client, "pull_request", push, delivery="push-1")
    answers = [deliver(client, "issue_comment", comment_on(push, 7500 + i, login=f"user{i}")).json()["message"]
               for i in range(5)]
    assert answers == ["folded into the review already queued for this pull request"] * 3 + [
        "ignored: too many commands on this installation; try again later"] * 2
    assert len(queue.jobs) == 1 and stored_job(store, "push-1").asked_by == ["user0", "user1", "user2"]


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
