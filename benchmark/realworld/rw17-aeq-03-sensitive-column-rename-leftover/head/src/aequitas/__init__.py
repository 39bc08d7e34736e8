from .version import __version__
from .audit import Audit

__all__ = ["__version__", "Audit"]
