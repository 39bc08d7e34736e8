"""Which MLflow deliveries become admission jobs, on the payloads a real MLflow server sent."""

from __future__ import annotations

import json
from typing import Any

import pytest
from custody.reviewer.app.admission.events import route

from tests.helpers import load_json

CAPTURED = load_json("ml", "mlflow", "webhooks", "deliveries.json")["deliveries"]


def payload(entity: str, action: str) -> dict[str, Any]:
    bodies = [json.loads(d["body"]) for d in CAPTURED]
    found: dict[str, Any] = next(b for b in bodies if (b["entity"], b["action"]) == (entity, action))
    return found


def test_an_alias_created_is_an_admission_job_of_ids_only() -> None:
    routed = route("model_version_alias", "created", payload("model_version_alias", "created"), "abc")
    job = routed.job
    assert job is not None and job.admission is not None
    assert (job.trigger, job.repo, job.number, job.delivery_id, job.installation_id) == \
        ("admission", "mlflow:fraud-scoring", 0, "mlflow:abc", 0)
    assert (job.admission.model, job.admission.alias, job.admission.version) == ("fraud-scoring", "champion", "1")
    assert job.admission.moved_at == "2026-12-06T20:44:44.811564+00:00"
    carried = json.loads(job.model_dump_json())
    assert set(carried) == {"installation_id", "repo", "number", "head_sha", "delivery_id", "base_sha", "trigger",
                            "requested_by", "command", "admission", "asked_by"}
    assert carried["asked_by"] == []  # nobody comments on a registry move


@pytest.mark.parametrize(("entity", "action"), [("model_version", "created"), ("model_version_tag", "set"),
                                                ("model_version_alias", "deleted")])
def test_other_registry_events_admit_nothing(entity: str, action: str) -> None:
    routed = route(entity, action, payload(entity, action), "abc")
    assert routed.job is None and "admits no version" in routed.reason


@pytest.mark.parametrize("data", [None, [], {"name": "m", "alias": "champion"}, {"name": "m", "version": "1"},
                                  {"name": "", "alias": "champion", "version": "1"},
                                  {"name": "m", "alias": "champion", "version": "v1"},
                                  {"name": "m", "alias": "champion", "version": 1},
                                  {"name": "m" * 300, "alias": "champion", "version": "1"}])
def test_bad_alias_payloads_are_ignored(data: Any) -> None:
    routed = route("model_version_alias", "created", {"entity": "model_version_alias", "action": "created",
                                                      "data": data}, "abc")
    assert routed.job is None
