"""Download and unpack the ONNX weights tarball from the Hugging Face Hub."""

import argparse
import tarfile
from pathlib import Path

from huggingface_hub import hf_hub_download


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model-repo", required=True)
    p.add_argument("--model-filename", required=True)
    p.add_argument("--output-model-dir", required=True, type=Path)
    a = p.parse_args()
    a.output_model_dir.mkdir(parents=True, exist_ok=True)
    archive = hf_hub_download(repo_id=a.model_repo, filename=a.model_filename)
    with tarfile.open(archive) as tf:
        tf.extractall(a.output_model_dir, filter="data")


if __name__ == "__main__":
    main()
