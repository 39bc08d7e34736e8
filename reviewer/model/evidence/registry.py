"""Shipped models: the MLflow registry's registered models, versions and the runs behind them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Metric(BaseModel):
    key: str
    value: float
    step: int = 0
    timestamp: int | None = None


class DatasetInput(BaseModel):
    name: str
    digest: str | None = None
    context: str | None = None  # mlflow.data.context: "training", "eval", ...
    source_type: str | None = None
    source: str | None = None
    rows: int | None = None
    dataset_schema: str | None = None  # mlflow.data schema JSON, as logged


class Run(BaseModel):
    run_id: str
    experiment_id: str | None = None
    status: str | None = None
    start_time: int | None = None
    metrics: list[Metric] = Field(default_factory=list)
    params: dict[str, str] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    datasets: list[DatasetInput] = Field(default_factory=list)

    def metric(self, key: str) -> Metric | None:
        """The latest-step value of a metric."""
        found = [m for m in self.metrics if m.key == key]
        return max(found, key=lambda m: (m.step, m.timestamp or 0)) if found else None


class ModelVersion(BaseModel):
    name: str
    version: str
    run_id: str | None = None
    current_stage: str | None = None
    aliases: list[str] = Field(default_factory=list)
    tags: dict[str, str] = Field(default_factory=dict)
    source: str | None = None
    status: str | None = None
    creation_timestamp: int | None = None
    description: str = ""
    signature_inputs: list[dict[str, str]] | None = None
    signature_outputs: list[dict[str, str]] | None = None


class RegisteredModel(BaseModel):
    name: str
    description: str = ""
    aliases: dict[str, str] = Field(default_factory=dict)  # alias -> version
    tags: dict[str, str] = Field(default_factory=dict)


class Registry(BaseModel):
    source: str  # "registry/mlflow.json" or the tracking URI
    models: list[RegisteredModel] = Field(default_factory=list)
    versions: list[ModelVersion] = Field(default_factory=list)
    runs: list[Run] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)  # entries left out as malformed

    def model(self, name: str) -> RegisteredModel | None:
        return next((m for m in self.models if m.name == name), None)

    def version(self, name: str, version: str) -> ModelVersion | None:
        return next(
            (v for v in self.versions if v.name == name and v.version == str(version)), None
        )

    def versions_of(self, name: str) -> list[ModelVersion]:
        return sorted((v for v in self.versions if v.name == name), key=_version_order)

    def run(self, run_id: str | None) -> Run | None:
        return next((r for r in self.runs if r.run_id == run_id), None) if run_id else None


def _version_order(version: ModelVersion) -> tuple[int, int, str]:
    """MLflow numbers versions 1, 2, 10; a file may hold other text ("v2"), which sorts after them."""
    text = version.version or "0"
    return (0, int(text), "") if text.isdecimal() else (1, 0, text)


class ModelUri(BaseModel):
    """A `models:/<name>@<alias>` URI on a changed line (a string of the code, or a doc's command), with
    where the repository's code sets an alias of exactly that name."""

    path: str
    line: int
    code: str  # the changed line, stripped (cut at 160 characters)
    name: str
    alias: str
    alias_set_at: list[str] = Field(default_factory=list)  # locators


class SharedArtifactPath(BaseModel):
    """Two `log_model` calls of one `with mlflow.start_run()` block under the same artifact path, in a project
    pinned to MLflow 2: the second model's files overwrite the first's, and both register the same files."""

    path: str
    line: int  # the second call
    first_line: int
    artifact_path: str
    calls: list[str] = Field(default_factory=list)  # `mlflow.pyfunc.log_model`, as called
    registered: list[str] = Field(default_factory=list)  # the registered model names, as written
    pin: str  # where the project pins MLflow under 3


class DocModelSlip(BaseModel):
    """A model URI a changed doc adds in a section about another registered model, whose name another section
    of the doc states as its own: a command copied from that section and left naming its model."""

    path: str
    line: int
    code: str  # the line, stripped (cut at 160 characters)
    uri_model: str
    section: str  # the heading
    section_model: str
    section_line: int  # where the section names its model
    other_line: int  # where another section names the URI's model
