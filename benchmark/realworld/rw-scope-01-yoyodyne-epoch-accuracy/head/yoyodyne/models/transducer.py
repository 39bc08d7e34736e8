"""Transducer model class (expert-guided edit actions)."""

from typing import Dict

import torch

from .base import BaseEncoderDecoder


class TransducerEncoderDecoder(BaseEncoderDecoder):
    """Transducer with an imitation-learning expert."""

    def __init__(self, *, expert, **kwargs):
        super().__init__(**kwargs)
        self.expert = expert

    def decode(self, batch) -> torch.Tensor:
        """Greedily decodes edit actions and converts them to symbols."""
        raise NotImplementedError  # Trimmed: not relevant to this change.

    def validation_step(self, batch, batch_idx: int) -> Dict:
        predictions, loss = self.decode_with_loss(batch)
        predictions = self.evaluator.finalize_predictions(
            predictions, self.end_idx, self.pad_idx
        )
        val_eval_item = self.evaluator.get_eval_item(
            predictions, batch.target.padded, self.pad_idx
        )
        return {"val_eval_item": val_eval_item, "val_loss": loss}

    def decode_with_loss(self, batch):
        raise NotImplementedError  # Trimmed: not relevant to this change.
