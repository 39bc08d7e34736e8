"""Serving configuration loader."""
import yaml


def load(path: str = "config/serving.yaml") -> dict:
    with open(path) as handle:
        return yaml.safe_load(handle)
