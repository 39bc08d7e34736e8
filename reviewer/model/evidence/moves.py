"""Shipped traffic changes: a changed file that points a production alias or stage at a registered version."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class Move(BaseModel):
    path: str
    line: int | None = None
    version: str | None = None  # None: the file moves the target but the version could not be read
    target: str  # the alias or stage
    model: str | None = None  # the registered model looked for, when known
    # Who asked: the repository's promotion policy, or a card's alias/stage claim (judged after the move).
    purpose: Literal["policy", "card"] = "policy"
    # "binding": the file binds the target to a version; "traffic": a traffic split starts sending live
    # traffic (weight, in percent) to the target, an alias other than the production one.
    via: Literal["binding", "traffic"] = "binding"
    weight: float | None = None
