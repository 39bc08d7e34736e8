"""The evidence document: the one object agents read, citations point into, and the store keeps."""

from __future__ import annotations

from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.cards import DataRecord, ModelCard, ZooRow
from custody.reviewer.model.evidence.common import Degraded, Skipped
from custody.reviewer.model.evidence.config_reads import StaleConfigRead
from custody.reviewer.model.evidence.dbt import DbtModel, DbtUnreadable
from custody.reviewer.model.evidence.design import (
    ChangedDefault,
    ComponentDocArgument,
    DataContract,
    DesignDoc,
    DocCommand,
    DocConfigBlock,
    HostMove,
    HydraCommand,
    PlannedParam,
    PortMove,
    SchemeFlip,
    ScriptOptions,
    ScriptSlip,
    SnippetCall,
    SnippetName,
)
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.frames import FrameSchema
from custody.reviewer.model.evidence.model_changes import ModelChange, ModelSource, UnlistedCheckpoint
from custody.reviewer.model.evidence.moves import Move
from custody.reviewer.model.evidence.parameters import DeadParameter, UnreadParameter
from custody.reviewer.model.evidence.pipeline import PipelineGraph
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import DocModelSlip, ModelUri, Registry, SharedArtifactPath
from custody.reviewer.model.evidence.signature import ModelSignature
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
    python_complete: bool = Field(
        default=True,
        description="Whether every Python file of the head tree was read (their number is capped): a check "
        "that claims nothing in the tree reads or names something holds only when it is.",
    )
    docs_complete: bool = Field(
        default=True,
        description="Whether every Markdown doc of the head tree was read (their number is capped): a check "
        "that claims no doc names something holds only when it is.",
    )
    code_owners: list[str] = Field(
        default_factory=list,
        description="Owners of the changed files (@user, @org/team or e-mail), from the base branch's CODEOWNERS.",
    )
    ticket_refs: list[TicketRef] = Field(default_factory=list)
    tickets: list[Ticket] = Field(default_factory=list)
    model_cards: list[ModelCard] = Field(default_factory=list)
    base_model_cards: list[ModelCard] = Field(default_factory=list)
    zoo_rows: list[ZooRow] = Field(
        default_factory=list,
        description="Rows of the model-zoo tables (a row per checkpoint, with its download link) of the Markdown "
        "docs the PR edits: the checkpoints each links, the cells naming its model and the numbers it claims.",
    )
    design_docs: list[DesignDoc] = Field(default_factory=list)
    contracts: list[DataContract] = Field(default_factory=list)
    base_contracts: list[DataContract] = Field(default_factory=list)  # the same at the base commit
    frame_schemas: list[FrameSchema] = Field(default_factory=list)  # pandera schemas declared in head code
    base_frame_schemas: list[FrameSchema] = Field(default_factory=list)  # the same at the base commit
    registry: Registry | None = None
    shipped_pipelines: list[PipelineGraph] = Field(default_factory=list)
    base_pipelines: list[PipelineGraph] = Field(default_factory=list)
    deployed_pipelines: list[PipelineGraph] = Field(default_factory=list)
    model_signatures: list[ModelSignature] = Field(default_factory=list)  # head MLmodel files, logged models
    head_texts: dict[str, str] = Field(
        default_factory=dict,
        description="Full text of small head-tree files agents compare (params, configs, deploy "
        "files, requirements); keyed by path.",
    )
    data_records: list[DataRecord] = Field(
        default_factory=list,
        description="What the head tree's data records (DVC pointers, dvc.lock, snapshot lists) state of datasets.",
    )
    data_record_problems: list[Skipped] = Field(default_factory=list)  # record files that could not be read
    pr_version: str | None = None  # the registered version the PR body names ("version 8", a models:/ URI)
    moves: list[Move] = Field(
        default_factory=list,
        description="Changed files that point a production alias or stage (the policy's, or one a card "
        "claims) at a registered version.",
    )
    model_sources: list[ModelSource] = Field(
        default_factory=list,
        description="Where the head tree trains, saves or registers a model, or a pipeline stage writes one.",
    )
    model_changes: list[ModelChange] = Field(
        default_factory=list,
        description="Changed files whose change changes the model (weights, architecture, data, features, "
        "hyperparameters, training code), not only its comments, layout, key order or names.",
    )
    unlisted_checkpoints: list[UnlistedCheckpoint] = Field(
        default_factory=list,
        description="Checkpoint addresses the PR adds to code that no doc names, where the repository's docs "
        "list the other checkpoints of the same folder (a released model its model zoo leaves out).",
    )
    changed_defaults: list[ChangedDefault] = Field(
        default_factory=list,
        description="Literal values the PR changes in Python code (an assignment or an argument default).",
    )
    doc_values: list[PlannedParam] = Field(
        default_factory=list,
        description="What the head tree's Markdown docs state of the names in changed_defaults "
        "(`vocab_size=50257`), with the file and line.",
    )
    doc_commands: list[DocCommand] = Field(
        default_factory=list,
        description="Commands the head tree's Markdown docs give for running a pipeline script, with the "
        "options they pass after `run` (`monitoring.py run --limit 1000`) or to the script itself "
        "(`python run.py --test-size 0.3`).",
    )
    script_options: list[ScriptOptions] = Field(
        default_factory=list,
        description="The command-line options (argparse, click) of the scripts that doc_commands run, "
        "where all of them could be read statically.",
    )
    component_doc_arguments: list[ComponentDocArgument] = Field(
        default_factory=list,
        description="Names the README beside a Kubeflow Pipelines component spec documents in its argument "
        "table that the spec declares neither as input nor output, where the PR made the drift.",
    )
    hydra_commands: list[HydraCommand] = Field(
        default_factory=list,
        description="Commands the head tree's Markdown docs give for running a Hydra app, with the "
        "overrides (`trainer=cpu`, `model.lr=1e-4`) its configuration, composed statically, does not have.",
    )
    doc_config_blocks: list[DocConfigBlock] = Field(
        default_factory=list,
        description="YAML blocks of the head tree's Markdown docs that reproduce a config file of the tree, "
        "with the keys they write that the file lacks.",
    )
    scheme_flips: list[SchemeFlip] = Field(
        default_factory=list,
        description="Changed code lines that reach a local address (localhost, 127.0.0.1) with the other "
        "scheme, and the docs, task runners and configuration that name the address with each scheme.",
    )
    port_moves: list[PortMove] = Field(
        default_factory=list,
        description="Changed code lines that move a local address to another port, with where the repository "
        "serves the old port and where it names the new one.",
    )
    model_uris: list[ModelUri] = Field(
        default_factory=list,
        description="`models:/<name>@<alias>` URIs on changed lines (code strings, f-strings over a name assigned "
        "once, doc commands), with where the repository's code sets an alias of exactly that name.",
    )
    shared_artifact_paths: list[SharedArtifactPath] = Field(
        default_factory=list,
        description="Pairs of `log_model` calls of one `with mlflow.start_run()` block under the same artifact "
        "path, one of them changed, in a project that pins MLflow under 3 (the second overwrites the first).",
    )
    doc_model_slips: list[DocModelSlip] = Field(
        default_factory=list,
        description="Model URIs a changed doc adds in a section about another registered model, whose name "
        "another section of the doc states as its own (a command copied and left naming that model).",
    )
    script_slips: list[ScriptSlip] = Field(
        default_factory=list,
        description="Entry points a changed doc documents (`poetry run x`, a list of scripts) that "
        "`pyproject.toml` declares only under a spelling one or two edits apart.",
    )
    snippet_names: list[SnippetName] = Field(
        default_factory=list,
        description="Names a Python example in a changed Markdown doc uses without importing them, that the "
        "repository's module it imports from exports (a snippet that raises NameError when copied).",
    )
    snippet_calls: list[SnippetCall] = Field(
        default_factory=list,
        description="Calls in Python examples of changed Markdown docs that the repository's own classes refuse "
        "(an unknown keyword, too many positional arguments, an attribute no class of the hierarchy defines).",
    )
    host_moves: list[HostMove] = Field(
        default_factory=list,
        description="Configuration values the PR moves from a local service (`localhost:5432`) to another host "
        "on the same port, with the docs and run files that set that service up locally.",
    )
    stale_config_reads: list[StaleConfigRead] = Field(
        default_factory=list,
        description="Keys the PR deletes from a YAML configuration file that head-tree Python code still "
        "reads by the same section and name (params.train.img_size after train.img_size is deleted).",
    )
    dead_parameters: list[DeadParameter] = Field(
        default_factory=list,
        description="Constructor parameters of changed Python classes that the change leaves without effect: "
        "added and only stored where nothing reads them, or read by the base constructor and no longer by the "
        "head one.",
    )
    unread_parameters: list[UnreadParameter] = Field(
        default_factory=list,
        description="Parameters the change gives functions of changed Python files (not tests) that the "
        "function's body never reads (input_features added to get_feature_names_out and ignored); read only "
        "when a linked ticket was read, since they are judged against what it asks.",
    )
    dbt_models: list[DbtModel] = Field(
        default_factory=list,
        description="dbt models at head: the columns each properties file documents and the columns the "
        "model's SQL selects (None when they cannot be read statically).",
    )
    base_dbt_models: list[DbtModel] = Field(default_factory=list)  # the same at the base commit
    dbt_unreadable: list[DbtUnreadable] = Field(
        default_factory=list, description="YAML files under a dbt project's model paths that do not parse, at head.")
    base_dbt_unreadable: list[DbtUnreadable] = Field(default_factory=list)  # the same at the base commit
    skipped: list[Skipped] = Field(default_factory=list)
    config_problems: list[Degraded] = Field(
        default_factory=list,
        description="Parts of the repository's configuration (custody.yml, rule packs, overrides) that "
        "could not be used and were dropped, each alone.",
    )

    model_config = {"populate_by_name": True}
