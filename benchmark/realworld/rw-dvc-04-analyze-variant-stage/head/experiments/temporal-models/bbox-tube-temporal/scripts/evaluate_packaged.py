"""Run a packaged model through the TemporalModel protocol on raw sequences."""

import argparse
import json
from pathlib import Path

from bbox_tube_temporal.model import BboxTubeTemporalModel


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model-zip", required=True, type=Path)
    p.add_argument("--sequences-dir", required=True, type=Path)
    p.add_argument("--output-dir", required=True, type=Path)
    p.add_argument("--model-name", required=True)
    a = p.parse_args()
    model = BboxTubeTemporalModel.from_package(a.model_zip)
    records = []
    for label, truth in (("wildfire", True), ("fp", False)):
        for seq in sorted((a.sequences_dir / label).iterdir()):
            res = model.predict(sorted((seq / "images").glob("*.jpg")))
            records.append({"sequence": seq.name, "label": truth, **res})
    tp = sum(r["is_positive"] and r["label"] for r in records)
    fp = sum(r["is_positive"] and not r["label"] for r in records)
    fn = sum((not r["is_positive"]) and r["label"] for r in records)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    metrics = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}
    a.output_dir.mkdir(parents=True, exist_ok=True)
    (a.output_dir / "predictions.json").write_text(json.dumps(records))
    (a.output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
