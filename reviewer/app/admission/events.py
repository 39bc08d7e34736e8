"""Which MLflow registry deliveries become admission jobs: the routing table of entity and action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from custody.reviewer.app.queue.jobs import Admission, ReviewJob
from custody.reviewer.app.webhook.events import Routed

MAX_NAME = 256  # MLflow's own limit on registered model names and aliases
DELIVERY_PREFIX = "mlflow:"  # MLflow's delivery ids share the deliveries table with GitHub's


def model_key(model: str) -> str:
    """The queue's and the lease's name for a registered model: one admission per model at a time."""
    return f"mlflow:{model}"


def route(entity: str, action: str, payload: dict[str, Any], delivery_id: str) -> Routed:
    handler = HANDLERS.get((entity, action))
    if handler is None:
        return Routed(None, f"{entity}.{action} admits no version; the gate runs when an alias moves")
    data = payload.get("data")
    if not isinstance(data, dict):
        return Routed(None, "the delivery carries no data object")
    stamp = payload.get("timestamp")
    return handler(data, DELIVERY_PREFIX + delivery_id, stamp if isinstance(stamp, str) else None)


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) and value.strip() and len(value) <= MAX_NAME else None


def alias_created(data: dict[str, Any], delivery_id: str, stamp: str | None) -> Routed:
    name, alias, version = _text(data, "name"), _text(data, "alias"), _text(data, "version")
    if name is None or alias is None or version is None or not version.isdigit():
        return Routed(None, "the alias event lacks a model name, alias or version number")
    admission = Admission(event="model_version_alias.created", model=name, version=version, alias=alias,
                          moved_at=stamp[:40] if stamp else None)
    job = ReviewJob(installation_id=0, repo=model_key(name), number=0, head_sha="", delivery_id=delivery_id,
                    trigger="admission", admission=admission)
    return Routed(job, f"admission of {name} v{version} as @{alias} queued")


HANDLERS: dict[tuple[str, str], Callable[[dict[str, Any], str, str | None], Routed]] = {
    ("model_version_alias", "created"): alias_created,
}
