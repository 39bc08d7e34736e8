"""Pipeline graphs from real files: KFP 2.17 spec, OpenLineage events, Airflow 3 REST, and DAG files via ast."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from custody.reviewer.gather.readers.pipelines import (
    read_airflow_dag,
    read_deployed_file,
    read_dvc,
    read_kubeflow,
    read_shipped_pipelines,
)
from custody.reviewer.gather.snapshot import MemorySnapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import fixture_path


def test_kubeflow_spec_with_a_condition() -> None:
    text = fixture_path("ml", "kubeflow", "local_kfp_2.17.0_fraud_detector_training.pipeline.yaml").read_text()
    graph = read_kubeflow("fraud.pipeline.yaml", text, "deployed")
    assert sorted(graph.stage_names()) == ["build-features", "evaluate", "register", "train"]
    assert "build-features" in graph.upstream_of("register")  # through the condition


def test_airflow_rest_tasks() -> None:
    data = fixture_path("ml", "airflow", "local_airflow_3.3.2", "dags_fraud_detector_training_tasks.json").read_bytes()
    (graph,), skipped = read_deployed_file("deployed/airflow-tasks.json", data)
    assert skipped == []
    assert graph.upstream_of("register_challenger") >= {"extract_transactions", "train_model", "evaluate_model"}


def test_openlineage_events_group_by_dag() -> None:
    data = fixture_path("ml", "openlineage", "events", "dbt_build_expected_events.json").read_bytes()
    graphs, skipped = read_deployed_file("deployed/dbt.json", data)
    assert skipped == [] and graphs
    assert all(g.where == "deployed" and g.format == "openlineage" for g in graphs)


def test_marquez_lineage_links_jobs_through_datasets() -> None:
    node = json.loads(fixture_path("ml", "openlineage", "marquez", "lineage_graph_node_DATASET.json").read_text())
    jobs = [{"id": e["origin"], "type": "JOB", "data": {"name": e["origin"].split(":")[-1]},
             "outEdges": [{"origin": e["origin"], "destination": node["id"]}], "inEdges": []} for e in node["inEdges"]]
    jobs += [{"id": e["destination"], "type": "JOB", "data": {"name": e["destination"].split(":")[-1]},
              "inEdges": [e], "outEdges": []} for e in node["outEdges"]]
    (graph,), _ = read_deployed_file("deployed/marquez-lineage.json", json.dumps({"graph": [node, *jobs]}).encode())
    edges = {(e.upstream, e.downstream.split("<")[0].rstrip("0123456789")) for e in graph.edges}
    assert ("writeJob", "readJob") in edges
    (dataset,) = graph.datasets  # the dataset node's fields, for contract checks
    assert (dataset.name, dataset.producer, dataset.fields[2].type) == ("commonDataset", "writeJob", "DATE")


def test_airflow_dag_file_is_parsed_not_run() -> None:
    text = ("import os\nos.system('touch /tmp/pwned')\nfrom airflow.sdk import DAG, task, chain\n"
            "with DAG(dag_id='d') as dag:\n    a = Op(task_id='a')\n    b = Op(task_id='b')\n    c = Op(task_id='c')\n"
            "    d = Op(task_id='d')\n    @task\n    def e():\n        pass\n"
            "    a >> [b, c]\n    c.set_downstream(d)\n    chain(d, e())\n")
    graph = read_airflow_dag("dags/d.py", text, "head")
    assert graph is not None and graph.name == "d"
    assert {(x.upstream, x.downstream) for x in graph.edges} == {("a", "b"), ("a", "c"), ("c", "d"), ("d", "e")}


def test_dvc_edges_from_outs_and_flattened_params() -> None:
    dvc = "stages:\n  a:\n    cmd: x\n    outs: [o.parquet]\n  b:\n    cmd: y\n    deps: [o.parquet]\n"
    graph = read_dvc("dvc.yaml", dvc, "train:\n  lr: 0.1\n  layers: [1, 2]\n", "head")
    assert [(e.upstream, e.downstream) for e in graph.edges] == [("a", "b")]
    assert graph.params == {"train.lr": "0.1", "train.layers": "[1, 2]"}


@pytest.mark.parametrize("name,data", [("x.json", b"{nope"), ("x.ndjson", b"[1]\n"), ("x.pipeline.yaml", b"a: [")])
def test_junk_deployed_files_are_skipped_with_a_reason(name: str, data: bytes) -> None:
    graphs, skipped = read_deployed_file(name, data)
    assert graphs == [] and skipped and skipped[0].what == name


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_dag_reader_never_crashes_beyond_syntax_errors(text: str) -> None:
    with contextlib.suppress(SyntaxError, ValueError):
        read_airflow_dag("dags/x.py", text, "head")


def test_metaflow_flows_are_shipped_pipelines_with_their_base_flows_followed() -> None:
    school = Path(__file__).parents[2] / "fixtures" / "ml" / "metaflow" / "ml-school-7b02278"
    files = {p: (school / p).read_bytes() for p in
             ("src/common/pipeline.py", "src/pipelines/monitoring.py", "src/pipelines/traffic.py")}
    graphs, problems = read_shipped_pipelines(MemorySnapshot(files), "head")
    flows = {g.source: g for g in graphs if g.format == "metaflow"}
    assert problems == [] and set(flows) == {"src/pipelines/monitoring.py", "src/pipelines/traffic.py"}
    assert flows["src/pipelines/traffic.py"].options == [
        "backend", "dataset", "drift", "ground-truth-quality", "mlflow-tracking-uri", "mode", "samples"]
