from torchmetrics.classification.precision_recall import Precision, Recall  # noqa: F401
from torchmetrics.classification.specificity import Specificity  # noqa: F401
