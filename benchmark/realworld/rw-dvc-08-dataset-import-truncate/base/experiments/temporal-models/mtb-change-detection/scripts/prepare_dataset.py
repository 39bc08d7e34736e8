"""Copy and truncate the pyro-dataset sequences for this experiment.

Copies sequences from a local pyro-dataset checkout into data/01_raw/datasets/,
keeping the {wildfire,fp}/<sequence>/ structure and only the earliest
--max-frames frames of each sequence. Run once by hand, then `dvc add`.
"""

import argparse
import shutil
from pathlib import Path


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source-dir", type=Path, required=True, help="sequential_train_val/ in pyro-dataset")
    parser.add_argument("--output-dir", type=Path, required=True, help="e.g. data/01_raw/datasets")
    parser.add_argument("--max-frames", type=int, default=20)
    return parser.parse_args()


def truncate_sequence(seq: Path, out: Path, max_frames: int) -> None:
    images = sorted((seq / "images").glob("*.jpg"))[:max_frames]
    for img in images:
        label = seq / "labels" / f"{img.stem}.txt"
        for src, sub in ((img, "images"), (label, "labels")):
            if src.exists():
                (out / sub).mkdir(parents=True, exist_ok=True)
                shutil.copy(src, out / sub / src.name)


def main() -> None:
    args = parse_args()
    for split in ("train", "val"):
        for label in ("wildfire", "fp"):
            for seq in sorted((args.source_dir / split / label).iterdir()):
                truncate_sequence(seq, args.output_dir / split / label / seq.name, args.max_frames)


if __name__ == "__main__":
    main()
