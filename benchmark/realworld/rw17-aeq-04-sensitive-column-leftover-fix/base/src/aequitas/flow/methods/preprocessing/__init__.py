from .identity import Identity
from .prevalence_sample import PrevalenceSampling

__all__ = ["Identity", "PrevalenceSampling"]
