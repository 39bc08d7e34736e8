"""Pipeline graphs, found in a tree or a deployed folder: dvc.yaml (readers/dvc.py), Airflow DAG files
(readers/airflow_dag.py), Kubeflow specs and Python pipelines (readers/kubeflow.py), MLflow projects
(readers/mlproject.py), Metaflow flows (readers/metaflow.py), Kedro projects (readers/kedro.py), OpenLineage events
(readers/lineage.py), Airflow REST task lists and Marquez lineage (here)."""

from __future__ import annotations

import functools
import json
from typing import Any, Literal

import yaml
from custody.reviewer.gather.readers.airflow_dag import read_airflow_dags
from custody.reviewer.gather.readers.dvc import read_dvc_pipeline
from custody.reviewer.gather.readers.kedro import read_kedro
from custody.reviewer.gather.readers.kubeflow import looks_like_compiled_spec, read_kfp_python, read_kubeflow
from custody.reviewer.gather.readers.lineage import lineage_graphs
from custody.reviewer.gather.readers.metaflow import read_metaflow
from custody.reviewer.gather.readers.mlproject import is_mlproject, read_mlproject
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError
from custody.reviewer.gather.readers.tfx import read_tfx_python
from custody.reviewer.gather.snapshot import Snapshot, read_text
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.model.evidence.pipeline import DatasetSchema, Edge, PipelineGraph, SchemaField, Stage

MAX_PIPELINE_BYTES = 2 * 1024 * 1024
MAX_DAG_FILES = 200
MAX_SPEC_FILES = 200  # YAML/JSON files opened to see whether they are compiled pipeline specs
SPEC_SKIP = (".github/", "node_modules/", ".dvc/")
PY_HINTS = ("dag", "pipeline", "kfp", "kubeflow", "flow", "airflow", "etl", "orchestrat", "vertex")


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
    datasets = []
    for node_id, node in by_id.items():  # a dataset node with its fields: what the writing job produces
        info = node.get("data") if node.get("type") == "DATASET" else None
        fields = info.get("fields") if isinstance(info, dict) else None
        if not isinstance(info, dict) or not isinstance(fields, list) or not info.get("name"):
            continue
        writers = [e.get("origin") for e in node.get("inEdges") or [] if isinstance(e, dict)]
        producer = next((name[w] for w in writers if w in name), None)
        datasets.append(DatasetSchema(
            namespace=str(info.get("namespace") or ""), name=str(info.get("physicalName") or info["name"]),
            producer=producer, locator=f"{path}#{node_id}",
            fields=[SchemaField(name=str(f["name"]), type=str(f["type"]) if f.get("type") else None)
                    for f in fields if isinstance(f, dict) and f.get("name")]))
    return PipelineGraph(name=path, where="deployed", format="marquez", source=path,
                         stages=[Stage(name=name[i], kind="job", locator=f"{path}#{i}") for i in jobs],
                         edges=[Edge(upstream=name[a], downstream=name[b]) for a, b in sorted(edges)],
                         datasets=datasets)


