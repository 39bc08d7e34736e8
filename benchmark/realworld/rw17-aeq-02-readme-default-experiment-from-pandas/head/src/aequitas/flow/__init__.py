from .experiment import DefaultExperiment, Experiment 

__all__ = ["DefaultExperiment", "Experiment"]
