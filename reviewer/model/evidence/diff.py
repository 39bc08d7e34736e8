"""The shipped change: files of the diff, their hunks and the lines a comment may anchor on."""

from __future__ import annotations

from typing import Literal

from custody.reviewer.model.digest import digest
from pydantic import BaseModel, Field, PrivateAttr

FileStatus = Literal["added", "modified", "deleted", "renamed"]


class DiffLine(BaseModel):
    number: int  # line number in the new file for added/context lines, old file for removed
    text: str


class Hunk(BaseModel):
    old_start: int
    old_length: int
    new_start: int
    new_length: int
    section: str = ""
    added: list[DiffLine] = Field(default_factory=list)
    removed: list[DiffLine] = Field(default_factory=list)

    @property
    def new_end(self) -> int:
        return self.new_start + max(self.new_length, 1) - 1


class FileChange(BaseModel):
    path: str
    old_path: str | None = None
    status: FileStatus = "modified"
    binary: bool = False
    generated: bool = False
    vendored: bool = False
    additions: int = 0
    deletions: int = 0
    hunks: list[Hunk] = Field(default_factory=list)
    truncated: bool = False  # the patch was too large to carry whole
    # A digest of this change's content, set by the diff parser (or computed once on first use):
    # what per-file results are cached under. Never serialised.
    _content_key: str | None = PrivateAttr(default=None)

    def content_key(self) -> str:
        if self._content_key is None:
            self._content_key = digest("file-change", self.model_dump_json())
        return self._content_key

    def commentable_lines(self) -> set[int]:
        """Right-side line numbers that GitHub accepts as review-comment anchors."""
        lines: set[int] = set()
        for hunk in self.hunks:
            lines.update(range(hunk.new_start, hunk.new_start + hunk.new_length))
        return lines

    def added_text(self) -> str:
        return "\n".join(line.text for hunk in self.hunks for line in hunk.added)


class Diff(BaseModel):
    files: list[FileChange] = Field(default_factory=list)

    def get(self, path: str) -> FileChange | None:
        return next((f for f in self.files if f.path == path), None)

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]
