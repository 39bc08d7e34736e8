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

from torchmetrics.functional.classification.roc import _binary_roc_compute


def _convert_fpr_to_specificity(fpr: Tensor) -> Tensor:
    """Specificity (true negative rate) is 1 - false positive rate."""
    return 1 - fpr


def _specificity_at_sensitivity(
    specificity: Tensor,
    sensitivity: Tensor,
    thresholds: Tensor,
    min_sensitivity: float,
) -> Tuple[Tensor, Tensor]:
    # thresholds whose sensitivity reaches the requested minimum
    indices = sensitivity >= min_sensitivity
    if not indices.any():
        max_spec = torch.tensor(0.0, device=specificity.device, dtype=specificity.dtype)
        best_threshold = torch.tensor(1e6, device=thresholds.device, dtype=thresholds.dtype)
    else:
        specificity, thresholds = specificity[indices], thresholds[indices]
        idx = torch.argmax(specificity)
        max_spec, best_threshold = specificity[idx], thresholds[idx]
    return max_spec, best_threshold


def _binary_specificity_at_sensitivity_arg_validation(min_sensitivity: float) -> None:
    if not isinstance(min_sensitivity, float) and not (0 <= min_sensitivity <= 1):
        raise ValueError(
            f"Expected argument `min_sensitivity` to be an float in the [0,1] range, but got {min_sensitivity}"
        )


def _binary_specificity_at_sensitivity_compute(
    preds: Tensor, target: Tensor, min_sensitivity: float
) -> Tuple[Tensor, Tensor]:
    fpr, sensitivity, thresholds = _binary_roc_compute(preds, target)
    specificity = _convert_fpr_to_specificity(fpr)
    return _specificity_at_sensitivity(specificity, sensitivity, thresholds, min_sensitivity)


def binary_specificity_at_sensitivity(
    preds: Tensor,
    target: Tensor,
    min_sensitivity: float,
    validate_args: bool = True,
) -> Tuple[Tensor, Tensor]:
    r"""Highest specificity over the thresholds whose sensitivity is at least ``min_sensitivity`` (binary).

    The ROC curve is computed first; specificity is ``1 - fpr`` and sensitivity is ``tpr``.

    Returns:
        (specificity, threshold); (0.0, 1e6) when no threshold reaches ``min_sensitivity``.

    Example:
        >>> from torchmetrics.functional.classification import binary_specificity_at_sensitivity
        >>> preds = torch.tensor([0, 0.5, 0.4, 0.1])
        >>> target = torch.tensor([0, 1, 1, 1])
        >>> binary_specificity_at_sensitivity(preds, target, min_sensitivity=0.5)
        (tensor(1.), tensor(0.4000))
    """
    if validate_args:
        _binary_specificity_at_sensitivity_arg_validation(min_sensitivity)
    return _binary_specificity_at_sensitivity_compute(preds.flatten(), target.flatten().long(), min_sensitivity)
