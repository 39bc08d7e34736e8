"""MLflow registry objects (REST shapes of 2.x and 3.x) into the registry evidence: one parser for all."""

from __future__ import annotations

import json
from typing import Any

from custody.reviewer.model.evidence.registry import DatasetInput, Metric, ModelVersion, RegisteredModel, Registry, Run


def _pairs(items: Any) -> dict[str, str]:
    """MLflow's `[{key, value}]` lists as a dict; anything malformed is left out."""
    out: dict[str, str] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("key"), str):
            out[item["key"]] = "" if item.get("value") is None else str(item["value"])
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _json_field(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def parse_registered_model(data: dict[str, Any]) -> RegisteredModel:
    aliases = {}
    for alias in data.get("aliases") or []:
        if isinstance(alias, dict) and alias.get("alias") and alias.get("version") is not None:
            aliases[str(alias["alias"])] = str(alias["version"])
    return RegisteredModel(name=str(data["name"]), description=str(data.get("description") or ""),
                           aliases=aliases, tags=_pairs(data.get("tags")))


def parse_model_version(data: dict[str, Any]) -> ModelVersion:
    return ModelVersion(
        name=str(data["name"]), version=str(data["version"]), run_id=data.get("run_id") or None,
        current_stage=data.get("current_stage") or None,
        aliases=[str(a) for a in data.get("aliases") or [] if isinstance(a, str)], tags=_pairs(data.get("tags")),
        source=data.get("source"), status=data.get("status"), creation_timestamp=data.get("creation_timestamp"),
        description=str(data.get("description") or ""),
    )


def parse_run(data: dict[str, Any]) -> Run:
    info = data.get("info") or {}
    run_id = info.get("run_id") or info.get("run_uuid")
    if not run_id:
        raise ValueError("run without run_id")
    body = data.get("data") or {}
    metrics = []
    for metric in body.get("metrics") or []:
        if isinstance(metric, dict) and isinstance(metric.get("key"), str):
            try:
                value = float(metric["value"])
            except (TypeError, ValueError, KeyError):
                continue  # "NaN" strings and missing values say nothing comparable
            metrics.append(Metric(key=metric["key"], value=value, step=int(metric.get("step") or 0),
                                  timestamp=metric.get("timestamp")))
    datasets = []
    for item in (data.get("inputs") or {}).get("dataset_inputs") or []:
        dataset = item.get("dataset") if isinstance(item, dict) else None
        if not isinstance(dataset, dict) or not dataset.get("name"):
            continue
        profile = _json_field(dataset.get("profile"))
        rows = profile.get("num_rows") if isinstance(profile, dict) else None
        datasets.append(DatasetInput(
            name=str(dataset["name"]), digest=dataset.get("digest"),
            context=_pairs(item.get("tags")).get("mlflow.data.context"), source_type=dataset.get("source_type"),
            source=dataset.get("source"), rows=int(rows) if isinstance(rows, int | float) else None,
            dataset_schema=dataset.get("schema"),
        ))
    return Run(run_id=str(run_id), experiment_id=info.get("experiment_id"), status=info.get("status"),
               start_time=info.get("start_time"), metrics=metrics, params=_pairs(body.get("params")),
               tags=_pairs(body.get("tags")), datasets=datasets)


def parse_mlflow_snapshot(data: Any, source: str) -> Registry:
    """`registry/mlflow.json`, or the same three lists gathered from a live server."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected an object with registered_models, model_versions and runs")
    registry = Registry(source=source)
    for index, item in enumerate(_list(data.get("registered_models"))):
        try:
            registry.models.append(parse_registered_model(item))
        except (KeyError, TypeError, ValueError, AttributeError):
            registry.problems.append(f"registered_models[{index}] is malformed and was left out")
    for index, item in enumerate(_list(data.get("model_versions"))):
        try:
            registry.versions.append(parse_model_version(item))
        except (KeyError, TypeError, ValueError, AttributeError):
            registry.problems.append(f"model_versions[{index}] is malformed and was left out")
    for index, item in enumerate(_list(data.get("runs"))):
        try:
            registry.runs.append(parse_run(item))
        except (KeyError, TypeError, ValueError, AttributeError):
            registry.problems.append(f"runs[{index}] is malformed and was left out")
    # Versions listed only under a registered model's latest_versions still count.
    known = {(v.name, v.version) for v in registry.versions}
    for item in _list(data.get("registered_models")):
        for latest in _list(item.get("latest_versions")) if isinstance(item, dict) else []:
            try:
                version = parse_model_version(latest)
            except (KeyError, TypeError, ValueError):
                continue
            if (version.name, version.version) not in known:
                registry.versions.append(version)
                known.add((version.name, version.version))
    for model in registry.models:  # aliases live on the registered model in MLflow 3
        for alias, number in model.aliases.items():
            holder = registry.version(model.name, number)
            if holder is not None and alias not in holder.aliases:
                holder.aliases.append(alias)
    return registry
