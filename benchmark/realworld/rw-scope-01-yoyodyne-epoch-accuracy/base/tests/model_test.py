"""Smoke tests for evaluator helpers."""

import torch

from yoyodyne import evaluators


def test_finalize_predictions_pads_after_end():
    predictions = torch.tensor([[5, 6, 2, 7, 8]])
    finalized = evaluators.Evaluator.finalize_predictions(
        predictions, end_idx=2, pad_idx=0
    )
    assert finalized.tolist() == [[5, 6, 2, 0, 0]]
