"""Create the FiftyOne review dataset for one (model, split) and write a summary."""

import argparse
import json
from pathlib import Path

from data_quality_frame_level.dataset import iter_frames
from data_quality_frame_level.fiftyone_build import build_dataset


def _parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset-name", required=True)
    p.add_argument("--split-dir", required=True, type=Path)
    p.add_argument("--predictions", required=True, type=Path)
    p.add_argument("--iou-thresh", required=True, type=float)
    p.add_argument("--sentinel", required=True, type=Path)
    p.add_argument("--summary", required=True, type=Path)
    return p.parse_args()


def main() -> None:
    args = _parse_args()
    frames = list(iter_frames(args.split_dir))
    predictions = json.loads(args.predictions.read_text())
    _dataset, summary = build_dataset(
        dataset_name=args.dataset_name,
        frames=frames,
        predictions_by_stem=predictions,
        iou_thresh=args.iou_thresh,
    )
    args.sentinel.parent.mkdir(parents=True, exist_ok=True)
    args.sentinel.write_text(json.dumps({"dataset_name": args.dataset_name}))
    args.summary.parent.mkdir(parents=True, exist_ok=True)
    args.summary.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
