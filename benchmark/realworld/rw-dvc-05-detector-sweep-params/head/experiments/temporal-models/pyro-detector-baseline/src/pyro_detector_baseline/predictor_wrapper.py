"""Feed frames of one sequence through pyro-predictor with an isolated camera id."""

import uuid

from pyro_predictor import Predictor


def run_sequence(predictor: Predictor, frames) -> tuple[bool, int | None]:
    cam_id = f"seq-{uuid.uuid4().hex[:8]}"
    for idx, frame in enumerate(frames):
        conf = predictor.predict(frame, cam_id=cam_id)
        if conf > predictor.conf_thresh:
            return True, idx
    return False, None
