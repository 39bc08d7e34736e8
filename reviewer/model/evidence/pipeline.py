"""Shipped pipelines: one normalised graph for dvc.yaml, Airflow, Kubeflow and OpenLineage."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Stage(BaseModel):
    name: str
    kind: str | None = None  # operator, component or command
    params: dict[str, str] = Field(default_factory=dict)
    inputs: list[str] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    locator: str


class Edge(BaseModel):
    upstream: str
    downstream: str


class PipelineGraph(BaseModel):
    name: str
    where: Literal["head", "base", "deployed"]
    format: Literal["dvc", "airflow_dag", "airflow_rest", "kubeflow", "openlineage", "marquez"]
    source: str  # file the graph was read from
    stages: list[Stage] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    params: dict[str, str] = Field(default_factory=dict)  # flattened params.yaml and the like

    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def upstream_of(self, name: str) -> set[str]:
        """Every stage that `name` depends on, directly or transitively."""
        parents: dict[str, set[str]] = {}
        for edge in self.edges:
            parents.setdefault(edge.downstream, set()).add(edge.upstream)
        seen: set[str] = set()
        todo = list(parents.get(name, ()))
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))
        return seen
