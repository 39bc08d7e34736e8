"""Globs over repository paths, and trees that never read outside themselves."""

from __future__ import annotations

import os
from pathlib import Path

from custody.reviewer.gather.snapshot import DirSnapshot, glob_match, read_text


def test_double_star_spans_folders_and_matches_the_root() -> None:
    assert glob_match("MODEL_CARD.md", "**/MODEL_CARD.md")
    assert glob_match("models/a/b/MODEL_CARD.md", "models/**/MODEL_CARD.md")
    assert glob_match("docs/design/x/y.md", "docs/design/**")
    assert not glob_match("docs/designs/y.md", "docs/design/**")
    assert glob_match("requirements-dev.txt", "requirements*.txt")


def test_symlinks_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.txt").write_text("hello")
    os.symlink(secret, tree / "link.txt")
    snap = DirSnapshot(tree)
    assert snap.paths() == ["a.txt"]
    assert snap.read_bytes("link.txt") is None
    assert snap.read_bytes("../secret.txt") is None
    assert read_text(snap, "a.txt") == "hello"


def test_binary_and_oversized_files_are_not_text(tmp_path: Path) -> None:
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02")
    (tmp_path / "big.txt").write_text("x" * 100)
    snap = DirSnapshot(tmp_path)
    assert read_text(snap, "b.bin") is None
    assert read_text(snap, "big.txt", limit=10) is None
