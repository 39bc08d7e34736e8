"""Evaluators."""

from __future__ import annotations

import dataclasses

import torch
from torch.nn import functional


class Error(Exception):
    pass


@dataclasses.dataclass
class EvalItem:
    """Raw counts for one batch; summed over an epoch before dividing."""

    num_correct: int
    num_predicted: int

    @property
    def accuracy(self) -> float:
        return self.num_correct / self.num_predicted

    def __add__(self, other: EvalItem) -> EvalItem:
        return EvalItem(
            self.num_correct + other.num_correct,
            self.num_predicted + other.num_predicted,
        )

    def __radd__(self, start: int) -> EvalItem:
        # Lets the builtin sum() start from 0.
        return EvalItem(self.num_correct + start, self.num_predicted + start)


class Evaluator:
    """Evaluates predictions."""

    def evaluate(
        self,
        predictions: torch.Tensor,
        golds: torch.Tensor,
        end_idx: int,
        pad_idx: int,
    ) -> EvalItem:
        """Counts exact-match words for one batch.

        Args:
            predictions (torch.Tensor): B x seq_len x vocab_size.
            golds (torch.Tensor): B x seq_len.
            end_idx (int): end-of-sequence index.
            pad_idx (int): padding index.

        Returns:
            EvalItem: number of exact matches and number of words.
        """
        if predictions.size(0) != golds.size(0):
            raise Error(
                f"Predictions batch size ({predictions.size(0)}) and "
                f"golds batch size ({golds.size(0)}) differ"
            )
        _, predictions = torch.max(predictions, dim=2)
        predictions = self.finalize_predictions(predictions, end_idx, pad_idx)
        return self.get_eval_item(predictions, golds, pad_idx)

    @staticmethod
    def get_eval_item(
        predictions: torch.Tensor,
        golds: torch.Tensor,
        pad_idx: int,
    ) -> EvalItem:
        predictions = Evaluator._match_length(predictions, golds, pad_idx)
        # Words whose every position matches the gold.
        correct = (predictions.to(golds.device) == golds).all(dim=1)
        return EvalItem(
            num_correct=int(correct.sum().item()),
            num_predicted=predictions.size(0),
        )

    @staticmethod
    def _match_length(
        predictions: torch.Tensor, golds: torch.Tensor, pad_idx: int
    ) -> torch.Tensor:
        if predictions.size(1) > golds.size(1):
            return predictions[:, : golds.size(1)]
        if predictions.size(1) < golds.size(1):
            padding = (0, golds.size(1) - predictions.size(1))
            return functional.pad(predictions, padding, "constant", pad_idx)
        return predictions

    @staticmethod
    def finalize_predictions(
        predictions: torch.Tensor,
        end_idx: int,
        pad_idx: int,
    ) -> torch.Tensor:
        """Pads everything after the first end symbol of each prediction.

        Args:
            predictions (torch.Tensor): B x seq_len.
            end_idx (int).
            pad_idx (int).

        Returns:
            torch.Tensor: finalized predictions.
        """
        finalized = predictions.clone()
        for row in finalized:
            ends = (row == end_idx).nonzero()
            if len(ends):
                row[ends[0].item() + 1 :] = pad_idx
        return finalized
