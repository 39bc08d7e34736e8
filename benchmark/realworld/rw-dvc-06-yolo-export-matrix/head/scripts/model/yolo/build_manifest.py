"""
CLI script to build the manifest.yaml shipped with a trained model (training
args, data md5, git commit).
"""

import argparse
import logging
from pathlib import Path

import yaml

from pyronear_mlops.git.utils import get_git_commit
from pyronear_mlops.utils import md5_dir


def make_cli_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--save-dir", type=Path, required=True)
    parser.add_argument("--dir-model", type=Path, required=True)
    parser.add_argument("--loglevel", default="info")
    return parser


if __name__ == "__main__":
    args = make_cli_parser().parse_args()
    logging.basicConfig(level=args.loglevel.upper())
    train_args = yaml.safe_load((args.dir_model / "args.yaml").read_text())
    manifest = {
        "train": train_args,
        "data": {"md5": md5_dir(Path(train_args["data"]).parent)},
        "git_commit": get_git_commit(),
    }
    args.save_dir.mkdir(parents=True, exist_ok=True)
    (args.save_dir / "manifest.yaml").write_text(yaml.safe_dump(manifest))
