"""Bundle the ONNX weights and the `predict` params into data/06_models/model.zip."""

import argparse
from pathlib import Path

import yaml

from pyro_detector_baseline.package import build


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model-dir", type=Path, required=True)
    p.add_argument("--params-path", type=Path, required=True)
    p.add_argument("--output-path", type=Path, required=True)
    a = p.parse_args()
    params = yaml.safe_load(a.params_path.read_text())
    build(a.model_dir, params["predict"], a.output_path)


if __name__ == "__main__":
    main()
