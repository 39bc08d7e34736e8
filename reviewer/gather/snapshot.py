"""A repository tree at one commit, read lazily: a folder on disk, or files held in memory."""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

MAX_FILE_BYTES = 2 * 1024 * 1024  # larger files are treated as unreadable for parsing
# Version-control internals only: a committed __pycache__/ is part of the tree a PR ships (and a
# finding of its own), so it is read like any other folder.
SKIP_DIRS = {".git", ".hg", ".svn", ".dvc/cache"}


def blob_sha(data: bytes) -> str:
    """Git's name for these bytes: what the trees API lists for a file."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


class Snapshot(Protocol):
    def paths(self) -> list[str]: ...

    def read_bytes(self, path: str) -> bytes | None: ...


def read_text(snapshot: Snapshot, path: str, limit: int = MAX_FILE_BYTES) -> str | None:
    """The file as text, or None when it is absent, too large or not UTF-8 text."""
    data = snapshot.read_bytes(path)
    if data is None or len(data) > limit or b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def glob_match(path: str, pattern: str) -> bool:
    """Match a repository path against a glob where `**` spans folders."""
    if "**" not in pattern:
        return fnmatch.fnmatchcase(path, pattern)
    return _glob_regex(pattern).fullmatch(path) is not None


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out)


def matching(paths: Iterable[str], patterns: Iterable[str]) -> list[str]:
    pats = list(patterns)
    return [p for p in paths if any(glob_match(p, pat) for pat in pats)]


class DirSnapshot:
    """A tree on disk. Symlinks are never followed, so a tree cannot read outside itself."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._paths: list[str] | None = None
        self._known: set[str] = set()

    def paths(self) -> list[str]:
        if self._paths is None:
            found: list[str] = []
            if self.root is not None and self.root.is_dir():
                for item in sorted(self.root.rglob("*")):
                    rel = item.relative_to(self.root).as_posix()
                    if any(part in SKIP_DIRS for part in rel.split("/")):
                        continue
                    if item.is_file() and not item.is_symlink():
                        found.append(rel)
            self._paths = found
            self._known = set(found)
        return self._paths

    def read_bytes(self, path: str) -> bytes | None:
        if self.root is None or (self.paths() is not None and path not in self._known):
            return None
        try:
            return (self.root / path).read_bytes()
        except OSError:
            return None


class MemorySnapshot:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def paths(self) -> list[str]:
        return sorted(self.files)

    def read_bytes(self, path: str) -> bytes | None:
        return self.files.get(path)
