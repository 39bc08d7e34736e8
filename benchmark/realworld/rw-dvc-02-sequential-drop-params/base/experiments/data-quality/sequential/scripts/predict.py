"""Run one packaged TemporalModel over every sequence of a split."""

import argparse
import json
from pathlib import Path

from data_quality_sequential.dataset import iter_sequences
from data_quality_sequential.registry import load_model


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model-name", required=True)
    p.add_argument("--model-type", required=True)
    p.add_argument("--model-package", required=True, type=Path)
    p.add_argument("--split-dir", required=True, type=Path)
    p.add_argument("--split", required=True)
    p.add_argument("--output-dir", required=True, type=Path)
    args = p.parse_args()

    model = load_model(args.model_type, args.model_package)
    out = {}
    for ref in iter_sequences(args.split_dir, args.split):
        res = model.predict_sequence(ref.frame_paths)
        out[ref.name] = {
            "is_positive": res.is_positive,
            "trigger_frame_index": res.trigger_frame_index,
        }
    args.output_dir.mkdir(parents=True, exist_ok=True)
    (args.output_dir / "predictions.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
