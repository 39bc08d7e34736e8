"""`custody serve`: the app wired to the store and the queue, the schema upgraded first, the worker around uvicorn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from custody.reviewer.app.queue.durable import JobQueue
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook import server
from custody.reviewer.app.webhook.signature import sign
from custody.reviewer.settings import Settings
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from tests.helpers import load_json

SECRET = "It's a Secret to Everybody"
TOKEN = "server-test-token"


def settings(tmp_path: Path, secret: str | None = SECRET) -> Settings:
    return Settings(webhook_secret=secret, api_token=TOKEN, database_url=f"sqlite:///{tmp_path / 'custody.db'}",
                    queue_url=f"sqlite:///{tmp_path / 'queue.db'}")


def test_the_built_app_queues_deliveries_on_the_durable_queue_and_reports_its_depth(tmp_path: Path) -> None:
    config = settings(tmp_path)
    store = Store(config.database_url)
    store.upgrade()
    queue = JobQueue(config)  # the web side of a split deployment: it only enqueues
    try:
        client = TestClient(server.build_app(config, queue, store))  # type: ignore[arg-type]
        body = json.dumps(load_json("github", "webhooks", "pull_request.opened.json")).encode()
        answer = client.post("/webhook", content=body, headers={
            "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "d-1", "X-Hub-Signature-256": sign(body, SECRET),
            "Content-Type": "application/json"})
        assert answer.status_code == 202
        assert queue.pending() == 1 and queue.queued_deliveries() == {"d-1"}
        metrics = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
        assert "custody_queue_depth 1.0" in metrics
        assert client.get("/api/v1/trends", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    finally:
        store.close()


class Recorded:
    """Stands in for uvicorn and the background worker, noting what happened in which order."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.served: dict[str, Any] = {}


@pytest.fixture()
def recorded(monkeypatch: pytest.MonkeyPatch) -> Recorded:
    seen = Recorded()

    class Worker:
        def __init__(self, queue: JobQueue) -> None:
            seen.calls.append(f"worker for a queue {'with' if queue.handler else 'without'} a handler")

        def start(self) -> None:
            seen.calls.append("worker started")

        def stop(self) -> None:
            seen.calls.append("worker stopped")

    def run(app: Any, **options: Any) -> None:
        seen.calls.append("uvicorn ran")
        seen.served.update(options, app=app)
        raise KeyboardInterrupt  # Ctrl-C: the worker must still be stopped

    monkeypatch.setattr(server, "BackgroundWorker", Worker)
    monkeypatch.setattr(server.uvicorn, "run", run)
    return seen


def test_serving_upgrades_the_store_then_runs_the_worker_around_uvicorn(tmp_path: Path, recorded: Recorded) -> None:
    with pytest.raises(KeyboardInterrupt):
        server.run_server(settings(tmp_path), "127.0.0.1", 8123)
    assert recorded.calls == ["worker for a queue with a handler", "worker started", "uvicorn ran", "worker stopped"]
    assert (recorded.served["host"], recorded.served["port"], recorded.served["access_log"]) == ("127.0.0.1", 8123,
                                                                                                 False)
    store = Store(settings(tmp_path).database_url)
    try:
        assert "deliveries" in inspect(store.engine).get_table_names()  # migrated before the first request
    finally:
        store.close()


def test_serving_without_a_worker_starts_none(tmp_path: Path, recorded: Recorded) -> None:
    with pytest.raises(KeyboardInterrupt):
        server.run_server(settings(tmp_path), "0.0.0.0", 8000, with_worker=False)
    assert recorded.calls == ["uvicorn ran"]


def test_serving_without_a_webhook_secret_refuses_before_touching_anything(tmp_path: Path,
                                                                            recorded: Recorded) -> None:
    with pytest.raises(SystemExit, match="CUSTODY_WEBHOOK_SECRET"):
        server.run_server(settings(tmp_path, secret=None), "127.0.0.1", 8123)
    assert recorded.calls == [] and not (tmp_path / "custody.db").exists()
