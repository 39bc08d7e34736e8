"""
CLI script to export a trained YOLO model to deployment formats (ONNX, NCNN).
"""

import argparse
import logging
import shutil
from pathlib import Path

from ultralytics import YOLO


def make_cli_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-dir", type=Path, required=True, help="directory of the trained run")
    parser.add_argument("--output-dir", type=Path, required=True)
    parser.add_argument("--format", choices=["onnx", "ncnn"], default="onnx")
    parser.add_argument("--device", choices=["cpu", "mps", "cuda"], default="cpu")
    parser.add_argument("--loglevel", default="info")
    return parser


def validate_parsed_args(args: dict) -> bool:
    weights = args["model_dir"] / "weights" / "best.pt"
    if not weights.exists():
        logging.error(f"missing weights: {weights}")
        return False
    return True


if __name__ == "__main__":
    args = vars(make_cli_parser().parse_args())
    logging.basicConfig(level=args["loglevel"].upper())
    if not validate_parsed_args(args):
        raise SystemExit(1)
    train_args_imgsz = 1024
    model = YOLO(args["model_dir"] / "weights" / "best.pt")
    exported = Path(
        model.export(format=args["format"], device=args["device"], imgsz=train_args_imgsz, half=False)
    )
    target = args["output_dir"] / args["format"] / args["device"]
    target.mkdir(parents=True, exist_ok=True)
    if exported.is_dir():
        shutil.copytree(exported, target, dirs_exist_ok=True)
    else:
        shutil.copy(exported, target / exported.name)
    logging.info(f"exported {args['format']} ({args['device']}) to {target}")
