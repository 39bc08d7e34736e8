"""Build / read the single-zip model package (weights + YOLO + config)."""

import json
import zipfile
from pathlib import Path


def build_package(output: Path, checkpoint: Path, yolo_weights: Path, config: dict) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w") as zf:
        zf.write(checkpoint, "classifier.pt")
        zf.write(yolo_weights, "yolo.pt")
        zf.writestr("config.json", json.dumps(config, indent=2))


def read_config(package: Path) -> dict:
    with zipfile.ZipFile(package) as zf:
        return json.loads(zf.read("config.json"))
