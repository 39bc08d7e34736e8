"""Root package info."""
__version__ = "0.12.0dev"
