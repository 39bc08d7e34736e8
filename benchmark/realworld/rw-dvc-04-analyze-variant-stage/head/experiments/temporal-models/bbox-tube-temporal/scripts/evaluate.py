"""Per-sequence predictions, metrics.json and PR/ROC plots for one checkpoint."""

import argparse
import json
from pathlib import Path

from sklearn.metrics import average_precision_score, f1_score, roc_auc_score


def fp_at_recall(labels, scores, target: float) -> int:
    pos = sorted((s for s, y in zip(scores, labels) if y), reverse=True)
    if not pos:
        return 0
    k = max(1, int(round(target * len(pos))))
    thresh = pos[k - 1]
    return sum(1 for s, y in zip(scores, labels) if not y and s >= thresh)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--checkpoint", type=Path, required=True)
    p.add_argument("--output-dir", type=Path, required=True)
    p.add_argument("--params-key", required=False)
    a = p.parse_args()
    from bbox_tube_temporal.predict import predict_split  # noqa: PLC0415

    labels, scores = predict_split(a.checkpoint, a.data_dir)
    metrics = {
        "f1@0.5": f1_score(labels, [s >= 0.5 for s in scores]),
        "pr_auc": average_precision_score(labels, scores),
        "roc_auc": roc_auc_score(labels, scores),
        "fp@recall0.95": fp_at_recall(labels, scores, 0.95),
        "fp@recall0.99": fp_at_recall(labels, scores, 0.99),
    }
    a.output_dir.mkdir(parents=True, exist_ok=True)
    (a.output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
