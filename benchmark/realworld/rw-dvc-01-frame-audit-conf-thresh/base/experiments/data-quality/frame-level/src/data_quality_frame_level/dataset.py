"""Discover images of a flat YOLO split and parse their ground-truth boxes."""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BBox:
    cx: float
    cy: float
    w: float
    h: float


@dataclass
class FrameRef:
    stem: str
    image_path: Path
    label_path: Path
    gt_bboxes: list[BBox] = field(default_factory=list)


def parse_label_file(path: Path) -> list[BBox]:
    """YOLO label lines are `class cx cy w h`; an absent/empty file means no smoke."""
    if not path.exists():
        return []
    boxes = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) < 5:
            continue
        _cls, cx, cy, w, h = parts[:5]
        boxes.append(BBox(float(cx), float(cy), float(w), float(h)))
    return boxes


def iter_frames(split_dir: Path):
    images = sorted((split_dir / "images").glob("*.jpg"))
    for img in images:
        label = split_dir / "labels" / f"{img.stem}.txt"
        yield FrameRef(img.stem, img, label, parse_label_file(label))
