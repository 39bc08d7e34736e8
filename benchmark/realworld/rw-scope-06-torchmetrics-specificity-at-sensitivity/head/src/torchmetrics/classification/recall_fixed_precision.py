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

from torchmetrics.functional.classification.recall_fixed_precision import binary_recall_at_fixed_precision
from torchmetrics.metric import Metric


class BinaryRecallAtFixedPrecision(Metric):
    """Highest recall for a given minimum precision (binary)."""

    is_differentiable = False
    higher_is_better = None
    full_state_update = False

    def __init__(self, min_precision: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.min_precision = min_precision
        self.add_state("preds", default=[], dist_reduce_fx="cat")
        self.add_state("target", default=[], dist_reduce_fx="cat")

    def update(self, preds: Tensor, target: Tensor) -> None:
        self.preds.append(preds.flatten())
        self.target.append(target.flatten())

    def compute(self) -> Tuple[Tensor, Tensor]:
        return binary_recall_at_fixed_precision(torch.cat(self.preds), torch.cat(self.target), self.min_precision)
