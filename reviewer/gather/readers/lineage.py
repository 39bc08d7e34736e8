"""OpenLineage events as pipeline graphs: jobs are stages, datasets link them, schema facets are kept.

Events may come one per file, several per file, or one per line: they are merged first, so job A
that writes dataset X and job B that reads X are one graph with the edge A→B wherever their
events were stored. A job `<dag>.<task>` is stage `<task>`; a job that only parents others (an
Airflow DAG run) is not a stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from custody.reviewer.model.evidence.pipeline import DatasetSchema, Edge, PipelineGraph, SchemaField, Stage

MAX_JOBS = 5_000


@dataclass
class _Job:
    name: str
    source: str  # file of its newest event
    inputs: set[str] = field(default_factory=set)
    outputs: set[str] = field(default_factory=set)
    # (namespace, name) of a dataset it writes -> (event time, the fields its schema facet lists, file)
    schemas: dict[tuple[str, str], tuple[str, list[SchemaField], str]] = field(default_factory=dict)
    newest: str = ""  # time of its newest event
    is_dag: bool = False
    parent: str | None = None  # the job of its parent run (the Airflow DAG), when the event says

    @property
    def dag(self) -> str:
        """The DAG part of `<dag>.<task>`: the parent's name when it prefixes the job's, else up to the last dot."""
        if self.parent and self.name.startswith(self.parent + "."):
            return self.parent
        return self.name.rpartition(".")[0]

    @property
    def task(self) -> str:
        return self.name[len(self.dag) + 1:] if self.dag else self.name


def _dataset_key(dataset: dict[str, Any]) -> str:
    return f"{dataset.get('namespace') or ''}/{dataset.get('name')}"


def _fields(facets: Any) -> list[SchemaField] | None:
    schema = facets.get("schema") if isinstance(facets, dict) else None
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        return None
    return [SchemaField(name=str(f["name"]), type=str(f["type"]) if f.get("type") is not None else None)
            for f in fields if isinstance(f, dict) and f.get("name")]


def _jobs(events: list[tuple[str, Any]]) -> tuple[dict[str, _Job], set[str]]:
    jobs: dict[str, _Job] = {}
    parents: set[str] = set()
    for source, event in events:
        job = event.get("job") if isinstance(event, dict) else None
        if not isinstance(job, dict) or not job.get("name"):
            continue
        name = str(job["name"])
        if name not in jobs and len(jobs) >= MAX_JOBS:
            continue
        entry = jobs.setdefault(name, _Job(name=name, source=source))
        when = str(event.get("eventTime") or "")
        if when >= entry.newest:
            entry.source, entry.newest = source, when
        job_type = ((job.get("facets") or {}).get("jobType") or {}) if isinstance(job.get("facets"), dict) else {}
        entry.is_dag = entry.is_dag or str(job_type.get("jobType", "")).upper() == "DAG"
        parent = (((event.get("run") or {}).get("facets") or {}).get("parent") or {}).get("job") or {}
        if isinstance(parent, dict) and parent.get("name") and str(parent["name"]) != name:
            parents.add(str(parent["name"]))
            entry.parent = str(parent["name"])
        for side, key in ((entry.inputs, "inputs"), (entry.outputs, "outputs")):
            for dataset in event.get(key) or []:
                if not isinstance(dataset, dict) or not dataset.get("name"):
                    continue
                side.add(_dataset_key(dataset))
                fields = _fields(dataset.get("facets")) if key == "outputs" else None
                ident = (str(dataset.get("namespace") or ""), str(dataset["name"]))
                if fields is not None and when >= entry.schemas.get(ident, ("", [], ""))[0]:
                    entry.schemas[ident] = (when, fields, source)
    if not jobs:
        raise ValueError("no OpenLineage job events")
    return jobs, parents


def _components(jobs: dict[str, _Job]) -> list[list[str]]:
    """Jobs linked by a dataset one writes and another reads, or by the DAG their names share."""
    parent = {name: name for name in jobs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    by_dataset: dict[str, str] = {}
    by_dag: dict[str, str] = {}
    for name, job in jobs.items():
        for dataset in job.inputs | job.outputs:
            if dataset in by_dataset:
                union(name, by_dataset[dataset])
            by_dataset.setdefault(dataset, name)
        dag = job.dag
        if dag:
            if dag in by_dag:
                union(name, by_dag[dag])
            by_dag.setdefault(dag, name)
    groups: dict[str, list[str]] = {}
    for name in jobs:
        groups.setdefault(find(name), []).append(name)
    return list(groups.values())


def lineage_graphs(events: list[tuple[str, Any]]) -> list[PipelineGraph]:
    """One graph per set of jobs linked through datasets (or a shared DAG name), from (file, event) pairs."""
    jobs, parents = _jobs(events)
    tasks = {n: j for n, j in jobs.items() if not j.is_dag and not (n in parents and "." not in n)}
    graphs = []
    for members in _components(tasks):
        short = {m: tasks[m].task or m for m in members}
        clashes = {s for s in short.values() if list(short.values()).count(s) > 1}
        stage_of = {m: m if short[m] in clashes else short[m] for m in members}
        producers: dict[str, list[str]] = {}
        for m in members:
            for out in tasks[m].outputs:
                producers.setdefault(out, []).append(m)
        edges = {(stage_of[p], stage_of[m]) for m in members for d in tasks[m].inputs
                 for p in producers.get(d, []) if p != m}
        dags = sorted({tasks[m].dag for m in members if tasks[m].dag})
        sources = sorted({tasks[m].source for m in members})
        datasets = [DatasetSchema(namespace=namespace, name=name, producer=stage_of[m], fields=fields,
                                  locator=f"{where}#job={m}&output={name}")
                    for m in members for (namespace, name), (_, fields, where) in sorted(tasks[m].schemas.items())]
        graphs.append(PipelineGraph(
            name=dags[0] if len(dags) == 1 else (dags[0] if dags else members[0]), where="deployed",
            format="openlineage", source=sources[0] if len(sources) == 1 else ", ".join(sources[:5]),
            stages=[Stage(name=stage_of[m], kind="job", inputs=sorted(tasks[m].inputs),
                          aliases=[a for a in (m.rpartition(".")[2],) if a != stage_of[m]],
                          outputs=sorted(tasks[m].outputs), locator=f"{tasks[m].source}#job={m}") for m in members],
            edges=[Edge(upstream=a, downstream=b) for a, b in sorted(edges)], datasets=datasets))
    return graphs


def read_openlineage(path: str, events: list[dict[str, Any]]) -> list[PipelineGraph]:
    """The events of one file (see `lineage_graphs` for events from many)."""
    return lineage_graphs([(path, e) for e in events])
