"""Select FP / FN review candidates from ground truth and model predictions."""

from dataclasses import dataclass


@dataclass
class ReviewSet:
    kind: str  # "fp" | "fn"
    sequences: list[str]


def build_review_sets(refs, predictions: dict[str, dict]) -> tuple[ReviewSet, ReviewSet]:
    fp, fn = [], []
    for ref in refs:
        pred = predictions.get(ref.name)
        if pred is None:
            continue
        positive = bool(pred["is_positive"])
        if positive and not ref.ground_truth:
            fp.append(ref.name)
        elif not positive and ref.ground_truth:
            fn.append(ref.name)
    return ReviewSet("fp", fp), ReviewSet("fn", fn)
