"""Usage: python scripts/data/compute_repository_statistics_git.py <inputs...> <outputs...> (see its stage in dvc.yaml)."""

import sys

from src.data import pipeline

if __name__ == "__main__":
    pipeline.run("compute_repository_statistics_git", sys.argv[1:])
