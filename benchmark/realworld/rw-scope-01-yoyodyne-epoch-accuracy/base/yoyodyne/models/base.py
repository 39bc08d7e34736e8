"""Base model class, with PL integration."""

from typing import Dict, List

import pytorch_lightning as pl
import torch
from torch import nn

from .. import defaults, evaluators


class BaseEncoderDecoder(pl.LightningModule):
    """Shared training, validation and prediction logic."""

    def __init__(
        self,
        *,
        pad_idx: int,
        start_idx: int,
        end_idx: int,
        target_vocab_size: int,
        learning_rate: float = defaults.LEARNING_RATE,
        dropout: float = defaults.DROPOUT,
        **kwargs,
    ):
        super().__init__()
        self.pad_idx = pad_idx
        self.start_idx = start_idx
        self.end_idx = end_idx
        self.target_vocab_size = target_vocab_size
        self.learning_rate = learning_rate
        self.dropout = dropout
        self.evaluator = evaluators.Evaluator()
        self.loss_func = nn.NLLLoss(ignore_index=self.pad_idx)
        self.save_hyperparameters()

    def training_step(self, batch, batch_idx: int) -> torch.Tensor:
        predictions = self(batch).transpose(1, 2)
        loss = self.loss_func(predictions, batch.target.padded)
        self.log(
            "train_loss",
            loss,
            batch_size=len(batch),
            on_step=False,
            on_epoch=True,
        )
        return loss

    def validation_step(self, batch, batch_idx: int) -> Dict:
        """Runs one validation step (greedy decoding).

        Returns:
            Dict: validation metrics for this batch.
        """
        target_padded = batch.target.padded
        greedy_predictions = self(batch)
        accuracy = self.evaluator.val_accuracy(
            greedy_predictions, target_padded, self.end_idx, self.pad_idx
        )
        # -> B x target_vocab_size x seq_len, truncated to the target length.
        greedy_predictions = greedy_predictions.transpose(1, 2)
        greedy_predictions = torch.narrow(
            greedy_predictions, 2, 0, target_padded.size(1)
        )
        loss = self.loss_func(greedy_predictions, target_padded)
        return {"val_accuracy": accuracy, "val_loss": loss}

    def validation_epoch_end(self, validation_step_outputs: List[Dict]) -> Dict:
        """Averages the metrics of all validation steps.

        Args:
            validation_step_outputs (List[Dict]).

        Returns:
            Dict: averaged metrics.
        """
        keys = validation_step_outputs[0].keys()
        outputs = validation_step_outputs
        metrics = {
            key: sum(out[key] for out in outputs) / len(outputs)
            for key in keys
        }
        for metric, value in metrics.items():
            self.log(metric, value, prog_bar=True)
        return metrics

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.learning_rate)
