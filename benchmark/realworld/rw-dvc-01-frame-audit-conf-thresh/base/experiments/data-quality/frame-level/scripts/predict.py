"""Run YOLO over every image of one split and write predictions.json."""

import argparse
import json
import logging
from pathlib import Path

from data_quality_frame_level.dataset import iter_frames
from data_quality_frame_level.inference import load_model, predict_images

logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
logger = logging.getLogger(__name__)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model-name", required=True)
    p.add_argument("--model-path", required=True, type=Path)
    p.add_argument("--split-dir", required=True, type=Path)
    p.add_argument("--conf-thresh", required=True, type=float)
    p.add_argument("--output-dir", required=True, type=Path)
    p.add_argument("--batch-size", type=int, default=32)
    args = p.parse_args()

    args.output_dir.mkdir(parents=True, exist_ok=True)
    frames = list(iter_frames(args.split_dir))
    logger.info("%s: %d frames in %s", args.model_name, len(frames), args.split_dir)
    model = load_model(args.model_path)

    predictions = {}
    for start in range(0, len(frames), args.batch_size):
        batch = frames[start : start + args.batch_size]
        preds = predict_images(model, [f.image_path for f in batch], conf=args.conf_thresh)
        for frame, boxes in zip(batch, preds):
            predictions[frame.stem] = [
                {"bbox_xyxy_px": b, "conf": c, "class": k} for b, c, k in boxes
            ]
    (args.output_dir / "predictions.json").write_text(json.dumps(predictions))


if __name__ == "__main__":
    main()
