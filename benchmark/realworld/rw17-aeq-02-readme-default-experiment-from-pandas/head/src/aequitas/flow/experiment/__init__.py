from .experiment import Experiment
from .default import DefaultExperiment

__all__ = ["Experiment", "DefaultExperiment"]
