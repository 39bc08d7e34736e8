# Copyright The Lightning team.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
from typing import Tuple

import torch
from torch import Tensor


def _binary_precision_recall_curve(preds: Tensor, target: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    from torchmetrics.functional.classification.roc import _binary_clf_curve

    fps, tps, thresholds = _binary_clf_curve(preds, target)
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    return precision, recall, thresholds


def binary_recall_at_fixed_precision(preds: Tensor, target: Tensor, min_precision: float) -> Tuple[Tensor, Tensor]:
    """Highest recall over thresholds whose precision is at least ``min_precision``.

    Returns:
        (recall, threshold); (0.0, 1e6) when no threshold reaches ``min_precision``.
    """
    if not isinstance(min_precision, float) or not (0 <= min_precision <= 1):
        raise ValueError(f"Expected argument `min_precision` to be an float in the [0,1] range, but got {min_precision}")
    precision, recall, thresholds = _binary_precision_recall_curve(preds.flatten(), target.flatten().long())
    keep = precision >= min_precision
    if not keep.any():
        return torch.tensor(0.0), torch.tensor(1e6)
    idx = torch.argmax(recall[keep])
    return recall[keep][idx], thresholds[keep][idx]
