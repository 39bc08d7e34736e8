"""Intent from design docs: planned stages, their order, parameters and data contracts."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PlannedStage(BaseModel):
    name: str
    locator: str
    # Other names the doc gives the same stage: a mermaid node's label, a table's task column. A name
    # may hold placeholders (`predict_<split>`, `extract_{a,b}`, `${item}`) that match any text.
    aliases: list[str] = Field(default_factory=list)
    # "planned": a graph, a stage table or a stage list plans it; "mentioned": the doc only names it
    # in prose, so it counts as planned only for a stage the pipeline has had (base or deployed).
    strength: str = "planned"


class PlannedEdge(BaseModel):
    upstream: str
    downstream: str
    locator: str


class PlannedParam(BaseModel):
    key: str  # dotted, as the doc writes it ("evaluate.max_site_mape")
    value: str
    locator: str
    # Read from a stage's prose ("Sample 5% of the data"): the key is a stem ("sampl") that a shipped key
    # must start with, so a mismatch is reported with less confidence.
    approximate: bool = False


class ContractColumn(BaseModel):
    name: str
    type: str | None = None  # the logical type (ODCS logicalType, DCS type)
    required: bool = False
    physical_type: str | None = None  # as the warehouse spells it (ODCS physicalType), when given
    scale: int | None = None  # digits after the point a decimal promises
    locator: str | None = None  # the column's line in the contract


class DataContract(BaseModel):
    path: str
    name: str | None = None
    version: str | None = None
    dataset: str | None = None
    columns: list[ContractColumn] = Field(default_factory=list)
    locator: str
    qualifiers: list[str] = Field(default_factory=list)  # database/schema names its servers give the dataset


class DesignDoc(BaseModel):
    path: str
    title: str = ""
    stages: list[PlannedStage] = Field(default_factory=list)
    edges: list[PlannedEdge] = Field(default_factory=list)
    params: list[PlannedParam] = Field(default_factory=list)
    contracts: list[DataContract] = Field(default_factory=list)
    mentions: list[PlannedStage] = Field(default_factory=list)  # stage-like names in code spans or bold
    signals: list[str] = Field(default_factory=list)  # why the file counts as a design doc
    text: str = ""


class DocCommand(BaseModel):
    """A command a doc gives for running a pipeline script: `monitoring.py run --limit 1000`,
    `python run.py --forecast-periods 60`."""

    script: str  # as written ("pipelines/monitoring.py", "01-playlist/playlist.py")
    options: list[str]  # the `--name` options after `run`, without the dashes
    command: str
    locator: str  # the doc and line
    run: bool = True  # the command has a `run` command after the script (a Metaflow-style run)
    # The `--name` options given anywhere after the script, when a Python interpreter runs the script
    # itself (`python run.py ...`, `./run.py ...`); empty when another program takes it (`streamlit run`).
    flags: list[str] = Field(default_factory=list)
    # The head file the command runs, resolved once against every path of the head tree (beside the doc,
    # else from the root, else the one file ending with it); None when no file or several match.
    script_path: str | None = None


class ScriptOptions(BaseModel):
    """The long options a Python script declares with argparse or click, all of them (read statically)."""

    path: str
    frameworks: list[str]  # "argparse", "click"
    options: list[str]  # without the dashes; "help" included
    abbreviations: bool = False  # argparse takes an unambiguous prefix of a long option
    base_options: list[str] | None = None  # the same script's options at the base commit, when known
    # False for absl flags: any module the script imports may define more, so only an option the script
    # itself declared at the base and no longer does (nor any other file of the repository) is judged.
    complete: bool = True


class ComponentDocArgument(BaseModel):
    """A name a component's README documents in its argument table that the component spec beside it
    (a Kubeflow Pipelines `component.yaml`) declares neither as an input nor as an output."""

    doc: str  # the README's path
    line: int  # the table row that documents it
    name: str  # as the doc writes it ("put_mode")
    spec: str  # the component spec's path
    component: str  # the spec's `name`
    inputs: list[str] = Field(default_factory=list)  # the spec's inputs, as the spec writes them
    outputs: list[str] = Field(default_factory=list)
    removed: bool = False  # the spec declared it at the base: the PR took it away and the doc kept it


class HydraOverride(BaseModel):
    """One override of a documented Hydra command that the composed configuration cannot take:
    `trainer=cpu` with no `trainer/cpu.yaml`, or `model.lr=...` where the model config has no `lr`."""

    text: str  # as the doc writes it ("model.lr=0.001,0.0005")
    key: str  # the group ("trainer") or the dotted key ("model.lr")
    problem: str  # "no-option": the group has no such config; "no-key": the composed config has no such key
    missing: str  # the option ("cpu") or the first key segment the config lacks ("model.lr")
    known: list[str] = Field(default_factory=list)  # the group's options, or the keys beside the missing one
    sources: list[str] = Field(default_factory=list)  # the config files that define what is known
    new: bool = True  # False: the same doc gave the same override, equally broken, at the base


class HydraCommand(BaseModel):
    """A command a doc gives for running a Hydra app (`python train.py trainer=gpu model.lr=1e-4`),
    with the overrides the app's configuration, composed statically, does not have."""

    script: str  # the app's file in the head tree
    config: str  # the primary config file the command composes
    command: str  # as the doc writes it: the base's same command of the same doc is the one compared
    locator: str  # the doc and line
    judged: list[str] = Field(default_factory=list)  # the overrides, as written, whose verdict is known
    broken: list[HydraOverride] = Field(default_factory=list)


