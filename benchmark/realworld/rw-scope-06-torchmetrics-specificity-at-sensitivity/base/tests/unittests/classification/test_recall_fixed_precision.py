import torch

from torchmetrics.functional.classification import binary_recall_at_fixed_precision


def test_recall_at_fixed_precision_perfect_separation():
    preds = torch.tensor([0.1, 0.2, 0.8, 0.9])
    target = torch.tensor([0, 0, 1, 1])
    recall, threshold = binary_recall_at_fixed_precision(preds, target, min_precision=1.0)
    assert recall == 1.0
    assert threshold == 0.8