def _events(name: str, text: str) -> list[Any] | None:
    """The OpenLineage events of a deployed file, or None when it is another format."""
    base = name.rsplit("/", 1)[-1]
    if base.endswith(".ndjson"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if base.endswith(".json"):
        parsed = json.loads(text)
        if base in ("airflow-tasks.json", "marquez-lineage.json") or (
                isinstance(parsed, dict) and ("tasks" in parsed or "graph" in parsed)):
            return None
        return parsed if isinstance(parsed, list) else [parsed]
    return None


def _one_deployed(name: str, text: str) -> list[PipelineGraph]:
    base = name.rsplit("/", 1)[-1]
    if base.endswith((".pipeline.yaml", ".pipeline.yml")):
        return [read_kubeflow(name, text, "deployed")]
    if base.endswith(".json"):
        parsed = json.loads(text)
        if base == "airflow-tasks.json" or (isinstance(parsed, dict) and "tasks" in parsed):
            return [read_airflow_tasks(name, parsed)]
        if base == "marquez-lineage.json" or (isinstance(parsed, dict) and "graph" in parsed):
            return [read_marquez(name, parsed)]
    raise LookupError(name)


def read_deployed_files(files: list[tuple[str, bytes]]) -> tuple[list[PipelineGraph], list[Skipped]]:
    """Every deployed file; OpenLineage events of all files are merged, so datasets link jobs across files."""
    graphs: list[PipelineGraph] = []
    skipped: list[Skipped] = []
    events: list[tuple[str, Any]] = []
    for name, data in files:
        try:
            text = data.decode("utf-8")
            found = _events(name, text)
            if found is not None:
                if not any(isinstance(e, dict) and isinstance(e.get("job"), dict) for e in found):
                    raise ValueError("no OpenLineage job events")
                events += [(name, e) for e in found]
                continue
            graphs += _one_deployed(name, text)
        except LookupError:
            skipped.append(Skipped(what=name, why="unknown deployed-graph format"))
        except YamlLimitError as exc:
            skipped.append(Skipped(what=name, why=exc.reason))
        except (ValueError, UnicodeDecodeError, RecursionError, yaml.YAMLError, AttributeError, TypeError) as exc:
            skipped.append(Skipped(what=name, why=f"not a pipeline graph this reader knows ({type(exc).__name__})"))
    if events:
        try:
            graphs += lineage_graphs(events)
        except (ValueError, TypeError, AttributeError) as exc:
            skipped.append(Skipped(what="deployed OpenLineage events", why=f"unreadable ({type(exc).__name__})"))
    return graphs, skipped


def read_deployed_file(name: str, data: bytes) -> tuple[list[PipelineGraph], list[Skipped]]:
    return read_deployed_files([(name, data)])


def read_shipped_pipelines(
    snapshot: Snapshot, where: Literal["head", "base"]
) -> tuple[list[PipelineGraph], list[Skipped]]:
    """dvc.yaml, MLproject files, compiled Kubeflow specs (by name or by content), Airflow DAG files, KFP and
    TFX pipelines in Python, Metaflow flows, Kedro projects."""
    graphs: list[PipelineGraph] = []
    problems: list[Skipped] = []
    paths = snapshot.paths()
    # The Python readers share files (a Metaflow base flow, a Kedro project's pipeline modules, which
    # the DAG scan reads too): each is read once per call.
    read = functools.cache(lambda p: read_text(snapshot, p, MAX_PIPELINE_BYTES))
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
            elif is_mlproject(path):
                text = read_text(snapshot, path, MAX_PIPELINE_BYTES)
                if text is not None:
                    graphs.append(read_mlproject(path, text, where))
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
                text = read(path)
                if text is None:
                    continue
                tfx = read_tfx_python(path, text, where) if "tfx" in text and "components" in text else []
                if tfx:
                    python_files += 1
                    graphs += tfx
                elif "DAG" in text or "@dag" in text:
                    python_files += 1
                    graphs += read_airflow_dags(path, text, where)
                elif "kfp" in text and "pipeline" in text:
                    python_files += 1
                    graphs += read_kfp_python(path, text, where)
                elif "FlowSpec" in text or ("@step" in text and "metaflow" in text):
                    python_files += 1
                    graphs += read_metaflow(path, text, where, paths, read)
        except YamlLimitError as exc:
            if where == "head":
                problems.append(Skipped(what=path, why=exc.reason))
        except (ValueError, SyntaxError, yaml.YAMLError, RecursionError, AttributeError, TypeError,
                LookupError) as exc:  # one unreadable definition must not cost the others
            if where == "head":
                problems.append(Skipped(what=path, why=f"pipeline definition not readable ({type(exc).__name__})"))
    try:  # Kedro projects span files (pipelines, registry, conf/base), so they are read apart
        kedro = read_kedro(paths, read, where)
    except (ValueError, RecursionError, AttributeError, TypeError, LookupError) as exc:
        kedro = []
        if where == "head":
            problems.append(Skipped(what="Kedro project", why=f"not readable ({type(exc).__name__})"))
    graphs += kedro
    if where == "head":
        problems += [Skipped(what=g.source, why=f"Kedro pipeline read in part: {u}")
                     for g in kedro for u in g.unresolved]
    return graphs, problems
