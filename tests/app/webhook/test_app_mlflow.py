"""`POST /mlflow/webhook`: MLflow's registry deliveries take GitHub's path (signature over the raw
body first, de-duplication, ids-only jobs), on bodies a real MLflow server sent."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from custody.reviewer.app.admission.signature import TOLERANCE_S, sign
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.settings import Settings
from fastapi.testclient import TestClient

from tests.helpers import load_json

SECRET = "mlflow-webhook-secret"
BODIES = {(json.loads(d["body"])["entity"], json.loads(d["body"])["action"]): d["body"].encode()
          for d in load_json("ml", "mlflow", "webhooks", "deliveries.json")["deliveries"]}
ALIAS_CREATED = BODIES[("model_version_alias", "created")]


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'm.db'}")
    s.upgrade()
    yield s
    s.close()


@pytest.fixture()
def jobs() -> list[ReviewJob]:
    return []


def client_for(store: Store, jobs: list[ReviewJob], secret: str | None = SECRET) -> TestClient:
    settings = Settings(webhook_secret="github-secret", mlflow_webhook_secret=secret, max_body_bytes=16 * 1024)
    return TestClient(create_app(settings, store, jobs.append))


@pytest.fixture()
def client(store: Store, jobs: list[ReviewJob]) -> TestClient:
    return client_for(store, jobs)


def deliver(client: TestClient, body: bytes, *, delivery: str | None = None, stamp: int | None = None,
            secret: str = SECRET, signature: str | None = None) -> Any:
    delivery = delivery or str(uuid.uuid4())
    moment = str(stamp if stamp is not None else int(time.time()))
    headers = {"Content-Type": "application/json", "X-MLflow-Delivery-Id": delivery, "X-MLflow-Timestamp": moment,
               "X-MLflow-Signature": signature if signature is not None else sign(body, secret, delivery, moment)}
    return client.post("/mlflow/webhook", content=body, headers=headers)


def test_an_alias_move_is_acknowledged_and_queued_as_ids(client: TestClient, jobs: list[ReviewJob],
                                                         store: Store) -> None:
    answer = deliver(client, ALIAS_CREATED, delivery="d-1")
    assert answer.status_code == 202, answer.text
    assert answer.json()["message"] == "admission of fraud-scoring v1 as @champion queued"
    (job,) = jobs
    assert job.delivery_id == "mlflow:d-1" and job.admission is not None and job.admission.version == "1"
    assert store.recent_jobs("mlflow:fraud-scoring", 0, "mlflow.model_version_alias.created",
                             since=timedelta(minutes=1)) == 1


def test_a_redelivery_is_a_duplicate(client: TestClient, jobs: list[ReviewJob]) -> None:
    first = deliver(client, ALIAS_CREATED, delivery="d-2")
    again = deliver(client, ALIAS_CREATED, delivery="d-2")  # MLflow's retry, or a captured replay
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["message"] == "duplicate delivery: already queued"
    assert len(jobs) == 1


@pytest.mark.parametrize("forge", ["unsigned", "other secret", "body changed", "new delivery id", "stale", "future"])
def test_forged_and_replayed_deliveries_are_refused_before_parsing(client: TestClient, jobs: list[ReviewJob],
                                                                   forge: str) -> None:
    now = int(time.time())
    if forge == "unsigned":
        answer = deliver(client, ALIAS_CREATED, signature="")
    elif forge == "other secret":
        answer = deliver(client, ALIAS_CREATED, secret="guess")
    elif forge == "body changed":
        signature = sign(ALIAS_CREATED, SECRET, "d-3", str(now))
        answer = deliver(client, ALIAS_CREATED.replace(b'"1"', b'"9"'), delivery="d-3", stamp=now,
                         signature=signature)
    elif forge == "new delivery id":  # a captured delivery replayed under an id the store has not seen
        signature = sign(ALIAS_CREATED, SECRET, "d-4", str(now))
        answer = deliver(client, ALIAS_CREATED, delivery="d-5", stamp=now, signature=signature)
    else:
        answer = deliver(client, ALIAS_CREATED, stamp=now + (TOLERANCE_S + 5) * (-1 if forge == "stale" else 1))
    assert answer.status_code == 401
    assert jobs == []


def test_without_a_configured_secret_every_delivery_is_refused(store: Store, jobs: list[ReviewJob]) -> None:
    answer = deliver(client_for(store, jobs, secret=None), ALIAS_CREATED)
    assert answer.status_code == 401 and "CUSTODY_MLFLOW_WEBHOOK_SECRET" in answer.json()["message"]
    assert jobs == []


@pytest.mark.parametrize(("body", "status"), [
    (b"not json", 400), (b"[1, 2]", 400), (b'{"entity": "model_version_alias"}', 400),
    (b'{"entity": 1, "action": "created", "data": {}}', 400), (b"[" * 50_000, 413),
    (b'{"entity": "model_version_alias", "action": "created", "data": "x"}', 202),
    (b'{"entity": "model_version_alias", "action": "created", "data": {"name": "m", "alias": "a"}}', 202),
])
def test_bad_payloads_are_answered_and_never_queued(client: TestClient, jobs: list[ReviewJob], body: bytes,
                                                    status: int) -> None:
    answer = deliver(client, body)
    assert answer.status_code == status, answer.text
    assert jobs == []


@pytest.mark.parametrize("event", [("model_version", "created"), ("model_version_tag", "set"),
                                   ("model_version_alias", "deleted")])
def test_other_registry_events_are_acknowledged_and_ignored(client: TestClient, jobs: list[ReviewJob],
                                                            event: tuple[str, str]) -> None:
    answer = deliver(client, BODIES[event])
    assert answer.status_code == 202 and answer.json()["message"].startswith("ignored:")
    assert jobs == []


def test_github_signatures_do_not_open_the_mlflow_endpoint(client: TestClient, jobs: list[ReviewJob]) -> None:
    answer = deliver(client, ALIAS_CREATED, secret="github-secret")
    assert answer.status_code == 401 and jobs == []
