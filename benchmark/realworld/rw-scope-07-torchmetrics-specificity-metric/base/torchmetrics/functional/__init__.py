from torchmetrics.functional.classification.precision_recall import precision, recall  # noqa: F401
