"""Discover sequences of a split and derive their folder-based ground truth.

Frames are ordered by file name. That is only a correct temporal order because
pyro-dataset frame names end with a zero-padded ``YYYY-MM-DDTHH-MM-SS.jpg``
stamp; the glob is also case-sensitive and ``.jpg``-only. If the naming
convention ever changes, switch to a timestamp-aware sort before trusting
``trigger_frame_index``.
"""

from dataclasses import dataclass
from pathlib import Path


@dataclass
class SequenceRef:
    name: str
    split: str
    ground_truth: bool
    frame_paths: list[Path]


def iter_sequences(split_dir: Path, split: str):
    for label_dir, truth in (("wildfire", True), ("fp", False)):
        root = split_dir / label_dir
        if not root.exists():
            continue
        for seq in sorted(p for p in root.iterdir() if p.is_dir()):
            frames = sorted((seq / "images").glob("*.jpg"))
            yield SequenceRef(seq.name, split, truth, frames)
