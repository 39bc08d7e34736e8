"""Pipeline graphs: dvc.yaml, Airflow DAGs (parsed with `ast`), Kubeflow, OpenLineage, Airflow REST, Marquez."""

from __future__ import annotations

import json
from typing import Any, Literal

import yaml
from custody.reviewer.gather.readers.airflow_dag import read_airflow_dags
from custody.reviewer.gather.readers.dvc import read_dvc_pipeline
from custody.reviewer.gather.readers.kubeflow import looks_like_compiled_spec, read_kfp_python, read_kubeflow
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError
from custody.reviewer.gather.snapshot import Snapshot, read_text
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage

MAX_PIPELINE_BYTES = 2 * 1024 * 1024
MAX_DAG_FILES = 200
MAX_SPEC_FILES = 200  # YAML/JSON files opened to see whether they are compiled pipeline specs
SPEC_SKIP = (".github/", "node_modules/", ".dvc/")
PY_HINTS = ("dag", "pipeline", "kfp", "kubeflow", "flow")


def _line(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


# -- dvc ---------------------------------------------------------------------------------------

def read_dvc(path: str, text: str, params_text: str | None, where: Literal["head", "base"]) -> PipelineGraph:
    """A dvc.yaml whose params.yaml (beside it) has the given text."""
    params_path = f"{path.removesuffix('dvc.yaml')}params.yaml"
    graph, _ = read_dvc_pipeline(path, text, where, lambda p: params_text if p == params_path else None)
    return graph


# -- Airflow DAG files, statically ---------------------------------------------------------------

def read_airflow_dag(path: str, text: str, where: Literal["head", "base"]) -> PipelineGraph | None:
    """The first DAG a file defines (see `read_airflow_dags` for every one)."""
    graphs = read_airflow_dags(path, text, where)
    return graphs[0] if graphs else None


# -- deployed: OpenLineage, Airflow REST, Marquez -----------------------------------------------

def read_openlineage(path: str, events: list[dict[str, Any]]) -> list[PipelineGraph]:
    """Jobs `<dag>.<task>` become stages `<task>`; a job reading another's output depends on it."""
    jobs: dict[str, dict[str, set[str]]] = {}
    for event in events:
        job = event.get("job") if isinstance(event, dict) else None
        if not isinstance(job, dict) or not job.get("name"):
            continue
        entry = jobs.setdefault(str(job["name"]), {"in": set(), "out": set()})
        for side, key in (("in", "inputs"), ("out", "outputs")):
            for dataset in event.get(key) or []:
                if isinstance(dataset, dict):
                    entry[side].add(f"{dataset.get('namespace')}/{dataset.get('name')}")
    if not jobs:
        raise ValueError("no OpenLineage job events")
    groups: dict[str, list[str]] = {}
    for name in jobs:
        dag, _, _task = name.rpartition(".")
        groups.setdefault(dag or name, []).append(name)
    graphs = []
    for dag, members in groups.items():
        stage_of = {m: (m.rpartition(".")[2] or m) for m in members}
        produced = {out: m for m in members for out in jobs[m]["out"]}
        edges = {(stage_of[produced[d]], stage_of[m]) for m in members for d in jobs[m]["in"]
                 if d in produced and produced[d] != m}
        graphs.append(PipelineGraph(
            name=dag, where="deployed", format="openlineage", source=path,
            stages=[Stage(name=stage_of[m], kind="job", inputs=sorted(jobs[m]["in"]), outputs=sorted(jobs[m]["out"]),
                          locator=f"{path}#job={m}") for m in members],
            edges=[Edge(upstream=a, downstream=b) for a, b in sorted(edges)]))
    return graphs


def read_airflow_tasks(path: str, data: dict[str, Any]) -> PipelineGraph:
    tasks = data.get("tasks")
    if not isinstance(tasks, list):
        raise ValueError("no tasks list")
    stages, edges = [], []
    for index, task in enumerate(tasks):
        if not isinstance(task, dict) or not task.get("task_id"):
            continue
        stages.append(Stage(name=str(task["task_id"]), kind=str((task.get("class_ref") or {}).get("class_name") or ""),
                            locator=f"{path}#/tasks/{index}"))
        edges += [Edge(upstream=str(task["task_id"]), downstream=str(d)) for d in task.get("downstream_task_ids") or []]
    return PipelineGraph(name=path, where="deployed", format="airflow_rest", source=path, stages=stages, edges=edges)


def read_marquez(path: str, data: dict[str, Any]) -> PipelineGraph:
    nodes = data.get("graph")
    if not isinstance(nodes, list):
        raise ValueError("no lineage graph")
    by_id = {n.get("id"): n for n in nodes if isinstance(n, dict)}
    jobs = {i: n for i, n in by_id.items() if n.get("type") == "JOB"}
    edges: set[tuple[str, str]] = set()
    for job_id in jobs:
        for edge in by_id[job_id].get("outEdges") or []:
            dataset = by_id.get(edge.get("destination"))
            for onward in (dataset or {}).get("outEdges") or []:
                if onward.get("destination") in jobs:
                    edges.add((str(job_id), str(onward["destination"])))
    name = {i: str((n.get("data") or {}).get("name") or i).rpartition(".")[2] for i, n in jobs.items()}
    return PipelineGraph(name=path, where="deployed", format="marquez", source=path,
                         stages=[Stage(name=name[i], kind="job", locator=f"{path}#{i}") for i in jobs],
                         edges=[Edge(upstream=name[a], downstream=name[b]) for a, b in sorted(edges)])


def read_deployed_file(name: str, data: bytes) -> tuple[list[PipelineGraph], list[Skipped]]:
    try:
        text = data.decode("utf-8")
        base = name.rsplit("/", 1)[-1]
        if base.endswith(".pipeline.yaml") or base.endswith(".pipeline.yml"):
            return [read_kubeflow(name, text, "deployed")], []
        if base.endswith(".ndjson"):
            events = [json.loads(line) for line in text.splitlines() if line.strip()]
            return read_openlineage(name, events), []
        if base.endswith(".json"):
            parsed = json.loads(text)
            if base == "airflow-tasks.json" or (isinstance(parsed, dict) and "tasks" in parsed):
                return [read_airflow_tasks(name, parsed)], []
            if base == "marquez-lineage.json" or (isinstance(parsed, dict) and "graph" in parsed):
                return [read_marquez(name, parsed)], []
            events = parsed if isinstance(parsed, list) else [parsed]
            return read_openlineage(name, events), []
    except YamlLimitError as exc:
        return [], [Skipped(what=name, why=exc.reason)]
    except (ValueError, UnicodeDecodeError, RecursionError, yaml.YAMLError, AttributeError, TypeError) as exc:
        return [], [Skipped(what=name, why=f"not a pipeline graph this reader knows ({type(exc).__name__})")]
    return [], [Skipped(what=name, why="unknown deployed-graph format")]


def read_shipped_pipelines(
    snapshot: Snapshot, where: Literal["head", "base"]
) -> tuple[list[PipelineGraph], list[Skipped]]:
    """dvc.yaml, compiled Kubeflow specs (by name or by content), Airflow DAG files, KFP pipelines in Python."""
    graphs: list[PipelineGraph] = []
    problems: list[Skipped] = []
    paths = snapshot.paths()
    python_files = spec_files = 0
    for path in paths:
        base = path.rsplit("/", 1)[-1]
        lowered = path.lower()
        try:
            if base == "dvc.yaml":
                text = read_text(snapshot, path, MAX_PIPELINE_BYTES)
                if text is not None:
                    dvc, unreadable = read_dvc_pipeline(path, text, where, lambda p: read_text(snapshot, p))
                    graphs.append(dvc)
                    if where == "head":
                        problems += [Skipped(what=p, why=why) for p, why in unreadable.items()]
            elif base.endswith((".pipeline.yaml", ".pipeline.yml")):
                text = read_text(snapshot, path, MAX_PIPELINE_BYTES)
                if text is not None:
                    graphs.append(read_kubeflow(path, text, where))
            elif (base.endswith((".yaml", ".yml", ".json")) and spec_files < MAX_SPEC_FILES
                  and not lowered.startswith(SPEC_SKIP) and ("pipeline" in lowered or "kfp" in lowered
                                                            or "kubeflow" in lowered or "vertex" in lowered)):
                spec_files += 1
                text = read_text(snapshot, path, MAX_PIPELINE_BYTES)
                if text is not None and looks_like_compiled_spec(text):
                    graphs.append(read_kubeflow(path, text, where))
            elif path.endswith(".py") and python_files < MAX_DAG_FILES and any(w in lowered for w in PY_HINTS):
                text = read_text(snapshot, path, MAX_PIPELINE_BYTES)
                if text is None:
                    continue
                if "DAG" in text or "@dag" in text:
                    python_files += 1
                    graphs += read_airflow_dags(path, text, where)
                elif "kfp" in text and "pipeline" in text:
                    python_files += 1
                    graphs += read_kfp_python(path, text, where)
        except YamlLimitError as exc:
            if where == "head":
                problems.append(Skipped(what=path, why=exc.reason))
        except (ValueError, SyntaxError, yaml.YAMLError, RecursionError, AttributeError, TypeError) as exc:
            if where == "head":
                problems.append(Skipped(what=path, why=f"pipeline definition not readable ({type(exc).__name__})"))
    return graphs, problems
