"""
CLI script to train a YOLOv8 model input for the object detection task of fire
smokes.
"""

import argparse
import logging
from pathlib import Path

import yaml
from ultralytics import YOLO


def make_cli_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--output-dir", type=Path, required=True)
    parser.add_argument("--experiment-name", required=True)
    parser.add_argument("--loglevel", default="info")
    return parser


if __name__ == "__main__":
    args = make_cli_parser().parse_args()
    logging.basicConfig(level=args.loglevel.upper())
    cfg = yaml.safe_load(args.config.read_text())
    model = YOLO(cfg.pop("model_type"))
    model.train(data=str(args.data), project=str(args.output_dir), name=args.experiment_name, exist_ok=True, **cfg)
