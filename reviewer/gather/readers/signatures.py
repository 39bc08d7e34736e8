"""MLflow model signatures: `signature.inputs` of an `MLmodel` file, and of the models a run logged
(`mlflow.log-model.history` tag). Column-based (colspec) signatures only; tensor signatures name no columns."""

from __future__ import annotations

import json
from typing import Any

import yaml
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.snapshot import Snapshot, matching, read_text
from custody.reviewer.model.evidence.common import Skipped, file_locator
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.model.evidence.signature import ModelSignature, SignatureColumn

MAX_MLMODEL_BYTES = 512 * 1024
MAX_COLUMNS = 5_000
HISTORY_TAG = "mlflow.log-model.history"


def signature_columns(inputs: Any) -> list[SignatureColumn]:
    """The named columns of a signature's `inputs` (a JSON string, or already a list)."""
    if isinstance(inputs, str):
        try:
            inputs = json.loads(inputs)
        except ValueError:
            return []
    out: list[SignatureColumn] = []
    for spec in inputs if isinstance(inputs, list) else []:
        if isinstance(spec, dict) and spec.get("name") and spec.get("type") != "tensor" and len(out) < MAX_COLUMNS:
            out.append(SignatureColumn(name=str(spec["name"]), type=str(spec["type"]) if spec.get("type") else None,
                                       required=spec.get("required", True) is not False))
    return out


def read_mlmodel(path: str, text: str) -> ModelSignature | None:
    data = load_yaml(text, path)
    signature = data.get("signature") if isinstance(data, dict) else None
    columns = signature_columns(signature.get("inputs")) if isinstance(signature, dict) else []
    if not columns:
        return None
    line = next((n for n, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith("inputs:")), None)
    return ModelSignature(source=path, inputs=columns, locator=file_locator(path, line))


def read_signatures(snapshot: Snapshot) -> tuple[list[ModelSignature], list[Skipped]]:
    found: list[ModelSignature] = []
    problems: list[Skipped] = []
    for path in matching(snapshot.paths(), ["**/MLmodel", "MLmodel"]):
        text = read_text(snapshot, path, MAX_MLMODEL_BYTES)
        if text is None:
            continue
        try:
            signature = read_mlmodel(path, text)
        except YamlLimitError as exc:
            problems.append(Skipped(what=path, why=exc.reason))
            continue
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            problems.append(Skipped(what=path, why=f"MLmodel not readable ({type(exc).__name__})"))
            continue
        if signature is not None:
            found.append(signature)
    return found, problems


def logged_signatures(registry: Registry) -> list[ModelSignature]:
    """Signatures of the models each registered version's run logged (MLflow 2's log-model history tag)."""
    out = []
    runs = {v.run_id for v in registry.versions if v.run_id}
    for run in registry.runs:
        history = run.tags.get(HISTORY_TAG)
        if run.run_id not in runs or not history:
            continue
        try:
            entries = json.loads(history)
        except ValueError:
            continue
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            signature = entry.get("signature") if isinstance(entry, dict) else None
            columns = signature_columns(signature.get("inputs")) if isinstance(signature, dict) else []
            if columns:
                out.append(ModelSignature(source=f"run {run.run_id}", inputs=columns,
                                          locator=f"{registry.source}#/runs/{run.run_id}/tags/{HISTORY_TAG}/{index}"))
    return out
