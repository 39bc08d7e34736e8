"""What a source (a scenario folder, or GitHub) hands the review: the PR and where to read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from custody.reviewer.gather.snapshot import Snapshot
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.moves import Move
from custody.reviewer.model.evidence.pipeline import PipelineGraph
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.model.evidence.tickets import Ticket, TicketRef


class ArtifactUnavailable(Exception):
    """An artifact could not be read; the message is safe to show in the PR."""


# A registry shared beyond this repository is asked only for models the base branch names.
NO_NAMED_MODEL = "no registered model named by the base branch"


class TicketSource(Protocol):
    def fetch(self, ref: TicketRef) -> Ticket:
        """The ticket behind a reference; raise ArtifactUnavailable when it cannot be read."""
        ...


class RegistrySource(Protocol):
    def load(self, model_names: list[str]) -> Registry:
        """The registered models named (by the base branch: its promotion policy, else its model
        cards; never the PR's own cards), their versions and runs. A registry shared beyond the
        repository reads nothing else: with no name it raises ArtifactUnavailable(NO_NAMED_MODEL),
        never lists what it holds. A scenario's own snapshot may hand over all it has."""
        ...


class DeployedSource(Protocol):
    def graphs(self) -> tuple[list[PipelineGraph], list[Skipped]]: ...


@dataclass
class ReviewInput:
    pull_request: PullRequest
    base: Snapshot
    head: Snapshot
    diff: Diff
    tickets: TicketSource | None = None
    registry: RegistrySource | None = None
    deployed: DeployedSource | None = None
    skipped: list[Skipped] = field(default_factory=list)
    config_text: str | None = None  # base-branch custody.yml, when the source reads it itself
    org_packs: list[str] = field(default_factory=list)
    # An admission: the registry moved an alias itself, so the source says what moved (instead of
    # reading moves from the diff) and which version is judged (instead of the PR body's).
    moves: list[Move] | None = None
    version: str | None = None
