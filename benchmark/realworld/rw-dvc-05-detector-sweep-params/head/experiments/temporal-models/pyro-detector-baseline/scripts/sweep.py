"""Grid-search conf_thresh x nb_consecutive_frames on cached detections."""

import argparse
import csv
import itertools
import json
from pathlib import Path

from predict import replay
from pyro_detector_baseline.data import is_wf_sequence, list_sequences
from pyro_detector_baseline.evaluator import metrics

CONF_THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
NB_FRAMES = [1, 2, 3, 4, 5, 6, 7, 8]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--infer-dir", type=Path, required=True)
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--output-dir", type=Path, required=True)
    p.add_argument("--filter-prefix", default=None)
    a = p.parse_args()
    seqs = [s for s in list_sequences(a.data_dir) if a.filter_prefix is None or s.name.startswith(a.filter_prefix)]
    cache = {s.name: json.loads((a.infer_dir / f"{s.name}.json").read_text()) for s in seqs}
    rows = []
    for conf, nb in itertools.product(CONF_THRESHOLDS, NB_FRAMES):
        recs = [{"gt": is_wf_sequence(s), "pred": replay(cache[s.name], conf, nb)[0]} for s in seqs]
        rows.append({"conf_thresh": conf, "nb_consecutive_frames": nb, **metrics(recs)})
    rows.sort(key=lambda r: -r["f1"])
    a.output_dir.mkdir(parents=True, exist_ok=True)
    with open(a.output_dir / "sweep.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    (a.output_dir / "best.json").write_text(json.dumps(rows[0], indent=2))


if __name__ == "__main__":
    main()
