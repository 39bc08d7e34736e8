"""A real MLflow server, populated over REST, read back through the client and the snapshot parser."""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

import httpx
import pytest
from custody.reviewer.app.sources.mlflow import MlflowRegistry
from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from custody.reviewer.settings import RegistryTarget

URI = os.environ.get("MLFLOW_TEST_URI")
pytestmark = [pytest.mark.mlflow,
              pytest.mark.skipif(not URI, reason="MLFLOW_TEST_URI is not set (bash .ci/mlflow.sh starts one)")]
API = "/api/2.0/mlflow"


def call(client: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(f"{API}/{path}", json=body)
    assert answer.status_code == 200, answer.text
    data: dict[str, Any] = answer.json()
    return data


def run_with(client: httpx.Client, experiment: str, auc: float, dataset: str) -> str:
    run_id: str = call(client, "runs/create", {"experiment_id": experiment,
                                               "start_time": int(time.time() * 1000)})["run"]["info"]["run_id"]
    now = int(time.time() * 1000)
    call(client, "runs/log-batch", {"run_id": run_id,
                                    "metrics": [{"key": "val_auc", "value": auc - 0.01, "timestamp": now, "step": 0},
                                                {"key": "val_auc", "value": auc, "timestamp": now, "step": 5}],
                                    "params": [{"key": "seed", "value": "7"}, {"key": "base_model", "value": "gbm"}]})
    call(client, "runs/log-inputs", {"run_id": run_id, "datasets": [{
        "tags": [{"key": "mlflow.data.context", "value": "training"}],
        "dataset": {"name": dataset, "digest": "a27b48f1", "source_type": "s3",
                    "source": '{"uri": "s3://bucket/x"}', "profile": '{"num_rows": 1200}'}}]})
    return run_id


def test_registry_read_back_equals_the_snapshot_parse() -> None:
    name = f"churn-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=URI or "", timeout=20) as client:
        experiment = call(client, "experiments/create", {"name": f"exp-{name}"})["experiment_id"]
        champion_run = run_with(client, experiment, 0.874, "accounts_2026q2")
        challenger_run = run_with(client, experiment, 0.889, "accounts_2026q3")
        call(client, "registered-models/create", {"name": name, "tags": [{"key": "owner", "value": "growth-ml"}]})
        for run_id in (champion_run, challenger_run):
            call(client, "model-versions/create", {"name": name, "source": f"runs:/{run_id}/model", "run_id": run_id})
        call(client, "registered-models/alias", {"name": name, "alias": "champion", "version": "1"})
        call(client, "registered-models/alias", {"name": name, "alias": "challenger", "version": "2"})
        call(client, "model-versions/set-tag", {"name": name, "version": "2", "key": "validation_status",
                                                "value": "approved"})
        raw = {
            "registered_models": [client.get(f"{API}/registered-models/get", params={"name": name}).json()
                                  ["registered_model"]],
            "model_versions": client.get(f"{API}/model-versions/search",
                                         params={"filter": f"name='{name}'"}).json()["model_versions"],
            "runs": [client.get(f"{API}/runs/get", params={"run_id": r}).json()["run"]
                     for r in (champion_run, challenger_run)],
        }
    live = MlflowRegistry(RegistryTarget(URI)).load([name])
    snapshot = parse_mlflow_snapshot(raw, source=URI or "")
    for registry in (live, snapshot):  # the client fetches runs in run-id order
        registry.runs.sort(key=lambda r: r.run_id)
    assert live.model_dump() == snapshot.model_dump()
    model = live.model(name)
    assert model is not None and model.aliases == {"champion": "1", "challenger": "2"}
    assert model.tags["owner"] == "growth-ml"
    challenger = live.version(name, "2")
    assert challenger is not None and "challenger" in challenger.aliases
    assert challenger.tags["validation_status"] == "approved"
    run = live.run(challenger.run_id)
    assert run is not None
    latest = run.metric("val_auc")
    assert latest is not None and (latest.value, latest.step) == (0.889, 5)
    (dataset,) = run.datasets
    assert (dataset.name, dataset.context, dataset.digest, dataset.rows) == ("accounts_2026q3", "training",
                                                                             "a27b48f1", 1200)


def test_an_unknown_model_and_a_dead_server() -> None:
    assert MlflowRegistry(RegistryTarget(URI)).load(["no-such-model"]).versions == []
    from custody.reviewer.gather.review_input import ArtifactUnavailable

    with pytest.raises(ArtifactUnavailable, match="could not be reached"):
        MlflowRegistry(RegistryTarget("http://127.0.0.1:9")).load(["x"])
