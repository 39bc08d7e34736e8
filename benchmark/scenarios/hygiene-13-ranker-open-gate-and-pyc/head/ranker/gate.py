"""Promotion gate for the ranker."""
import yaml


def passes(metrics: dict[str, float], params_path: str = "params.yaml") -> bool:
    with open(params_path) as handle:
        gate = yaml.safe_load(handle)["gate"]
    return metrics["ndcg"] >= gate["min_ndcg"]
