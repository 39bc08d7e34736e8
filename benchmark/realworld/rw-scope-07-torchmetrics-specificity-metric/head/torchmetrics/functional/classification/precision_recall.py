# Copyright The PyTorch Lightning team.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
from typing import Optional

from torch import Tensor

from torchmetrics.functional.classification.stat_scores import _reduce_stat_scores, _stat_scores_update


def precision(preds: Tensor, target: Tensor, average: str = "micro", num_classes: Optional[int] = None,
              threshold: float = 0.5) -> Tensor:
    r"""Precision: :math:`\text{TP} / (\text{TP} + \text{FP})`."""
    tp, fp, _, _ = _stat_scores_update(preds, target, num_classes, threshold)
    return _reduce_stat_scores(tp, tp + fp, average)


def recall(preds: Tensor, target: Tensor, average: str = "micro", num_classes: Optional[int] = None,
           threshold: float = 0.5) -> Tensor:
    r"""Recall: :math:`\text{TP} / (\text{TP} + \text{FN})`."""
    tp, _, _, fn = _stat_scores_update(preds, target, num_classes, threshold)
    return _reduce_stat_scores(tp, tp + fn, average)
