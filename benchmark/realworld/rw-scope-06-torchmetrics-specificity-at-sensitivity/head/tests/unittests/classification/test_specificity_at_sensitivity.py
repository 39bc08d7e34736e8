import numpy as np
import pytest
import torch
from sklearn.metrics import roc_curve

from torchmetrics.classification import BinarySpecificityAtSensitivity
from torchmetrics.functional.classification import binary_specificity_at_sensitivity


def _sklearn_specificity_at_sensitivity(preds, target, min_sensitivity):
    fpr, tpr, thresholds = roc_curve(target, preds, drop_intermediate=False)
    spec = 1 - fpr
    keep = tpr >= min_sensitivity
    if not keep.any():
        return 0.0, 1e6
    idx = np.argmax(spec[keep])
    return spec[keep][idx], thresholds[keep][idx]


@pytest.mark.parametrize("min_sensitivity", [0.05, 0.1, 0.3, 0.5, 0.8])
def test_binary_specificity_at_sensitivity_matches_sklearn(min_sensitivity):
    rng = np.random.default_rng(42)
    preds = rng.random(200)
    target = rng.integers(0, 2, 200)
    spec, _ = binary_specificity_at_sensitivity(torch.tensor(preds), torch.tensor(target), min_sensitivity)
    ref_spec, _ = _sklearn_specificity_at_sensitivity(preds, target, min_sensitivity)
    assert np.isclose(spec.item(), ref_spec)


def test_module_accumulates_batches():
    rng = np.random.default_rng(0)
    preds, target = torch.tensor(rng.random(100)), torch.tensor(rng.integers(0, 2, 100))
    metric = BinarySpecificityAtSensitivity(min_sensitivity=0.5)
    for p, t in zip(preds.split(30), target.split(30)):
        metric.update(p, t)
    spec, thr = metric.compute()
    ref_spec, ref_thr = binary_specificity_at_sensitivity(preds, target, min_sensitivity=0.5)
    assert spec == ref_spec and thr == ref_thr


def test_no_threshold_reaches_sensitivity():
    preds = torch.tensor([0.1, 0.2])
    target = torch.tensor([0, 0])
    spec, thr = binary_specificity_at_sensitivity(preds, target, min_sensitivity=0.5)
    assert spec == 0.0 and thr == 1e6
