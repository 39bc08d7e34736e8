from torchmetrics.classification.precision_recall import Precision, Recall  # noqa: F401
