"""PyroDetectorModel: pyro-predictor wrapped as a pyrocore TemporalModel."""

from pathlib import Path

from PIL import Image
from pyro_predictor import Predictor

from .predictor_wrapper import run_sequence


class PyroDetectorModel:
    def __init__(self, model_dir: Path, conf_thresh: float, model_conf_thresh: float,
                 nb_consecutive_frames: int, max_bbox_size: float):
        self.predictor = Predictor(
            model_folder=str(model_dir),
            conf_thresh=conf_thresh,
            model_conf_thresh=model_conf_thresh,
            nb_consecutive_frames=nb_consecutive_frames,
            max_bbox_size=max_bbox_size,
        )

    def predict_sequence(self, frame_paths: list[Path]):
        frames = (Image.open(p) for p in frame_paths)
        return run_sequence(self.predictor, frames)
