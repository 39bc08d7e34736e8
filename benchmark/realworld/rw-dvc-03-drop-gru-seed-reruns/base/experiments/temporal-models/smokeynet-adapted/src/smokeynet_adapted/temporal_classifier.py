"""timm backbone applied per frame + GRU head over the tube."""

import timm
import torch
from torch import nn


class TemporalClassifier(nn.Module):
    def __init__(self, backbone: str, hidden_dim: int, finetune: bool, finetune_last_n_blocks: int = 0):
        super().__init__()
        self.backbone = timm.create_model(backbone, pretrained=True, num_classes=0)
        for p in self.backbone.parameters():
            p.requires_grad = False
        if finetune and finetune_last_n_blocks > 0:
            blocks = list(self.backbone.children())[-finetune_last_n_blocks:]
            for block in blocks:
                for p in block.parameters():
                    p.requires_grad = True
        self.gru = nn.GRU(self.backbone.num_features, hidden_dim, batch_first=True)
        self.head = nn.Linear(hidden_dim, 1)

    def forward(self, patches: torch.Tensor) -> torch.Tensor:
        b, t = patches.shape[:2]
        feats = self.backbone(patches.flatten(0, 1)).view(b, t, -1)
        _, h = self.gru(feats)
        return self.head(h[-1]).squeeze(-1)
