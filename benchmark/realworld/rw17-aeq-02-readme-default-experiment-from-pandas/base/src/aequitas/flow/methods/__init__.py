from .inprocessing.inprocessing import InProcessing
from .postprocessing.postprocessing import PostProcessing
from .preprocessing.preprocessing import PreProcessing

__all__ = ["InProcessing", "PostProcessing", "PreProcessing"]
