from .plot import Plot

__all__ = ["Plot"]
