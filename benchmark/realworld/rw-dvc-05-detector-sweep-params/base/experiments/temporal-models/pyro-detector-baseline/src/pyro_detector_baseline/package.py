"""Zip the ONNX weights with the predictor parameters from params.yaml."""

import json
import zipfile
from pathlib import Path


def build(model_dir: Path, predict_params: dict, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w") as zf:
        for f in sorted(model_dir.rglob("*")):
            if f.is_file():
                zf.write(f, f"model/{f.relative_to(model_dir)}")
        zf.writestr("config.json", json.dumps({"predict": predict_params}, indent=2))
