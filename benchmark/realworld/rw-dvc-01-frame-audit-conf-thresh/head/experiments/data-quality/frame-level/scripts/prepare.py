"""Download one YOLO .pt checkpoint from the Hugging Face Hub (skip if present)."""

import argparse
import shutil
from pathlib import Path

from huggingface_hub import hf_hub_download


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--hf-repo", required=True)
    p.add_argument("--hf-filename", required=True)
    p.add_argument("--output", required=True, type=Path)
    args = p.parse_args()
    if args.output.exists():
        return
    args.output.parent.mkdir(parents=True, exist_ok=True)
    cached = hf_hub_download(repo_id=args.hf_repo, filename=args.hf_filename)
    shutil.copyfile(cached, args.output)


if __name__ == "__main__":
    main()
