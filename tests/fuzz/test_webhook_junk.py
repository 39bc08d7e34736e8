"""Junk at POST /webhook, signed so it gets past the signature: never a 500, never a hang, bounded memory."""

from __future__ import annotations

import asyncio
import copy
import json
import tracemalloc
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.app.webhook.signature import sign
from custody.reviewer.settings import Settings
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import load_json

SECRET = "fuzz-webhook-secret"
# The answers a delivery may get; 500 is never one of them.
ALLOWED = {200, 202, 204, 400, 401, 413, 422}
LIMIT = Settings().max_body_bytes  # 25 MiB, the production default
FIXTURES = {
    "pull_request": ["pull_request.opened.json", "pull_request.synchronize.json", "pull_request.edited.json",
                     "pull_request.closed.json", "pull_request.opened.with-null-body.json",
                     "pull_request.converted_to_draft.with-installation.json"],
    "issue_comment": ["issue_comment.created.on-pull-request.json",
                      "issue_comment.created.on-issue.with-installation.json"],
    "ping": ["ping.json"],
}
# Any header value a server would pass on: Latin-1 text without control characters, up to and past the 64 kept.
HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=80)
EVENTS = st.sampled_from([*FIXTURES, "installation", "push", "check_run"]) | HEADER_TEXT
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5),
    max_leaves=30,
)


class Recorder:
    def __init__(self) -> None:
        self.jobs: list[ReviewJob] = []

    def __call__(self, job: ReviewJob) -> None:
        self.jobs.append(job)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('webhook-junk') / 'w.db'}")
    store.upgrade()
    yield create_app(Settings(webhook_secret=SECRET), store, Recorder())
    store.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    # Server exceptions come back as the 500 a real client would see, so the status assertion catches them.
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def deliver(client: TestClient, event: str, body: bytes) -> int:
    headers: dict[str, str | bytes] = {
        "X-GitHub-Event": event.encode("latin-1"), "X-GitHub-Delivery": str(uuid.uuid4()),
        "X-Hub-Signature-256": sign(body, SECRET), "Content-Type": "application/json"}
    answer = client.post("/webhook", content=body, headers=headers)
    return answer.status_code


def real_payloads() -> list[tuple[str, dict[str, Any]]]:
    out = [(event, load_json("github", "webhooks", name)) for event, names in FIXTURES.items() for name in names]
    # The command path only runs for a `/custody` comment: one real comment, rewritten to be a command.
    command = load_json("github", "webhooks", "issue_comment.created.on-pull-request.json")
    command["comment"]["body"] = "/custody review"
    return [*out, ("issue_comment", command)]


