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


def _binary_clf_curve(preds: Tensor, target: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    """Cumulative false/true positive counts at each distinct score, highest score first."""
    order = torch.argsort(preds, descending=True)
    preds, target = preds[order], target[order]
    distinct = torch.where(preds[1:] - preds[:-1])[0]
    idx = torch.cat([distinct, torch.tensor([target.numel() - 1], device=preds.device)])
    tps = torch.cumsum(target, dim=0)[idx].float()
    fps = 1 + idx.float() - tps
    return fps, tps, preds[idx]


def _binary_roc_compute(preds: Tensor, target: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    """Returns (fpr, tpr, thresholds) with a leading (0, 0) point, like sklearn's roc_curve."""
    fps, tps, thresholds = _binary_clf_curve(preds, target)
    fps = torch.cat([torch.zeros(1, device=fps.device), fps])
    tps = torch.cat([torch.zeros(1, device=tps.device), tps])
    thresholds = torch.cat([torch.ones(1, device=thresholds.device), thresholds])
    fpr = fps / fps[-1] if fps[-1] > 0 else torch.zeros_like(fps)
    tpr = tps / tps[-1] if tps[-1] > 0 else torch.zeros_like(tps)
    return fpr, tpr, thresholds
