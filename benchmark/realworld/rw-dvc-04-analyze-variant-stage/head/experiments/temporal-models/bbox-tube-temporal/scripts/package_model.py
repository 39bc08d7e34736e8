"""Package one trained variant into data/06_models/<variant>/model.zip."""

import argparse
from pathlib import Path

import yaml

from bbox_tube_temporal.package import build_package


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--variant", required=True)
    p.add_argument("--output", required=True, type=Path)
    p.add_argument("--yolo-weights-path", type=Path, default=Path("data/01_raw/models/best.pt"))
    a = p.parse_args()
    params = yaml.safe_load(Path("params.yaml").read_text())
    config = {
        "variant": a.variant,
        "train": params[f"train_{a.variant}"],
        "tubes": params["tubes"],
        "model_input": params["model_input"],
        "infer": {**params["package"]["infer"], "classifier_threshold": 0.0},
    }
    build_package(a.output, Path(f"data/06_models/{a.variant}/best_checkpoint.pt"), a.yolo_weights_path, config)


if __name__ == "__main__":
    main()
