"""Thin wrapper around ultralytics YOLO for batched per-image prediction."""

from pathlib import Path

from ultralytics import YOLO


def load_model(model_path: Path) -> YOLO:
    return YOLO(str(model_path))


def predict_images(model: YOLO, paths: list[Path], conf: float, device: str = "0"):
    """Return one list of (xyxy_px, conf, cls) tuples per input image."""
    results = model.predict([str(p) for p in paths], conf=conf, device=device, verbose=False)
    out = []
    for res in results:
        boxes = res.boxes
        out.append(
            [
                (box.xyxy[0].tolist(), float(box.conf[0]), int(box.cls[0]))
                for box in boxes
            ]
        )
    return out
