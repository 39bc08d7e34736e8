"""Types shared by every part of the evidence document: citations and coverage gaps."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

ArtifactKind = Literal[
    "model_card", "ticket", "design_doc", "diff", "registry", "deployed_graph", "policy", "config"
]


class Citation(BaseModel):
    """A pointer into the evidence: which artifact, and where inside it."""

    model_config = ConfigDict(frozen=True)

    artifact: ArtifactKind
    locator: str


class Skipped(BaseModel):
    """Something the review could not read or check, with the reason shown to the user."""

    model_config = ConfigDict(frozen=True)

    what: str
    why: str


def file_locator(path: str, line: int | None = None) -> str:
    """The locator of a file in the head tree, optionally of one line in it."""
    return f"{path}#L{line}" if line else path


def locator_line(locator: str | None) -> int | None:
    """The line a locator names (`train.py#L12` is 12); None for a whole file or no locator."""
    _, _, tail = (locator or "").partition("#L")
    return int(tail) if tail.isdigit() else None


class Degraded(BaseModel):
    """Something the repository configured that did not run as configured: a rule, an override,
    a pack, a key of custody.yml or a whole agent. A review with any of these never concludes
    `success` (see `on_error` in custody.yml)."""

    model_config = ConfigDict(frozen=True)

    what: str  # "rule hygiene.unpinned-dependency", "rules.overrides.card.exists", "hygiene agent"
    why: str  # in the user's terms
    where: str | None = None  # file:line when known
