from ._version import __version__
from .experiment import Experiment

__all__ = ["__version__", "Experiment"]
