"""BboxTubeTemporalModel: the pyrocore.TemporalModel implementation."""

from pathlib import Path

from .inference import run_sequence
from .package import read_config


class BboxTubeTemporalModel:
    def __init__(self, package_path: Path, config: dict):
        self.package_path = package_path
        self.config = config

    @classmethod
    def from_package(cls, path: Path) -> "BboxTubeTemporalModel":
        return cls(path, read_config(path))

    def predict(self, frame_paths: list[Path]):
        return run_sequence(self.package_path, self.config, frame_paths)
