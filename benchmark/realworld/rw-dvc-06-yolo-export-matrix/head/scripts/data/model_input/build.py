"""
CLI script to turn the raw wildfire dataset into YOLO model input: the full
dataset plus a small random subsample for quick iterations.
"""

import argparse
import logging
import random
import shutil
from pathlib import Path


def make_cli_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--input-dir", type=Path, required=True)
    parser.add_argument("--output-dir", type=Path, required=True)
    parser.add_argument("--random-seed", type=int, default=0)
    parser.add_argument("--sampling-ratio", type=float, default=0.05)
    parser.add_argument("--loglevel", default="info")
    return parser


def copy_split(images: list[Path], src: Path, dst: Path) -> None:
    for img in images:
        label = src / "labels" / img.parent.name / f"{img.stem}.txt"
        for f, sub in ((img, "images"), (label, "labels")):
            if f.exists():
                out = dst / sub / img.parent.name / f.name
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(f, out)


if __name__ == "__main__":
    args = make_cli_parser().parse_args()
    logging.basicConfig(level=args.loglevel.upper())
    random.seed(args.random_seed)
    images = sorted(args.input_dir.glob("images/*/*.jpg"))
    copy_split(images, args.input_dir, args.output_dir / "full" / "datasets")
    k = int(len(images) * args.sampling_ratio)
    copy_split(random.sample(images, k), args.input_dir, args.output_dir / "small" / "datasets")
    for name in ("full", "small"):
        root = args.output_dir / name / "datasets"
        (root / "data.yaml").write_text(
            f"path: {root.absolute()}\ntrain: images/train\nval: images/val\nnames:\n  0: smoke\n"
        )
