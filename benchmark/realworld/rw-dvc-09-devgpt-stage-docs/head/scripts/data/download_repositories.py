"""Clone every repository referenced by DevGPT sharings; write a status JSON."""

import json
import subprocess
import sys
from pathlib import Path

from src.data.sharings import load_sharings
from src.utils.github import full_name_from_github_url, is_github


def main(devgpt_dir: Path, repos_dir: Path, status_file: Path) -> None:
    urls = set()
    for kind in ("commit", "pr", "issue"):
        df = load_sharings(devgpt_dir, kind)
        urls |= {u for u in df["url"].dropna() if is_github(u)}
    status = {}
    for url in sorted(urls):
        name = full_name_from_github_url(url)
        target = repos_dir / name
        ok = target.exists() or subprocess.run(
            ["git", "clone", "--quiet", f"https://github.com/{name}.git", str(target)]
        ).returncode == 0
        status[name] = {"path": str(target), "cloned": ok}
    status_file.write_text(json.dumps(status, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
