"""LightningModule wrapper: BCE loss, AdamW with a separate backbone LR."""

import lightning as L
import torch
from torch import nn


class LitTemporal(L.LightningModule):
    def __init__(self, model, learning_rate: float, backbone_lr: float | None = None):
        super().__init__()
        self.model = model
        self.lr = learning_rate
        self.backbone_lr = backbone_lr
        self.loss = nn.BCEWithLogitsLoss()

    def training_step(self, batch, _):
        x, y = batch
        loss = self.loss(self.model(x), y.float())
        self.log("train/loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val/loss", self.loss(self.model(x), y.float()), prog_bar=True)

    def configure_optimizers(self):
        groups = [{"params": [p for n, p in self.model.named_parameters() if not n.startswith("backbone")], "lr": self.lr}]
        if self.backbone_lr:
            groups.append({"params": [p for p in self.model.backbone.parameters() if p.requires_grad], "lr": self.backbone_lr})
        return torch.optim.AdamW(groups)
