"""Configuration keys a pull request deletes while the head tree's code still reads them."""

from __future__ import annotations

from pydantic import BaseModel


class StaleConfigRead(BaseModel):
    config: str  # the configuration file the key was deleted from (params.yaml)
    key: str  # the deleted key's dotted path in that file (train.img_size)
    path: str  # the head-tree Python file that still reads it
    line: int
    expression: str  # the read as written (params.train.img_size, cfg["train"]["img_size"])
    changed: bool = False  # the reading file is itself part of the change
