from .fairgbm import FairGBM
from .fairlearn_classifier import FairlearnClassifier

__all__ = ["FairGBM", "FairlearnClassifier"]
