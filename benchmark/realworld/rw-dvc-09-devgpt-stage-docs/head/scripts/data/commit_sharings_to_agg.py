"""Usage: python scripts/data/commit_sharings_to_agg.py <inputs...> <outputs...> (see its stage in dvc.yaml)."""

import sys

from src.data import pipeline

if __name__ == "__main__":
    pipeline.run("commit_sharings_to_agg", sys.argv[1:])
