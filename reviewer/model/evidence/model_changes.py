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
