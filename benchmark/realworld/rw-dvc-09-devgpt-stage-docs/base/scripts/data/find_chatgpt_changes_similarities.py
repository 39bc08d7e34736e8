"""Usage: python scripts/data/find_chatgpt_changes_similarities.py <inputs...> <outputs...> (see its stage in dvc.yaml)."""

import sys

from src.data import pipeline

if __name__ == "__main__":
    pipeline.run("find_chatgpt_changes_similarities", sys.argv[1:])
