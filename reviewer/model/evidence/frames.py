"""Dataframe schemas declared in code (pandera): the columns a table is validated against at run time."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FrameColumn(BaseModel):
    name: str  # the column name (a field's `alias` when it gives one)
    dtype: str | None = None  # as the code writes it: `int`, `pa.DateTime`, `"float64"`
    family: str | None = None  # integer, float, decimal, string, boolean, timestamp, date; None when unknown
    required: bool = True  # False for `Optional[Series[...]]` or `required=False`
    locator: str | None = None


class FrameSchema(BaseModel):
    path: str
    name: str  # the class or variable that holds the schema
    columns: list[FrameColumn] = Field(default_factory=list)
    strict: bool = False  # `strict = True`: the table may have no other column
    locator: str
