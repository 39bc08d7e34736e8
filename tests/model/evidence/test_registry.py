"""Registry types: MLflow's own payloads validate, and the look-ups agents use find the right entry."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.registry import Metric, ModelVersion, RegisteredModel, Registry, Run
from pydantic import ValidationError

from tests.helpers import load_json

SERVER = ("ml", "mlflow", "local_server_mlflow_3.17.2")


def test_mlflow_metric_history_validates_and_the_latest_step_wins() -> None:
    history = load_json(*SERVER, "metrics_get-history_val_auc.json")["metrics"]
    run = Run(run_id="r1", metrics=[Metric.model_validate(m) for m in reversed(history)])
    latest = run.metric("val_auc")
    assert latest is not None and (latest.step, latest.value) == (2, 0.912)
    assert run.metric("val_f1") is None


def test_on_the_same_step_the_later_timestamp_wins_and_a_missing_one_counts_as_oldest() -> None:
    run = Run(run_id="r1", metrics=[Metric(key="loss", value=0.3, step=5, timestamp=20),
                                    Metric(key="loss", value=0.2, step=5, timestamp=None),
                                    Metric(key="loss", value=0.1, step=5, timestamp=30)])
    found = run.metric("loss")
    assert found is not None and found.value == 0.1


def test_a_model_version_from_the_server_validates_and_round_trips() -> None:
    payload = load_json(*SERVER, "model-versions_get_v1.json")["model_version"]
    fields = {k: v for k, v in payload.items() if k in ModelVersion.model_fields and k != "tags"}
    version = ModelVersion.model_validate(fields)
    assert (version.name, version.version, version.aliases) == ("fraud-detector", "1", ["champion"])
    assert ModelVersion.model_validate_json(version.model_dump_json()) == version


@pytest.mark.parametrize("bad", [{"key": "auc"}, {"key": "auc", "value": "high"}, {"value": 0.9}])
def test_a_metric_without_a_numeric_value_or_key_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Metric.model_validate(bad)


def registry() -> Registry:
    return Registry(
        source="registry/mlflow.json",
        models=[RegisteredModel(name="fraud-detector", aliases={"champion": "1"})],
        versions=[ModelVersion(name="fraud-detector", version="10", run_id="b"),
                  ModelVersion(name="fraud-detector", version="2", run_id="a"),
                  ModelVersion(name="churn", version="1"),
                  ModelVersion(name="fraud-detector", version="1")],
        runs=[Run(run_id="a"), Run(run_id="b")],
    )


def test_versions_are_ordered_by_number_not_by_text() -> None:
    assert [v.version for v in registry().versions_of("fraud-detector")] == ["1", "2", "10"]
    assert registry().versions_of("unknown") == []


def test_a_version_that_is_not_a_number_does_not_break_the_ordering() -> None:
    reg = Registry(source="registry/mlflow.json",
                   versions=[ModelVersion(name="m", version="v2"), ModelVersion(name="m", version="3"),
                             ModelVersion(name="m", version="")])
    assert [v.version for v in reg.versions_of("m")] == ["", "3", "v2"]


def test_look_ups_find_models_versions_and_runs_by_their_keys() -> None:
    reg = registry()
    assert reg.model("fraud-detector") is not None and reg.model("fraud") is None
    found = reg.version("fraud-detector", "2")
    assert found is not None and found.run_id == "a"
    assert reg.version("churn", "2") is None
    run = reg.run("b")
    assert run is not None and run.run_id == "b"
    assert reg.run(None) is None and reg.run("") is None and reg.run("zzz") is None


def test_a_registry_round_trips_through_json() -> None:
    reg = registry()
    reg.problems.append("model_versions[3] is malformed and was left out")
    assert Registry.model_validate_json(reg.model_dump_json()) == reg
