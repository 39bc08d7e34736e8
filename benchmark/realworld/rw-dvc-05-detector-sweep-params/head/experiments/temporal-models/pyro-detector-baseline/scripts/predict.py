"""Replay cached YOLO detections through the Predictor's temporal logic."""

import argparse
import json
from pathlib import Path

from pyro_detector_baseline.data import is_wf_sequence, list_sequences


def replay(detections: list[list[dict]], conf_thresh: float, nb_frames: int) -> tuple[bool, int | None]:
    """Sliding-window smoothing as in pyro-engine: mean of the max box confidence
    over the last `nb_frames` frames, alert once it exceeds `conf_thresh`."""
    window: list[float] = []
    for idx, boxes in enumerate(detections):
        best = max((b["conf"] for b in boxes if b["conf"] >= conf_thresh), default=0.0)
        window = (window + [best])[-nb_frames:]
        if len(window) == nb_frames and sum(window) / nb_frames > conf_thresh:
            return True, idx
    return False, None


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--infer-dir", type=Path, required=True)
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--output-dir", type=Path, required=True)
    p.add_argument("--conf-thresh", type=float, required=True)
    p.add_argument("--nb-consecutive-frames", type=int, required=True)
    a = p.parse_args()
    out = {}
    for seq in list_sequences(a.data_dir):
        dets = json.loads((a.infer_dir / f"{seq.name}.json").read_text())
        positive, trigger = replay(dets, a.conf_thresh, a.nb_consecutive_frames)
        out[seq.name] = {"gt": is_wf_sequence(seq), "pred": positive, "trigger_frame_index": trigger}
    a.output_dir.mkdir(parents=True, exist_ok=True)
    (a.output_dir / "predictions.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
