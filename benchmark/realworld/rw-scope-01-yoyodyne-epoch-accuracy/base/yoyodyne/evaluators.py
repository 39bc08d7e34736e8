"""Evaluators."""

import torch
from torch.nn import functional


class Error(Exception):
    pass


class Evaluator:
    """Evaluates predictions."""

    def val_accuracy(
        self,
        predictions: torch.Tensor,
        golds: torch.Tensor,
        end_idx: int,
        pad_idx: int,
    ) -> float:
        """Computes exact-match word accuracy for one batch.

        Args:
            predictions (torch.Tensor): B x seq_len x vocab_size.
            golds (torch.Tensor): B x seq_len.
            end_idx (int): end-of-sequence index.
            pad_idx (int): padding index.

        Returns:
            float: fraction of words in the batch predicted exactly.
        """
        if predictions.size(0) != golds.size(0):
            raise Error(
                f"Predictions batch size ({predictions.size(0)}) and "
                f"golds batch size ({golds.size(0)}) differ"
            )
        _, predictions = torch.max(predictions, dim=2)
        predictions = self.finalize_predictions(predictions, end_idx, pad_idx)
        return self.accuracy(predictions, golds, pad_idx)

    @staticmethod
    def accuracy(
        predictions: torch.Tensor,
        golds: torch.Tensor,
        pad_idx: int,
    ) -> float:
        predictions = Evaluator._match_length(predictions, golds, pad_idx)
        # Words whose every position matches the gold.
        correct = (predictions.to(golds.device) == golds).all(dim=1)
        return correct.sum().item() / predictions.size(0)

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
