"""What the repository does with a model, and which changed files change the model itself."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

SourceKind = Literal["trains", "saves", "registers", "pipeline"]
Aspect = Literal["weights", "base_model", "architecture", "data", "features", "hyperparameters", "training_code"]


class ModelSource(BaseModel):
    """Where the head tree trains, saves or registers a model, or a pipeline stage writes one."""

    path: str
    line: int | None = None
    how: SourceKind
    detail: str  # the call or stage, as written
    added: bool = False  # the PR adds it (a new file, an added line, a new stage)


class ModelChange(BaseModel):
    """A changed file whose change changes the model: not comments, formatting, key order or a pure rename."""

    path: str
    line: int | None = None
    aspect: Aspect
    detail: str  # the changed line or key


class UnlistedCheckpoint(BaseModel):
    """A checkpoint address the change adds to code (a weight file's URL, or the start of one the code completes
    with a weight file's name), in a folder whose other checkpoints the repository's docs list, that no doc
    names."""

    path: str
    line: int
    address: str  # `https://dl.fbaipublicfiles.com/deit/deit_3_medium_`
    folder: str  # `https://dl.fbaipublicfiles.com/deit/`
    docs: list[str]  # the docs that list the folder's other checkpoints, as `path#Lline` of the first
    listed: int  # how many checkpoints of the folder those docs list
