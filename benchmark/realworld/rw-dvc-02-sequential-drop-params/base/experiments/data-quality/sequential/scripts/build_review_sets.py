"""Write FP/FN CSVs, a summary and a review manifest for one (model, split)."""

import argparse
import csv
import json
from pathlib import Path

from data_quality_sequential.dataset import iter_sequences
from data_quality_sequential.review import build_review_sets


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model-name", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--split-dir", required=True, type=Path)
    p.add_argument("--predictions-path", required=True, type=Path)
    p.add_argument("--output-dir", required=True, type=Path)
    a = p.parse_args()

    refs = list(iter_sequences(a.split_dir, a.split))
    preds = json.loads(a.predictions_path.read_text())
    fp, fn = build_review_sets(refs, preds)
    a.output_dir.mkdir(parents=True, exist_ok=True)
    for rs in (fp, fn):
        with open(a.output_dir / f"{rs.kind}_sequences.csv", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["sequence"])
            w.writerows([s] for s in rs.sequences)
    summary = {"n_sequences": len(refs), "n_fp": len(fp.sequences), "n_fn": len(fn.sequences)}
    (a.output_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    manifest = {
        "model_name": a.model_name,
        "split": a.split,
        "split_dir": str(a.split_dir),
        "fp": fp.sequences,
        "fn": fn.sequences,
    }
    (a.output_dir / "review_manifest.json").write_text(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    main()
