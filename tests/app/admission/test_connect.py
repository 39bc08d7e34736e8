"""`custody mlflow connect` as MLflow's REST API sees it: the calls, in order, and what it notes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from custody.reviewer.app.admission.connect import WEBHOOK_NAME, connect
from custody.reviewer.app.sources.mlflow import MlflowRegistry
from custody.reviewer.app.store import Store
from custody.reviewer.settings import RegistryTarget

URL = "https://custody.example.com/mlflow/webhook"


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'c.db'}")
    s.upgrade()
    yield s
    s.close()


def recording(calls: list[tuple[str, str, Any]], test_status: int = 202) -> MlflowRegistry:
    def answer(request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/2.0/mlflow/")
        body = json.loads(request.content) if request.content else None
        calls.append((request.method, path, body))
        if path == "webhooks" and request.method == "GET":
            return httpx.Response(200, json={"webhooks": [
                {"webhook_id": "old", "name": WEBHOOK_NAME, "url": URL},
                {"webhook_id": "theirs", "name": "slack", "url": "https://hooks.example.com/x"}]})
        if path == "webhooks":
            return httpx.Response(200, json={"webhook": {"webhook_id": "new", "name": WEBHOOK_NAME, "url": URL}})
        if path.endswith("/test"):
            return httpx.Response(200, json={"result": {"success": test_status < 400, "response_status": test_status}})
        if path == "registered-models/get":
            return httpx.Response(200, json={"registered_model": {"name": "fraud", "aliases": [
                {"alias": "champion", "version": "4"}, {"alias": "challenger", "version": "5"}]}})
        return httpx.Response(200, json={})

    return MlflowRegistry(RegistryTarget("http://mlflow.test"),
                          client=httpx.Client(transport=httpx.MockTransport(answer)))


def test_connect_replaces_its_own_webhook_notes_aliases_and_tests(store: Store) -> None:
    calls: list[tuple[str, str, Any]] = []
    done = connect(recording(calls), store, "https://custody.example.com/", "s3cret", ["fraud"])
    assert [(method, path) for method, path, _ in calls] == [
        ("GET", "webhooks"), ("DELETE", "webhooks/old"), ("POST", "webhooks"), ("GET", "registered-models/get"),
        ("POST", "webhooks/new/test")]  # another tool's webhook is left alone
    created = calls[2][2]
    assert created == {"name": WEBHOOK_NAME, "url": URL, "secret": "s3cret", "status": "ACTIVE",
                       "events": [{"entity": "MODEL_VERSION_ALIAS", "action": "CREATED"}]}
    assert calls[4][2] == {"event": {"entity": "MODEL_VERSION_ALIAS", "action": "CREATED"}}
    assert (done.webhook_id, done.url, done.replaced, done.test_ok, done.test_status) == ("new", URL, 1, True, 202)
    champion = store.alias_position("fraud", "champion")
    assert champion is not None and (champion.version, champion.moved_by) == ("4", "registry")


def test_a_failed_test_delivery_is_reported(store: Store) -> None:
    done = connect(recording([], test_status=401), store, "https://custody.example.com", "s3cret")
    assert (done.test_ok, done.test_status, done.seeded) == (False, 401, {})
