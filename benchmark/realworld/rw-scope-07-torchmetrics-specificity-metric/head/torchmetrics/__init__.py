"""Root package info."""
from torchmetrics.classification import Precision, Recall, Specificity  # noqa: F401
from torchmetrics.metric import Metric  # noqa: F401
