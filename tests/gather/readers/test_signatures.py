"""MLflow signatures from MLmodel files and from the log-model history a run carries."""

from __future__ import annotations

import json

from custody.reviewer.gather.readers.signatures import logged_signatures, read_signatures
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence.registry import ModelVersion, Registry, Run

MLMODEL = """artifact_path: model
flavors:
  python_function: {loader_module: mlflow.sklearn}
signature:
  inputs: '[{"type": "double", "name": "amount", "required": true}, {"type": "string", "name": "country"},
    {"type": "long", "name": "age", "required": false}]'
  outputs: '[{"type": "long"}]'
"""


def test_mlmodel_colspec_signature_is_read_and_tensor_ones_are_not() -> None:
    tensor = "signature:\n  inputs: '[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\"}}]'\n"
    snapshot = MemorySnapshot({"models/fraud/MLmodel": MLMODEL.encode(), "models/cnn/MLmodel": tensor.encode(),
                               "models/bad/MLmodel": b"signature: ["})
    signatures, problems = read_signatures(snapshot)
    (signature,) = signatures
    assert signature.locator == "models/fraud/MLmodel#L5"
    assert [(c.name, c.type, c.required) for c in signature.inputs] == [
        ("amount", "double", True), ("country", "string", True), ("age", "long", False)]
    assert [p.what for p in problems] == ["models/bad/MLmodel"]


def test_signatures_of_registered_versions_runs_from_the_log_model_history() -> None:
    history = json.dumps([{"artifact_path": "model", "signature": {"inputs": '[{"type": "double", "name": "x"}]'}}])
    registry = Registry(source="registry/mlflow.json", versions=[ModelVersion(name="m", version="1", run_id="r1")],
                        runs=[Run(run_id="r1", tags={"mlflow.log-model.history": history}),
                              Run(run_id="r2", tags={"mlflow.log-model.history": history})])
    (signature,) = logged_signatures(registry)
    assert signature.source == "run r1" and signature.inputs[0].name == "x"
    assert signature.locator == "registry/mlflow.json#/runs/r1/tags/mlflow.log-model.history/0"
