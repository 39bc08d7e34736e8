"""Base Metric class (trimmed stand-in for the real torchmetrics.metric.Metric)."""
from torch import nn


class Metric(nn.Module):
    def __init__(self, **kwargs) -> None:
        super().__init__()
        self._defaults = {}

    def add_state(self, name, default, dist_reduce_fx=None) -> None:
        setattr(self, name, list(default) if isinstance(default, list) else default)
        self._defaults[name] = default

    def reset(self) -> None:
        for name, default in self._defaults.items():
            setattr(self, name, list(default) if isinstance(default, list) else default)
