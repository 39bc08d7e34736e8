"""Promotion gate for the ranker."""

MIN_NDCG = 0.42


def passes(metrics: dict[str, float]) -> bool:
    return metrics["ndcg"] >= MIN_NDCG
