"""Run only the YOLO classifier on every frame and cache detections per sequence."""

import argparse
import json
from pathlib import Path

from PIL import Image
from pyro_predictor.vision import Classifier

from pyro_detector_baseline.data import frame_paths, list_sequences


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--model-dir", type=Path, required=True)
    p.add_argument("--output-dir", type=Path, required=True)
    p.add_argument("--model-conf-thresh", type=float, required=True)
    p.add_argument("--max-bbox-size", type=float, required=True)
    a = p.parse_args()
    clf = Classifier(model_folder=str(a.model_dir), conf=a.model_conf_thresh, max_bbox_size=a.max_bbox_size)
    a.output_dir.mkdir(parents=True, exist_ok=True)
    for seq in list_sequences(a.data_dir):
        per_frame = []
        for f in frame_paths(seq):
            boxes = clf(Image.open(f))
            per_frame.append([{"xyxyn": b[:4].tolist(), "conf": float(b[4])} for b in boxes])
        (a.output_dir / f"{seq.name}.json").write_text(json.dumps(per_frame))


if __name__ == "__main__":
    main()
