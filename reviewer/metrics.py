"""Metric names and numbers compared the way the scenario contract says."""

from __future__ import annotations

import re

from custody.reviewer.normalize import normalize_name

SPLIT_PREFIXES = ("val", "valid", "validation", "test", "eval", "holdout", "oot")
# A card's prose name may stand for a logged key: both sides reduce to the same canonical name.
ALIASES: dict[str, str] = {
    "auc": "auc", "rocauc": "auc", "auroc": "auc", "roc": "auc", "areaunderroc": "auc",
    "f1": "f1", "f1score": "f1", "macrof1": "macrof1", "f1macro": "macrof1", "microf1": "microf1",
    "f1micro": "microf1", "weightedf1": "weightedf1", "f1weighted": "weightedf1",
    "accuracy": "accuracy", "acc": "accuracy", "top1accuracy": "accuracy",
    "brier": "brier", "brierscore": "brier", "logloss": "logloss", "crossentropy": "logloss",
    "mape": "mape", "rmse": "rmse", "mae": "mae", "r2": "r2", "r²": "r2", "wer": "wer", "cer": "cer",
    "map": "map", "miou": "miou", "ndcg": "ndcg", "prauc": "prauc", "averageprecision": "prauc",
}
PCT_FPR = re.compile(r"(?i)(precision|recall)\s*(?:at|@)\s*([\d.]+)\s*%\s*fpr")
LOWER_IS_BETTER = re.compile(r"(?i)(loss|error|mape|rmse|mae|mse|brier|wer|cer|latency|ms$|_ms|drift|gap)")


def canonical(name: str) -> str:
    """`val_auc`, `AUC` and `roc_auc` all become `auc`; split prefixes are dropped."""
    special = PCT_FPR.search(name)
    if special:
        rate = special.group(2).replace(".", "")
        return f"{special.group(1).lower()}at{rate}pctfpr"
    key = name.lower().strip()
    for prefix in SPLIT_PREFIXES:
        for sep in ("_", "-", " ", "/", "."):
            if key.startswith(prefix + sep):
                key = key[len(prefix) + 1:]
                break
    squashed = normalize_name(key, drop_org=False)
    return ALIASES.get(squashed, squashed)


def matches(claimed: float, recorded: float, decimals: int | None) -> bool:
    """Equal once the recorded value is rounded to the precision the card writes."""
    if decimals is None:
        return abs(claimed - recorded) <= 1e-9 + 1e-6 * abs(recorded)
    if round(recorded, decimals) == round(claimed, decimals):
        return True
    tolerance: float = 0.5 * 10.0**-decimals + 1e-12  # half a unit at the written precision
    return abs(claimed - recorded) <= tolerance


def lower_is_better(name: str) -> bool:
    return bool(LOWER_IS_BETTER.search(name))
