"""Complete reporting pipeline for the spaceflights tutorial"""

from .pipeline import create_pipeline

__all__ = ["create_pipeline"]

__version__ = "0.1"
