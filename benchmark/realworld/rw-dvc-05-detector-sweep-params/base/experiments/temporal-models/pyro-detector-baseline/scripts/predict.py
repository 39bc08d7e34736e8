"""Run the production Predictor on every sequence of a split."""

import argparse
import json
from pathlib import Path

from pyro_detector_baseline.data import frame_paths, is_wf_sequence, list_sequences
from pyro_detector_baseline.model import PyroDetectorModel


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--model-dir", type=Path, required=True)
    p.add_argument("--output-dir", type=Path, required=True)
    p.add_argument("--conf-thresh", type=float, required=True)
    p.add_argument("--model-conf-thresh", type=float, required=True)
    p.add_argument("--nb-consecutive-frames", type=int, required=True)
    p.add_argument("--max-bbox-size", type=float, required=True)
    a = p.parse_args()
    model = PyroDetectorModel(a.model_dir, a.conf_thresh, a.model_conf_thresh,
                              a.nb_consecutive_frames, a.max_bbox_size)
    out = {}
    for seq in list_sequences(a.data_dir):
        positive, trigger = model.predict_sequence(frame_paths(seq))
        out[seq.name] = {"gt": is_wf_sequence(seq), "pred": positive, "trigger_frame_index": trigger}
    a.output_dir.mkdir(parents=True, exist_ok=True)
    (a.output_dir / "predictions.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
