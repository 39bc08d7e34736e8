"""Usage: python scripts/data/compute_changes_survival.py <inputs...> <outputs...> (see its stage in dvc.yaml)."""

import sys

from src.data import pipeline

if __name__ == "__main__":
    pipeline.run("compute_changes_survival", sys.argv[1:])
