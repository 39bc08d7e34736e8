from .config import ConfigReader
from .imports import import_object
from .labeled_frame import LabeledFrame
from .logging import create_logger
from .results import read_results, restructure_results

__all__ = [
    "ConfigReader",
    "create_logger",
    "LabeledFrame",
    "import_object",
    "read_results",
    "restructure_results",
]
