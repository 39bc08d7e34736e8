"""Read DevGPT sharing JSON files (newest snapshot) into a DataFrame."""

import json
from pathlib import Path

import pandas as pd


def load_sharings(devgpt_dir: Path, kind: str) -> pd.DataFrame:
    """kind: 'commit' | 'pr' | 'issue'."""
    snapshot = sorted(p for p in devgpt_dir.iterdir() if p.is_dir())[-1]
    rows = []
    for f in sorted(snapshot.glob(f"*_{kind}_sharings.json")):
        for source in json.loads(f.read_text())["Sources"]:
            rows.append({"repo_name": source.get("RepoName"), "url": source.get("URL"), **source})
    return pd.DataFrame(rows)
