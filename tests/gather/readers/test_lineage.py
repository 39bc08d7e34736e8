"""OpenLineage events merged across files: jobs linked through datasets, DAG runs not stages, schema facets kept."""

from __future__ import annotations

import json
from typing import Any

from custody.reviewer.gather.readers.pipelines import read_deployed_files


def _event(job: str, inputs: list[str], outputs: list[str], when: str = "2026-01-01T00:00:00Z",
           fields: list[tuple[str, str]] | None = None, parent: str | None = None,
           job_type: str = "TASK") -> dict[str, Any]:
    def dataset(name: str, out: bool) -> dict[str, Any]:
        facets: dict[str, Any] = {}
        if out and fields is not None:
            facets["schema"] = {"fields": [{"name": n, "type": t} for n, t in fields]}
        return {"namespace": "s3://lake", "name": name, "facets": facets}
    run: dict[str, Any] = {"runId": "r"}
    if parent:
        run["facets"] = {"parent": {"job": {"namespace": "airflow", "name": parent}, "run": {"runId": "p"}}}
    return {"eventType": "COMPLETE", "eventTime": when, "run": run,
            "job": {"namespace": "airflow", "name": job, "facets": {"jobType": {"jobType": job_type}}},
            "inputs": [dataset(n, False) for n in inputs], "outputs": [dataset(n, True) for n in outputs]}


def _file(name: str, *events: dict[str, Any]) -> tuple[str, bytes]:
    return name, json.dumps(events[0] if len(events) == 1 else list(events)).encode()


def test_events_one_per_file_make_one_graph_through_their_datasets() -> None:
    files = [_file("deployed/1.json", _event("etl.extract", ["raw"], ["staged"], parent="etl")),
             _file("deployed/2.json", _event("etl.clean", ["staged"], ["clean"], parent="etl")),
             _file("deployed/3.json", _event("ml_train.fit", ["clean"], ["model"], parent="ml_train")),
             _file("deployed/4.json", _event("etl", [], [], job_type="DAG"))]
    (graph,), skipped = read_deployed_files(files)
    assert skipped == []
    assert sorted(graph.stage_names()) == ["clean", "extract", "fit"]
    assert {(e.upstream, e.downstream) for e in graph.edges} == {("extract", "clean"), ("clean", "fit")}
    assert graph.stages[0].locator == "deployed/1.json#job=etl.extract"


def test_unrelated_jobs_stay_apart_and_clashing_task_names_keep_their_dag() -> None:
    files = [_file("deployed/a.ndjson", _event("a.load", ["x"], ["y"])),
             _file("deployed/b.json", _event("b.load", ["p"], ["q"]), _event("b.score", ["q"], ["r"]))]
    graphs, _ = read_deployed_files(files)
    assert sorted(g.name for g in graphs) == ["a", "b"]
    files.append(_file("deployed/c.json", _event("c.join", ["y", "r"], ["z"])))
    (merged,), _ = read_deployed_files(files)
    assert {"a.load", "b.load", "score", "join"} == set(merged.stage_names())


def test_the_newest_schema_facet_of_an_output_is_kept_with_its_producer() -> None:
    old = _event("d.write", ["in"], ["features"], "2026-01-01T00:00:00Z", [("id", "VARCHAR")])
    new = _event("d.write", ["in"], ["features"], "2026-02-01T00:00:00Z", [("id", "VARCHAR"), ("total", "BIGINT")])
    (graph,), _ = read_deployed_files([_file("deployed/new.json", new), _file("deployed/old.json", old)])
    (dataset,) = graph.datasets
    assert (dataset.namespace, dataset.name, dataset.producer) == ("s3://lake", "features", "write")
    assert [(f.name, f.type) for f in dataset.fields] == [("id", "VARCHAR"), ("total", "BIGINT")]
    assert dataset.locator == "deployed/new.json#job=d.write&output=features"


def test_a_task_group_task_keeps_its_group_when_the_parent_names_the_dag() -> None:
    files = [_file("deployed/1.json", _event("etl.extract.orders", ["raw"], ["staged"], parent="etl")),
             _file("deployed/2.json", _event("etl.load", ["staged"], ["wh"], parent="etl"))]
    (graph,), _ = read_deployed_files(files)
    assert graph.name == "etl" and sorted(graph.stage_names()) == ["extract.orders", "load"]