def field_paths(value: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every key path of a payload, containers included, so a whole object can become a wrong type too."""
    if prefix:
        yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from field_paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from field_paths(child, (*prefix, index))


PAYLOADS = real_payloads()
MUTATIONS = [(index, path) for index, (_, payload) in enumerate(PAYLOADS) for path in field_paths(payload)]
# The fields routing reads: drawn from half the time, they are not lost among a thousand URLs.
ROUTED = {("action",), ("pull_request",), ("pull_request", "number"), ("pull_request", "head"),
          ("pull_request", "head", "sha"), ("pull_request", "draft"), ("changes",), ("installation",),
          ("installation", "id"), ("repository",), ("repository", "full_name"), ("issue",), ("issue", "number"),
          ("issue", "pull_request"), ("comment",), ("comment", "body"), ("comment", "user"),
          ("comment", "user", "type"), ("comment", "user", "login"), ("zen",)}
KNOWN = [(index, path) for index, path in MUTATIONS if path in ROUTED]


def test_the_fixtures_are_accepted_as_they_are(client: TestClient) -> None:
    # The baseline the mutations start from: real payloads are answered, and some are queued.
    statuses = [deliver(client, event, json.dumps(payload).encode()) for event, payload in PAYLOADS]
    assert set(statuses) <= ALLOWED and 202 in statuses
    assert len(MUTATIONS) > 500 and {path for _, path in KNOWN} == ROUTED


@given(event=EVENTS, body=st.binary(max_size=4096))
@SETTINGS
def test_arbitrary_bytes(client: TestClient, event: str, body: bytes) -> None:
    assert deliver(client, event, body) in ALLOWED


@given(event=EVENTS, payload=json_values)
@SETTINGS
def test_arbitrary_json(client: TestClient, event: str, payload: Any) -> None:
    assert deliver(client, event, json.dumps(payload).encode()) in ALLOWED


@given(mutation=st.sampled_from(KNOWN) | st.sampled_from(MUTATIONS), value=json_values, data=st.data())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_wrong_types_in_known_fields_of_real_payloads(client: TestClient, mutation: tuple[int, tuple[Any, ...]],
                                                      value: Any, data: st.DataObject) -> None:
    index, path = mutation
    event, original = PAYLOADS[index]
    payload = copy.deepcopy(original)
    holder = payload
    for key in path[:-1]:
        holder = holder[key]
    if data.draw(st.booleans(), label="delete instead"):
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    status = deliver(client, event, json.dumps(payload).encode())
    assert status in ALLOWED, f"{event} with {'/'.join(map(str, path))} = {value!r} answered {status}"


def put(payload: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(payload)
    holder = changed
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    return changed


@pytest.mark.parametrize(("fixture", "path", "value"), [
    ("pull_request.opened.json", ("action",), []),
    ("pull_request.opened.json", ("action",), {"opened": True}),
    ("pull_request.opened.json", ("pull_request", "head"), "main"),
    ("pull_request.opened.json", ("pull_request", "number"), 10**30),
    ("pull_request.edited.json", ("changes",), ["title"]),
    ("pull_request.edited.json", ("changes",), "title"),
    ("command", ("comment", "user"), "octocat"),
    ("command", ("issue", "number"), 2**63),
])
def test_wrong_types_that_were_500s(client: TestClient, fixture: str, path: tuple[str, ...], value: Any) -> None:
    # Regression (events.py): unhashable `action`, a non-object `head`/`changes`/`user`, and a number beyond
    # the store's INTEGER each raised (TypeError, AttributeError, OverflowError) and answered 500.
    if fixture == "command":
        event, payload = PAYLOADS[-1]  # the comment rewritten into a /custody command
    else:
        event, payload = fixture.split(".")[0], load_json("github", "webhooks", fixture)
    assert deliver(client, event, json.dumps(put(payload, path, value)).encode()) in {200, 202}


@pytest.mark.parametrize("body", [
    b"[" * 100_000,
    b'{"a":' * 100_000,
    b'{"action": "opened", "pull_request": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"action":"opened","pull_request":{"head":' + b'{"sha":' * 50_000 + b"1" + b"}" * 50_001 + b"}",
], ids=["open-brackets", "open-objects", "deep-but-valid", "deep-head"])
@pytest.mark.parametrize("event", ["pull_request", "issue_comment", "ping"])
def test_deep_nesting_is_refused_not_a_crash(client: TestClient, body: bytes, event: str) -> None:
    assert deliver(client, event, body) in {400, 202, 200}


@pytest.mark.parametrize("depth", [100, 900, 995, 5_000])
def test_nesting_that_parses_reaches_routing_without_a_crash(client: TestClient, depth: int) -> None:
    # Deep enough for json.loads on some depths, then every known field gets the nested value.
    for event, original in PAYLOADS:
        for key in ("action", "pull_request", "issue", "comment", "repository", "installation", "zen"):
            if key in original:
                raw = json.dumps({**original, key: None}).encode()
                body = raw.replace(f'"{key}": null'.encode(), f'"{key}": {"[" * depth}{"]" * depth}'.encode(), 1)
                assert deliver(client, event, body) in ALLOWED, (event, key, depth)


# -- a body larger than the limit ---------------------------------------------------------------

class Upload:
    """A request body produced chunk by chunk, counting what the app pulled."""

    def __init__(self, total: int, chunk: int = 256 * 1024) -> None:
        self.total = total
        self.chunk = chunk
        self.sent = 0

    async def receive(self) -> dict[str, Any]:
        if self.sent >= self.total:
            return {"type": "http.disconnect"}
        size = min(self.chunk, self.total - self.sent)
        self.sent += size
        # A fresh bytes object each time, as a server hands over: the app keeps what it keeps.
        return {"type": "http.request", "body": b"x" * size, "more_body": self.sent < self.total}


def post_streamed(app: FastAPI, upload: Upload, declare_length: bool) -> int:
    headers = [(b"x-github-event", b"pull_request"), (b"x-github-delivery", b"big-1"),
               (b"x-hub-signature-256", b"sha256=" + b"0" * 64), (b"content-type", b"application/json")]
    if declare_length:
        headers.append((b"content-length", str(upload.total).encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/webhook", "raw_path": b"/webhook", "root_path": "", "query_string": b"", "headers": headers,
             "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    answers: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        answers.append(message)

    async def run() -> None:
        await asyncio.wait_for(app(scope, upload.receive, send), timeout=60)

    asyncio.run(run())
    return int(next(m["status"] for m in answers if m["type"] == "http.response.start"))


def post_measured(app: FastAPI, upload: Upload, declare_length: bool) -> tuple[int, int]:
    """The status and the peak of memory traced while the app took (or refused) the upload."""
    tracemalloc.start()
    try:
        status = post_streamed(app, upload, declare_length=declare_length)
        return status, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_oversized_body_with_its_length_declared_is_413_before_any_of_it_is_read(app: FastAPI) -> None:
    upload = Upload(LIMIT + 5 * 1024 * 1024)
    status, peak = post_measured(app, upload, declare_length=True)
    assert status == 413
    assert upload.sent == 0
    assert peak < 2 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB for a refused body"


@pytest.mark.slow
def test_an_oversized_chunked_body_is_413_and_memory_is_bounded_by_the_limit_not_the_body(app: FastAPI) -> None:
    # Without Content-Length the app must read to find the size: it stops one chunk past the limit.
    # The signature covers the whole body, so holding up to the limit is the price; holding more is a bug.
    upload = Upload(3 * LIMIT)
    status, peak = post_measured(app, upload, declare_length=False)
    assert status == 413
    assert upload.sent <= LIMIT + upload.chunk
    assert peak < LIMIT + 4 * upload.chunk, f"peak {peak / 2**20:.1f} MiB, limit {LIMIT / 2**20:.0f} MiB"


def test_a_body_just_under_the_limit_is_read_and_judged_on_its_signature(app: FastAPI) -> None:
    # The other side of the boundary: under the limit the body is read and refused for its signature, not size.
    upload = Upload(1024 * 1024)
    assert post_streamed(app, upload, declare_length=True) == 401
    assert upload.sent == upload.total

