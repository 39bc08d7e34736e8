"""Logs are JSON lines that carry the delivery id, and no secret survives into them."""

from __future__ import annotations

import io
import json
import logging
import uuid
from pathlib import Path

from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.keys import throwaway_app_key
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.app.webhook.signature import sign
from custody.reviewer.logs import RedactSecrets, configure_logging
from custody.reviewer.settings import Settings
from fastapi.testclient import TestClient

from tests.helpers import load_json

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "churn-retrain"


def test_redaction_of_values_and_shapes() -> None:
    scrub = RedactSecrets(["hunter2-webhook"]).scrub
    text = scrub("secret hunter2-webhook token ghs_" + "a" * 36 + " Authorization: Bearer abcdefghijklmnopqrstuvwx")
    assert "hunter2" not in text and "ghs_" not in text and "abcdefghijklmnop" not in text


def test_a_full_run_logs_json_with_delivery_ids_and_no_secret(tmp_path: Path) -> None:
    key = throwaway_app_key()
    secret = f"webhook-{uuid.uuid4()}"
    world = World.from_scenario(EXAMPLE, installation_id=9)
    stream = io.StringIO()
    with StandIn(world) as standin:
        settings = Settings(webhook_secret=secret, app_id="1", private_key=key, github_api_url=standin.base_url,
                            mlflow_tracking_uri=f"{standin.base_url}/_mlflow", mlflow_single_tenant=True)
        configure_logging([secret, key], stream=stream, level=logging.DEBUG)
        try:
            logging.getLogger("custody.test").info("the key is %s and the secret %s", key, secret)
            store = Store(f"sqlite:///{tmp_path / 'logs.db'}")
            store.upgrade()
            jobs: list[ReviewJob] = []
            client = TestClient(create_app(settings, store, jobs.append))
            payload = load_json("github", "webhooks", "pull_request.opened.json")
            body = json.dumps(payload).encode()
            client.post("/webhook", content=body, headers={"X-GitHub-Event": "pull_request",
                                                           "X-GitHub-Delivery": "log-1",
                                                           "X-Hub-Signature-256": sign(body, secret)})
            head = world.pull_request_info("acme/churn-model", 42)["head_sha"]
            handle_job(ReviewJob(installation_id=9, repo="acme/churn-model", number=42, head_sha=head,
                                 delivery_id="log-2"), settings, store, seconds_between_requests=None,
                       seconds_between_writes=None, retry=None)
            store.close()
        finally:
            logging.getLogger().handlers[:] = []
    text = stream.getvalue()
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert lines and any(line.get("delivery") == "log-1" for line in lines)
    tokens = {w["token"] for w in standin.writes}
    for value in [secret, *key.splitlines()[1:3], *tokens]:
        assert value not in text
