"""Evaluation summary from the confusion counts."""


def summary(tp: int, fp: int, tn: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp)
    return {"precision": precision}