class DocConfigKey(BaseModel):
    """A key a doc's copy of a config file writes that the file does not have."""

    key: str  # dotted ("model.opimtimizer"): the block's path down to the first part the file lacks
    line: int  # the doc line that writes it
    known: list[str] = Field(default_factory=list)  # the file's keys at that level
    near: str | None = None  # the file's key at that level the doc's key is a slip of ("optimizer")
    was_in_config: bool = False  # the file had the key at the base: the PR took it away, the copy kept it
    new: bool = True  # False: the same doc's copy of the same file wrote it, and the file lacked it, at the base


class DocConfigBlock(BaseModel):
    """A YAML block of a doc that reproduces one config file of the tree: most of its keys hold the
    file's values. The keys it writes that the file lacks are what a reader copying it gets wrong."""

    locator: str  # the doc and the block's first line
    config: str  # the config file it reproduces
    shared: int  # the block's values the file holds under the same keys
    missing: list[DocConfigKey] = Field(default_factory=list)


class SchemeFlip(BaseModel):
    """A changed line that reaches a local address with the other scheme (`http://127.0.0.1:5000` →
    `https://127.0.0.1:5000`), and where else the repository names that address with each scheme."""

    path: str
    line: int
    code: str  # the changed line, stripped (cut at 160 characters)
    old: str
    new: str
    old_elsewhere: list[str] = Field(default_factory=list)  # locators
    new_elsewhere: list[str] = Field(default_factory=list)


class PortMove(BaseModel):
    """A changed code line that moves a local address to another port (`http://localhost:5000` →
    `http://localhost:8080`), with where the repository starts or reaches a server on the old port (its
    docs, run files, the changed file's own docstring) and where it names the new one."""

    path: str
    line: int
    code: str  # the changed line, stripped (cut at 160 characters)
    old: str
    new: str
    old_served: list[str] = Field(default_factory=list)  # locators
    new_named: list[str] = Field(default_factory=list)


class SnippetName(BaseModel):
    """A name a Python example in a changed Markdown doc uses without importing or binding it, that the
    repository's module the example imports from exports (`sam_model_registry`, beside
    `from segment_anything import build_sam, SamPredictor`)."""

    path: str
    line: int  # the doc's line that first uses the name
    name: str
    module: str  # the repository's module the example imports other names from
    import_line: int  # the doc's line of that import
    exported_at: str  # where the module binds the name: `segment_anything/__init__.py:7`
    code: str  # the doc's line that uses it, stripped (cut at 160 characters)


class SnippetCall(BaseModel):
    """A call in a Python example of a changed Markdown doc that the repository's own class refuses: an unknown
    keyword, too many positional arguments, or an attribute no class of its hierarchy defines."""

    path: str
    line: int  # the doc's line of the call
    name: str  # the class, method or attribute called
    problem: str  # what the code refuses, one clause: "`Experiment.__init__` has no parameter `label` ..."
    defined_at: str  # where the class or method is defined: `src/pkg/mod.py:12`
    code: str  # the doc's line, stripped (cut at 160 characters)
    error: str = "TypeError"  # what running the line raises: ImportError, AttributeError, TypeError


class HostMove(BaseModel):
    """A configuration value the PR moves from a local service to another host on the same port
    (`localhost:5432` → `postgres.svc.cluster.local:5432`), and where the docs serve that port locally."""

    path: str
    line: int
    key: str  # dotted key of the value (`registry.path`)
    old: str  # `localhost:5432`
    new: str  # `postgres.feast.svc.cluster.local:5432`, `${REDIS_HOST}:6379`
    variable: str | None = None  # the environment variable the new host reads, when it is one
    local_elsewhere: list[str] = Field(default_factory=list)  # locators of the docs' local setup


class ChangedDefault(BaseModel):
    """A literal value the PR changes in code: `vocab_size = 50257` becomes `vocab_size = 50304`
    (a module or class assignment, or a function argument's default)."""

    path: str
    name: str
    old: str
    new: str
    line: int  # where the new value is, in the head file


class ScriptSlip(BaseModel):
    """An entry point a changed doc documents that `pyproject.toml` declares under another spelling."""

    path: str
    line: int
    name: str  # as documented
    declared: str  # the declared script one or two edits apart
    declared_at: str  # locator in pyproject.toml
