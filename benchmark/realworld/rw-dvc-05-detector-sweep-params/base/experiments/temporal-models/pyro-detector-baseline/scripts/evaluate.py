"""Sequence-level metrics for one split / subset."""

import argparse
import json
from pathlib import Path

from pyro_detector_baseline.evaluator import metrics


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--track-dir", type=Path, required=True)
    p.add_argument("--output-dir", type=Path, required=True)
    p.add_argument("--filter-prefix", default=None)
    a = p.parse_args()
    preds = json.loads((a.track_dir / "predictions.json").read_text())
    recs = [v for k, v in preds.items() if a.filter_prefix is None or k.startswith(a.filter_prefix)]
    a.output_dir.mkdir(parents=True, exist_ok=True)
    (a.output_dir / "metrics.json").write_text(json.dumps({"predictor": metrics(recs)}, indent=2))


if __name__ == "__main__":
    main()
