"""Root package info."""
from torchmetrics.classification import Precision, Recall  # noqa: F401
from torchmetrics.metric import Metric  # noqa: F401
