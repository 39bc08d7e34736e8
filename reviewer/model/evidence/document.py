"""The evidence document: the one object agents read, citations point into, and the store keeps."""

from __future__ import annotations

from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.cards import ModelCard
from custody.reviewer.model.evidence.common import Degraded, Skipped
from custody.reviewer.model.evidence.design import DataContract, DesignDoc
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.pipeline import PipelineGraph
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.model.evidence.tickets import Ticket, TicketRef
from pydantic import BaseModel, Field

SCHEMA_ID = "custody.evidence/v1"


class Evidence(BaseModel):
    schema_id: str = Field(default=SCHEMA_ID, alias="schema")
    pull_request: PullRequest
    config: RepoConfig = Field(default_factory=RepoConfig)
    config_source: str | None = None  # where the configuration was read from, if anywhere
    diff: Diff = Field(default_factory=Diff)
    head_files: list[str] = Field(default_factory=list)
    base_files: list[str] = Field(default_factory=list)
    code_owners: list[str] = Field(
        default_factory=list,
        description="Owners of the changed files (@user, @org/team or e-mail), from the base branch's CODEOWNERS.",
    )
    ticket_refs: list[TicketRef] = Field(default_factory=list)
    tickets: list[Ticket] = Field(default_factory=list)
    model_cards: list[ModelCard] = Field(default_factory=list)
    base_model_cards: list[ModelCard] = Field(default_factory=list)
    design_docs: list[DesignDoc] = Field(default_factory=list)
    contracts: list[DataContract] = Field(default_factory=list)
    registry: Registry | None = None
    shipped_pipelines: list[PipelineGraph] = Field(default_factory=list)
    base_pipelines: list[PipelineGraph] = Field(default_factory=list)
    deployed_pipelines: list[PipelineGraph] = Field(default_factory=list)
    head_texts: dict[str, str] = Field(
        default_factory=dict,
        description="Full text of small head-tree files agents compare (params, configs, deploy "
        "files, requirements); keyed by path.",
    )
    skipped: list[Skipped] = Field(default_factory=list)
    config_problems: list[Degraded] = Field(
        default_factory=list,
        description="Parts of the repository's configuration (custody.yml, rule packs, overrides) that "
        "could not be used and were dropped, each alone.",
    )

    model_config = {"populate_by_name": True}
