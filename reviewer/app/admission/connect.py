"""`custody mlflow connect`: register Custody's endpoint as an MLflow registry webhook, and test it."""

from __future__ import annotations

from dataclasses import dataclass

from custody.reviewer.app.sources.mlflow import MlflowRegistry
from custody.reviewer.app.store import Store

WEBHOOK_NAME = "custody-admission"
PATH = "/mlflow/webhook"
EVENTS = [("model_version_alias", "created")]


@dataclass(frozen=True)
class Connected:
    webhook_id: str
    url: str
    replaced: int  # earlier Custody webhooks to the same URL, deleted first
    test_status: int | None
    test_ok: bool
    test_error: str
    seeded: dict[str, dict[str, str]]  # model -> alias -> version, noted as each alias's position


def connect(mlflow: MlflowRegistry, store: Store, public_url: str, secret: str,
            models: list[str] | None = None) -> Connected:
    """One webhook per Custody URL: an earlier one is replaced, so running it twice is harmless.
    `models` are read now so that the first move of their production alias has a champion."""
    url = public_url.rstrip("/") + PATH
    stale = [w for w in mlflow.webhooks() if w.get("name") == WEBHOOK_NAME and w.get("url") == url]
    for webhook in stale:
        mlflow.delete_webhook(str(webhook["webhook_id"]))
    created = mlflow.create_webhook(WEBHOOK_NAME, url, EVENTS, secret)
    webhook_id = str(created.get("webhook_id", ""))
    seeded: dict[str, dict[str, str]] = {}
    for model in models or []:
        seeded[model] = mlflow.aliases(model)
        for alias, version in seeded[model].items():
            store.move_alias(model, alias, version, "registry")
    result = mlflow.test_webhook(webhook_id, EVENTS[0])
    status = result.get("response_status")
    return Connected(webhook_id=webhook_id, url=url, replaced=len(stale),
                     test_status=int(status) if isinstance(status, int) else None,
                     test_ok=bool(result.get("success")), test_error=str(result.get("error_message") or ""),
                     seeded=seeded)
