"""Evaluation summary from the confusion counts."""


def summary(tp: int, fp: int, tn: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp)
    sensitivity = tp / (tp + fn)
    specificity = tp / (tp + fn)
    return {"precision": precision, "sensitivity": sensitivity, "specificity": specificity}
