"""Download the YOLO companion weights from the Hugging Face Hub (skip if present)."""

import argparse
from pathlib import Path

from huggingface_hub import hf_hub_download


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model-repo", required=True)
    p.add_argument("--model-filename", required=True)
    p.add_argument("--output-model-dir", required=True, type=Path)
    a = p.parse_args()
    if (a.output_model_dir / a.model_filename).exists():
        return
    hf_hub_download(repo_id=a.model_repo, filename=a.model_filename, local_dir=a.output_model_dir)


if __name__ == "__main__":
    main()
