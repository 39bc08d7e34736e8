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

from torchmetrics.functional.classification.specificity_at_sensitivity import (
    _binary_specificity_at_sensitivity_arg_validation,
    _binary_specificity_at_sensitivity_compute,
)
from torchmetrics.metric import Metric


class BinarySpecificityAtSensitivity(Metric):
    """Highest specificity for a given minimum sensitivity (binary tasks).

    Args:
        min_sensitivity: float value in [0, 1] that the sensitivity must reach.
        validate_args: whether to check the arguments.
    """

    is_differentiable = False
    higher_is_better = None
    full_state_update = False

    def __init__(self, min_sensitivity: float, validate_args: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        if validate_args:
            _binary_specificity_at_sensitivity_arg_validation(min_sensitivity)
        self.min_sensitivity = min_sensitivity
        self.add_state("preds", default=[], dist_reduce_fx="cat")
        self.add_state("target", default=[], dist_reduce_fx="cat")

    def update(self, preds: Tensor, target: Tensor) -> None:
        self.preds.append(preds.flatten())
        self.target.append(target.flatten())

    def compute(self) -> Tuple[Tensor, Tensor]:
        return _binary_specificity_at_sensitivity_compute(
            torch.cat(self.preds), torch.cat(self.target).long(), self.min_sensitivity
        )
