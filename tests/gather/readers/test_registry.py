"""MLflow objects from a real 3.17 server and 2.x exports, through the one shared parser."""

from __future__ import annotations

import contextlib
from typing import Any

from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import load_json

SERVER = ("ml", "mlflow", "local_server_mlflow_3.17.2")


def snapshot() -> dict[str, Any]:
    return {
        "registered_models": [load_json(*SERVER, "registered-models_get.json")["registered_model"]],
        "model_versions": load_json(*SERVER, "model-versions_search.json")["model_versions"],
        "runs": [load_json(*SERVER, name)["run"] for name in (
            "runs_get_champion_run.json", "runs_get_challenger_run.json", "runs_get_v3_with_dataset_inputs.json")],
    }


def test_real_server_objects() -> None:
    registry = parse_mlflow_snapshot(snapshot(), "http://mlflow")
    model = registry.model("fraud-detector")
    assert model is not None and set(model.aliases) >= {"champion", "challenger"}
    champion = registry.version("fraud-detector", model.aliases["champion"])
    assert champion is not None and "champion" in champion.aliases
    run = registry.run(champion.run_id)
    assert run is not None and run.metrics and run.params
    with_inputs = next(r for r in registry.runs if r.datasets)
    (dataset,) = with_inputs.datasets
    assert (dataset.name, dataset.context, dataset.digest, dataset.rows) == (
        "transactions_2025q2", "training", "a27b48f1", 100)
    assert registry.problems == []


def test_malformed_entries_are_left_out_one_by_one() -> None:
    data = snapshot()
    data["runs"].append({"info": {}})
    data["model_versions"].append({"version": "9"})
    registry = parse_mlflow_snapshot(data, "registry/mlflow.json")
    assert len(registry.problems) == 2
    assert len(registry.runs) == 3


def test_metric_history_keeps_the_latest_step() -> None:
    run = {"info": {"run_id": "r"}, "data": {"metrics": [
        {"key": "val_auc", "value": 0.7, "step": 1, "timestamp": 1}, {"key": "val_auc", "value": 0.9, "step": 5,
                                                                      "timestamp": 2},
        {"key": "val_auc", "value": "NaN-ish", "step": 9}]}}
    registry = parse_mlflow_snapshot({"runs": [run]}, "s")
    latest = registry.runs[0].metric("val_auc")
    assert latest is not None and latest.value == 0.9


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda children: st.lists(children, max_size=3) | st.dictionaries(
                        st.sampled_from(["registered_models", "model_versions", "runs", "info", "data", "name",
                                         "version", "metrics", "key", "value"]), children, max_size=4),
                    max_leaves=20))
def test_junk_never_crashes(data: Any) -> None:
    with contextlib.suppress(ValueError):
        parse_mlflow_snapshot(data, "x")
