"""Base Metric class (trimmed stand-in for torchmetrics.metric.Metric)."""
import torch
from torch import nn


class Metric(nn.Module):
    def __init__(self, dist_sync_on_step: bool = False) -> None:
        super().__init__()
        self._defaults = {}

    def add_state(self, name, default, dist_reduce_fx=None) -> None:
        setattr(self, name, default.clone())
        self._defaults[name] = default

    def reset(self) -> None:
        for name, default in self._defaults.items():
            setattr(self, name, default.clone())

    def forward(self, *args, **kwargs):
        """Update the state with this batch and return the accumulated value."""
        self.update(*args, **kwargs)
        return self.compute()
