"""Map a model_type key to the TemporalModel class that can load its package."""

import importlib
from pathlib import Path

MODEL_REGISTRY: dict[str, tuple[str, str]] = {
    "bbox-tube-temporal": ("bbox_tube_temporal.model", "BboxTubeTemporalModel"),
}


def load_model(model_type: str, package_path: Path):
    module_name, class_name = MODEL_REGISTRY[model_type]
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls.from_package(package_path)
