# Copyright The PyTorch Lightning team.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
from torch import Tensor

from torchmetrics.classification.precision_recall import _StatScoresMetric
from torchmetrics.functional.classification.specificity import _specificity_compute


class Specificity(_StatScoresMetric):
    r"""Specificity, :math:`\text{TN} / (\text{TN} + \text{FP})`, accumulated over batches as raw counts.

    Example:
        >>> from torchmetrics import Specificity
        >>> preds  = torch.tensor([2, 0, 2, 1])
        >>> target = torch.tensor([1, 1, 2, 0])
        >>> specificity = Specificity(average='macro', num_classes=3)
        >>> specificity(preds, target)
        tensor(0.6111)
    """

    is_differentiable = False

    def compute(self) -> Tensor:
        return _specificity_compute(self.fp, self.tn, self.average)
