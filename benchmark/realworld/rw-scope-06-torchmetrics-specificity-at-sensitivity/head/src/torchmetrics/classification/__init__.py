# Copyright The Lightning team.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
from torchmetrics.classification.recall_fixed_precision import BinaryRecallAtFixedPrecision
from torchmetrics.classification.specificity_at_sensitivity import BinarySpecificityAtSensitivity

__all__ = [
    "BinaryRecallAtFixedPrecision",
    "BinarySpecificityAtSensitivity",
]
