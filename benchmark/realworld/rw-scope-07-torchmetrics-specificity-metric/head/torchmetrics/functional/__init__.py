from torchmetrics.functional.classification.precision_recall import precision, recall  # noqa: F401
from torchmetrics.functional.classification.specificity import specificity  # noqa: F401
