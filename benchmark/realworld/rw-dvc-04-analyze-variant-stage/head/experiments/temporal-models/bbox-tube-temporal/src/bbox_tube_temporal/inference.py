"""Sequence inference: YOLO -> tubes -> patches -> classifier -> max-logit rule."""

from pathlib import Path


def aggregate_max_logit(tube_logits: list[float], threshold: float) -> tuple[bool, float]:
    if not tube_logits:
        return False, float("-inf")
    best = max(tube_logits)
    return best >= threshold, best


def run_sequence(package_path: Path, config: dict, frame_paths: list[Path]):
    from .runtime import score_tubes  # heavy imports (torch, ultralytics) kept lazy

    kept_tubes, logits = score_tubes(package_path, config, frame_paths)
    positive, score = aggregate_max_logit(logits, config["infer"]["classifier_threshold"])
    return {"is_positive": positive, "score": score, "kept_tubes": kept_tubes}
