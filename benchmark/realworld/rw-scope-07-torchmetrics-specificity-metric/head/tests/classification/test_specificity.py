import numpy as np
import pytest
import torch
from sklearn.metrics import multilabel_confusion_matrix

from torchmetrics import Specificity
from torchmetrics.functional import specificity

NUM_CLASSES = 5


def _sk_specificity(preds: np.ndarray, target: np.ndarray, average: str) -> np.ndarray:
    # sklearn's per-class confusion matrices are [[tn, fp], [fn, tp]]
    mcm = multilabel_confusion_matrix(target, preds, labels=list(range(NUM_CLASSES)))
    tn, fp = mcm[:, 0, 0], mcm[:, 0, 1]
    if average == "micro":
        return tn.sum() / (tn.sum() + fp.sum())
    per_class = tn / (tn + fp)
    return per_class.mean() if average == "macro" else per_class


@pytest.mark.parametrize("average", ["micro", "macro", "none"])
def test_functional_specificity_matches_confusion_matrix(average):
    torch.manual_seed(42)
    preds = torch.randint(0, NUM_CLASSES, (300,))
    target = torch.randint(0, NUM_CLASSES, (300,))
    result = specificity(preds, target, average=average, num_classes=NUM_CLASSES)
    expected = _sk_specificity(preds.numpy(), target.numpy(), average)
    assert np.allclose(result.numpy(), expected)


@pytest.mark.parametrize("average", ["micro", "macro"])
def test_module_accumulates_over_batches(average):
    torch.manual_seed(7)
    preds = torch.randint(0, NUM_CLASSES, (10, 32))
    target = torch.randint(0, NUM_CLASSES, (10, 32))
    metric = Specificity(num_classes=NUM_CLASSES, average=average)
    for p, t in zip(preds, target):
        metric.update(p, t)
    expected = _sk_specificity(preds.flatten().numpy(), target.flatten().numpy(), average)
    assert np.allclose(metric.compute().numpy(), expected)


def test_binary_probabilities_are_thresholded():
    preds = torch.tensor([0.2, 0.7, 0.9, 0.1])
    target = torch.tensor([0, 0, 1, 1])
    # class 1 as positive: tn = 1 (0.2/0), fp = 1 (0.7/0)
    assert torch.isclose(specificity(preds, target, average="none", num_classes=2)[1], torch.tensor(0.5))


def test_fixed_values_from_docstring():
    preds = torch.tensor([2, 0, 2, 1])
    target = torch.tensor([1, 1, 2, 0])
    assert torch.isclose(specificity(preds, target, average="macro", num_classes=3), torch.tensor(11 / 18))
    assert torch.isclose(specificity(preds, target, average="micro", num_classes=3), torch.tensor(0.625))
