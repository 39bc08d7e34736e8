"""Sequence discovery for the nested {wildfire,fp}/<sequence>/images layout."""

from pathlib import Path


def list_sequences(split_dir: Path) -> list[Path]:
    return sorted(p for label in ("wildfire", "fp") for p in (split_dir / label).glob("*") if p.is_dir())


def is_wf_sequence(seq_dir: Path) -> bool:
    return seq_dir.parent.name == "wildfire"


def frame_paths(seq_dir: Path) -> list[Path]:
    return sorted((seq_dir / "images").glob("*.jpg"))
