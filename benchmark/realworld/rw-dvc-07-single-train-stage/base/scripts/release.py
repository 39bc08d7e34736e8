"""
CLI script to release the pyronear models.
"""

import argparse
import logging
import os
import shutil
from pathlib import Path

import requests

API = "https://api.github.com"


def make_cli_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--version", required=True)
    parser.add_argument("--release-name", required=True)
    parser.add_argument("--github-owner", required=True)
    parser.add_argument("--github-repo", required=True)
    return parser


def create_release(owner: str, repo: str, tag: str, name: str, token: str) -> int:
    r = requests.post(
        f"{API}/repos/{owner}/{repo}/releases",
        json={"tag_name": tag, "name": name},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["id"]


def upload_asset(owner: str, repo: str, release_id: int, filepath_asset: Path, name: str, github_access_token: str):
    url = f"https://uploads.github.com/repos/{owner}/{repo}/releases/{release_id}/assets?name={name}"
    with open(filepath_asset, "rb") as f:
        r = requests.post(
            url,
            data=f,
            headers={"Authorization": f"Bearer {github_access_token}", "Content-Type": "application/octet-stream"},
            timeout=300,
        )
    r.raise_for_status()
    return r


def create_archive(source_folder: Path, archive_name: str) -> Path:
    """Create a tar.gz archive of `source_folder` named `archive_name` in /tmp."""
    archive_path = Path("/tmp") / archive_name
    shutil.make_archive(str(archive_path).replace(".tar.gz", ""), "gztar", source_folder)
    return archive_path


if __name__ == "__main__":
    args = vars(make_cli_parser().parse_args())
    logging.basicConfig(level=logging.INFO)
    GITHUB_ACCESS_TOKEN = os.environ["GITHUB_ACCESS_TOKEN"]
    owner, repo = args["github_owner"], args["github_repo"]
    release_id = create_release(owner, repo, args["version"], args["release_name"], GITHUB_ACCESS_TOKEN)
    model_name = f"yolo11s_{args['release_name'].replace(' ', '-')}_{args['version']}"
    upload_asset(owner, repo, release_id, Path("./data/02_models/yolo/best/weights/best.pt"), f"{model_name}.pt", GITHUB_ACCESS_TOKEN)
    dir_exports = Path("./data/02_models/yolo-export/best/")
    for subdir in sorted(d for d in dir_exports.iterdir() if d.is_dir()):
        logging.info(f"Archiving the {subdir.stem} export")
        archive_name = f"{subdir.stem}_{model_name}.tar.gz"
        filepath_archive = create_archive(source_folder=subdir, archive_name=archive_name)
        upload_asset(owner, repo, release_id, filepath_archive, archive_name, GITHUB_ACCESS_TOKEN)
    upload_asset(owner, repo, release_id, Path("./data/03_reporting/yolo/best/manifest.yaml"), "manifest.yaml", GITHUB_ACCESS_TOKEN)
