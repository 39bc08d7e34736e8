# Copyright The PyTorch Lightning team.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
from typing import Optional

import torch
from torch import Tensor

from torchmetrics.functional.classification.stat_scores import _reduce_stat_scores, _stat_scores_update
from torchmetrics.metric import Metric


class _StatScoresMetric(Metric):
    def __init__(self, num_classes: int, average: str = "micro", threshold: float = 0.5, **kwargs) -> None:
        super().__init__(**kwargs)
        self.num_classes = num_classes
        self.average = average
        self.threshold = threshold
        for name in ("tp", "fp", "tn", "fn"):
            self.add_state(name, default=torch.zeros(num_classes, dtype=torch.long), dist_reduce_fx="sum")

    def update(self, preds: Tensor, target: Tensor) -> None:
        tp, fp, tn, fn = _stat_scores_update(preds, target, self.num_classes, self.threshold)
        self.tp += tp
        self.fp += fp
        self.tn += tn
        self.fn += fn


class Precision(_StatScoresMetric):
    """Precision, accumulated over batches as raw counts."""

    def compute(self) -> Tensor:
        return _reduce_stat_scores(self.tp, self.tp + self.fp, self.average)


class Recall(_StatScoresMetric):
    """Recall, accumulated over batches as raw counts."""

    def compute(self) -> Tensor:
        return _reduce_stat_scores(self.tp, self.tp + self.fn, self.average)
