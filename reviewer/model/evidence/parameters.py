"""Constructor parameters a changed class still accepts whose value the change leaves with no effect."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class DeadParameter(BaseModel):
    path: str  # the head-tree Python file
    function: str  # the constructor's qualified name (`Transformer.__init__`)
    parameter: str
    line: int  # the head line of the function's `def`
    how: Literal["added", "orphaned"] = Field(
        description="added: the change adds the parameter to a constructor the base already had and only stores "
                    "it, in an attribute nothing reads; orphaned: the base constructor used it, the head one no "
                    "longer does.")
    stored_as: str | None = None  # `self.use_flash_attn`: the attribute it is stored in, which nothing reads
    base_use: str | None = None  # orphaned: the base statement that used it (`self.linear_head = ...`)
    base_line: int | None = None
    head_use: str | None = None  # orphaned: the head statement that assigns the same target, if any
    head_line: int | None = None


class UnreadParameter(BaseModel):
    """A parameter the change gives a function (a new function's, or one added to an existing function) that the
    function's body never reads: whatever a caller passes in it is dropped."""

    path: str  # the head-tree Python file
    function: str  # qualified name (`BaseEncoder.get_feature_names_out`)
    parameter: str
    line: int  # the head line of the function's `def`
    new_function: bool = False  # the base has no function of that qualified name in that file
