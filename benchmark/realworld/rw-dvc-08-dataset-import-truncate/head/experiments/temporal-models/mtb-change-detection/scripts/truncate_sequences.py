"""Truncate sequences to a maximum number of frames.

Copies sequences from an input split directory to an output split directory,
keeping only the first N frames (sorted by filename/timestamp) and preserving
the {wildfire,fp}/<sequence>/{images,labels}/ structure.
"""

import argparse
import shutil
from pathlib import Path


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input-dir", type=Path, required=True, help="e.g. data/01_raw/datasets_full/train")
    parser.add_argument("--output-dir", type=Path, required=True, help="e.g. data/01_raw/datasets/train")
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
    for label in ("wildfire", "fp"):
        for seq in sorted((args.input_dir / label).iterdir()):
            truncate_sequence(seq, args.output_dir / label / seq.name, args.max_frames)


if __name__ == "__main__":
    main()
