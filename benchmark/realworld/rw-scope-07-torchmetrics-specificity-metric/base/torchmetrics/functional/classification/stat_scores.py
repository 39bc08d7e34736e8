# Copyright The PyTorch Lightning team.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
from typing import Optional, Tuple

import torch
from torch import Tensor


def _stat_scores_update(
    preds: Tensor, target: Tensor, num_classes: Optional[int] = None, threshold: float = 0.5
) -> Tuple[Tensor, Tensor, Tensor, Tensor]:
    """One-vs-rest tp, fp, tn, fn per class (binary input gives one class)."""
    if preds.is_floating_point():
        preds = (preds >= threshold).long() if preds.ndim == target.ndim else preds.argmax(dim=1)
    if num_classes is None:
        num_classes = int(max(preds.max(), target.max()) + 1) if preds.ndim == 1 else preds.shape[1]
    classes = torch.arange(num_classes)
    p = preds.unsqueeze(-1) == classes
    t = target.unsqueeze(-1) == classes
    tp = (p & t).sum(0)
    fp = (p & ~t).sum(0)
    tn = (~p & ~t).sum(0)
    fn = (~p & t).sum(0)
    return tp, fp, tn, fn


def _reduce_stat_scores(numerator: Tensor, denominator: Tensor, average: str) -> Tensor:
    """micro: ratio of sums; macro: mean of per-class ratios; none: per-class ratios."""
    if average == "micro":
        return numerator.sum().float() / denominator.sum()
    scores = numerator.float() / denominator
    scores[denominator == 0] = 0.0
    if average == "macro":
        return scores.mean()
    if average in ("none", None):
        return scores
    raise ValueError(f"The `average` has to be one of ['micro', 'macro', 'none'], got {average}.")
