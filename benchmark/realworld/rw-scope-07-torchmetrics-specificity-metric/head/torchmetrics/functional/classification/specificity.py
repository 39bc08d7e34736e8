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


def _specificity_compute(fp: Tensor, tn: Tensor, average: str) -> Tensor:
    return _reduce_stat_scores(numerator=tn, denominator=tn + fp, average=average)


def specificity(
    preds: Tensor,
    target: Tensor,
    average: str = "micro",
    num_classes: Optional[int] = None,
    threshold: float = 0.5,
) -> Tensor:
    r"""Computes `Specificity <https://en.wikipedia.org/wiki/Sensitivity_and_specificity>`_:

    .. math:: \text{Specificity} = \frac{\text{TN}}{\text{TN} + \text{FP}}

    where TN and FP are the numbers of true negatives and false positives (one-vs-rest per class).

    Args:
        average: ``'micro'`` (sum TN and FP over classes, then divide), ``'macro'`` (mean of the
            per-class scores) or ``'none'`` (per-class scores).

    Example:
        >>> from torchmetrics.functional import specificity
        >>> preds  = torch.tensor([2, 0, 2, 1])
        >>> target = torch.tensor([1, 1, 2, 0])
        >>> specificity(preds, target, average='macro', num_classes=3)
        tensor(0.6111)
        >>> specificity(preds, target, average='micro')
        tensor(0.6250)
    """
    _, fp, tn, _ = _stat_scores_update(preds, target, num_classes, threshold)
    return _specificity_compute(fp, tn, average)
