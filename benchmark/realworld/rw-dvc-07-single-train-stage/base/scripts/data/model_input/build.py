"""
CLI script to build a random subsample of a YOLO dataset (images + labels, per
split) for fast training iterations.
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
    parser.add_argument(
        "--sampling-ratio",
        type=float,
        default=0.05,
        help="sampling ratio for the small version of the dataset",
    )
    parser.add_argument("--random-seed", type=int, default=0)
    parser.add_argument("--loglevel", default="info")
    return parser


def sample_split(input_dir: Path, output_dir: Path, split: str, ratio: float) -> int:
    images = sorted((input_dir / "images" / split).glob("*.jpg"))
    chosen = random.sample(images, int(len(images) * ratio))
    for img in chosen:
        label = input_dir / "labels" / split / f"{img.stem}.txt"
        for src, sub in ((img, "images"), (label, "labels")):
            if src.exists():
                dst = output_dir / "datasets" / sub / split / src.name
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, dst)
    return len(chosen)


if __name__ == "__main__":
    args = make_cli_parser().parse_args()
    logging.basicConfig(level=args.loglevel.upper())
    assert 0 <= args.sampling_ratio <= 1.0, "sampling ratio should be between 0 and 1"
    random.seed(args.random_seed)
    shutil.rmtree(args.output_dir, ignore_errors=True)
    logging.info(f"Creating {args.sampling_ratio * 100:.0f}% sample at {args.output_dir}")
    for split in ("train", "val"):
        n = sample_split(args.input_dir, args.output_dir, split, args.sampling_ratio)
        logging.info(f"{split}: {n} images")
    (args.output_dir / "datasets" / "data.yaml").write_text(
        f"path: {(args.output_dir / 'datasets').absolute()}\n"
        "train: images/train\nval: images/val\nnames:\n  0: smoke\n"
    )
