"""Aggregate val metrics of several variants into data/08_reporting/comparison.md."""

import argparse
import json
from pathlib import Path

HEADER = (
    "A variant counts as signal only if it beats the baseline mean by more than "
    "the seed-to-seed spread on FP count at target recall.\n\n"
)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--variant-dir", action="append", type=Path, required=True)
    p.add_argument("--output-path", type=Path, required=True)
    a = p.parse_args()
    rows = ["| variant | F1 @ 0.5 | PR-AUC | ROC-AUC | FP @ recall 0.95 | FP @ recall 0.99 |",
            "|---|---|---|---|---|---|"]
    for d in a.variant_dir:
        m = json.loads((d / "metrics.json").read_text())
        rows.append(
            f"| {d.name} | {m['f1@0.5']:.3f} | {m['pr_auc']:.3f} | {m['roc_auc']:.3f} "
            f"| {m['fp@recall0.95']} | {m['fp@recall0.99']} |"
        )
    a.output_path.write_text(HEADER + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
