import pytest
import torch

from torchmetrics.functional import precision, recall


@pytest.mark.parametrize("average, expected", [("micro", 0.25), ("macro", 1 / 6)])
def test_precision_fixed_values(average, expected):
    preds = torch.tensor([2, 0, 2, 1])
    target = torch.tensor([1, 1, 2, 0])
    assert torch.isclose(precision(preds, target, average=average, num_classes=3), torch.tensor(expected))


def test_recall_micro():
    preds = torch.tensor([2, 0, 2, 1])
    target = torch.tensor([1, 1, 2, 0])
    assert torch.isclose(recall(preds, target, average="micro", num_classes=3), torch.tensor(0.25))
