# Copyright The Lightning team.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
from torchmetrics.functional.classification.recall_fixed_precision import binary_recall_at_fixed_precision

__all__ = [
    "binary_recall_at_fixed_precision",
]
