"""Sequence listing for the {wildfire,fp}/<sequence>/{images,labels} layout."""

from pathlib import Path


def list_sequences(split_dir: Path) -> list[Path]:
    return sorted(p for label in ("wildfire", "fp") for p in (split_dir / label).glob("*") if p.is_dir())


def is_wf_sequence(seq_dir: Path) -> bool:
    return seq_dir.parent.name == "wildfire"
