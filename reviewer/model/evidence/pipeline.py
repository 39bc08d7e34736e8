"""Shipped pipelines: one normalised graph for dvc.yaml, Airflow, Kubeflow, Kedro and OpenLineage."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Stage(BaseModel):
    name: str
    kind: str | None = None  # operator, component or command
    # The name the definition gives a family of stages: a DVC `foreach`/`matrix` stage `train`
    # expands to `train@a`, `train@b`; an Airflow TaskGroup `g` holds `g.t`. None when it is the name.
    group: str | None = None
    # Other names a plan may use: the bare task id of `group.task`, the component a display-named step runs.
    aliases: list[str] = Field(default_factory=list)
    params: dict[str, str] = Field(default_factory=dict)  # the parameters this stage reads, with values
    inputs: list[str] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    locator: str
    code: str | None = None  # where the function the stage runs is defined ("nodes.py#L41"), when known

    def names(self) -> list[str]:
        """Every name a plan may use for this stage: its own, its family's, its aliases."""
        extra = [self.group] if self.group else []
        return list(dict.fromkeys([self.name, *extra, *self.aliases]))


class Edge(BaseModel):
    upstream: str
    downstream: str


class SchemaField(BaseModel):
    name: str
    type: str | None = None


class DatasetSchema(BaseModel):
    """A dataset a pipeline writes, with the columns its lineage records (OpenLineage `schema` facet)."""

    namespace: str = ""
    name: str
    producer: str | None = None  # the stage that writes it
    fields: list[SchemaField] = Field(default_factory=list)
    locator: str


class PipelineGraph(BaseModel):
    name: str
    where: Literal["head", "base", "deployed"]
    format: Literal["dvc", "airflow_dag", "airflow_rest", "kubeflow", "openlineage", "marquez", "tfx",
                    "mlflow_project", "metaflow", "kedro"]
    source: str  # file the graph was read from
    stages: list[Stage] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    params: dict[str, str] = Field(default_factory=dict)  # flattened params.yaml and the like
    # Where each parameter is set: "params.yaml#L12", "spec.yaml#/root/inputDefinitions/parameters/lr".
    param_locators: dict[str, str] = Field(default_factory=dict)
    datasets: list[DatasetSchema] = Field(default_factory=list)  # written datasets with a recorded schema
    # The command-line options the pipeline declares (a Metaflow flow's Parameters), when all are known:
    # None when the format has none or some come from code the reader could not follow.
    options: list[str] | None = None
    # What the reader could not resolve without running the code (nodes built in a loop, a computed
    # name or dataset): when not empty, the graph may lack stages or edges the pipeline has.
    unresolved: list[str] = Field(default_factory=list)

    def counterpart(self, others: list[PipelineGraph]) -> PipelineGraph | None:
        """The same pipeline among `others` (at base): same file and name, else the one from the file that
        shares most stages (a renamed DAG), else the only one from the file."""
        same_file = [g for g in others if g.source == self.source]
        named = next((g for g in same_file if g.name == self.name), None)
        if named is not None or len(same_file) <= 1:
            return named or (same_file[0] if same_file else None)
        mine = set(self.stage_names())
        best = max(same_file, key=lambda g: len(mine & set(g.stage_names())))
        return best if mine & set(best.stage_names()) else None

    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def group_names(self) -> list[str]:
        """Stage names and the family names of expanded stages (`train` for `train@a`)."""
        return list(dict.fromkeys(n for s in self.stages for n in s.names()))

    def stages_named(self, name: str) -> list[Stage]:
        """The stage called `name`, or every member of the family called `name`, or the stages it aliases."""
        exact = [s for s in self.stages if s.name == name]
        return exact or [s for s in self.stages if s.group == name] or [s for s in self.stages if name in s.aliases]

    def upstream_of(self, name: str) -> set[str]:
        """Every stage that `name` depends on, directly or transitively (a family name: any member)."""
        parents: dict[str, set[str]] = {}
        for edge in self.edges:
            parents.setdefault(edge.downstream, set()).add(edge.upstream)
        seen: set[str] = set()
        todo = [p for s in (self.stages_named(name) or [Stage(name=name, locator="")]) for p in parents.get(s.name, ())]
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))
        return seen | {n for s in self.stages if s.name in seen for n in s.names()}
