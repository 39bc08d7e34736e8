"""Pipeline graphs: stage names and families, the counterpart at base, and transitive upstreams."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage
from pydantic import ValidationError


def graph(name: str, stages: list[str], edges: list[tuple[str, str]] = (), source: str = "dvc.yaml",
          where: str = "head") -> PipelineGraph:
    return PipelineGraph.model_validate({
        "name": name, "where": where, "format": "dvc", "source": source,
        "stages": [{"name": s, "locator": f"{source}#{s}"} for s in stages],
        "edges": [{"upstream": u, "downstream": d} for u, d in edges]})


def test_a_stage_lists_its_own_name_first_then_its_family_then_aliases_without_repeats() -> None:
    stage = Stage(name="train@a", group="train", aliases=["train", "fit"], locator="dvc.yaml#L4")
    assert stage.names() == ["train@a", "train", "fit"]
    assert Stage(name="prep", locator="x").names() == ["prep"]


def test_stages_are_found_by_exact_name_then_family_then_alias() -> None:
    g = PipelineGraph(name="p", where="head", format="airflow_dag", source="dags/p.py", stages=[
        Stage(name="train@a", group="train", locator="l"), Stage(name="train@b", group="train", locator="l"),
        Stage(name="etl.load", group="etl", aliases=["load"], locator="l"), Stage(name="train", locator="l")])
    assert [s.name for s in g.stages_named("train")] == ["train"]  # an exact name beats the family
    assert [s.name for s in g.stages_named("etl")] == ["etl.load"]
    assert [s.name for s in g.stages_named("load")] == ["etl.load"]
    assert g.stages_named("missing") == []
    assert g.group_names() == ["train@a", "train", "train@b", "etl.load", "etl", "load"]


def test_upstream_is_transitive_survives_cycles_and_includes_family_names() -> None:
    g = graph("p", ["prep@x", "featurize", "train", "evaluate"],
              [("prep@x", "featurize"), ("featurize", "train"), ("train", "evaluate"), ("evaluate", "featurize")])
    g.stages[0].group = "prep"
    assert g.upstream_of("train") == {"prep@x", "prep", "featurize", "train", "evaluate"}
    assert g.upstream_of("prep@x") == set()
    assert g.upstream_of("nowhere") == set()


def test_a_family_name_collects_the_upstreams_of_every_member() -> None:
    g = graph("p", ["a", "b", "train@1", "train@2"], [("a", "train@1"), ("b", "train@2")])
    for stage in g.stages[2:]:
        stage.group = "train"
    assert g.upstream_of("train") == {"a", "b"}


def test_the_counterpart_is_the_same_file_and_name() -> None:
    head = graph("train", ["a"], source="dvc.yaml")
    others = [graph("train", ["a"], source="other/dvc.yaml", where="base"),
              graph("train", ["z"], source="dvc.yaml", where="base"),
              graph("serve", ["a"], source="dvc.yaml", where="base")]
    assert head.counterpart(others) is others[1]


def test_a_renamed_dag_is_matched_by_shared_stages_and_a_lone_graph_by_its_file() -> None:
    head = graph("fraud_v2", ["extract", "train", "push"], source="dags/fraud.py")
    old = graph("fraud", ["extract", "train"], source="dags/fraud.py", where="base")
    unrelated = graph("report", ["render"], source="dags/fraud.py", where="base")
    assert head.counterpart([unrelated, old]) is old
    assert head.counterpart([unrelated]) is unrelated  # the only graph of the file
    assert head.counterpart([unrelated, graph("x", ["y"], source="dags/fraud.py")]) is None
    assert head.counterpart([graph("fraud", ["extract"], source="dags/other.py")]) is None
    assert head.counterpart([]) is None


@pytest.mark.parametrize("bad", [{"where": "prod"}, {"format": "argo"}, {"stages": [{"name": "x"}]}])
def test_unknown_places_formats_and_stages_without_a_locator_are_refused(bad: dict[str, object]) -> None:
    fields = {"name": "p", "where": "head", "format": "dvc", "source": "dvc.yaml", **bad}
    with pytest.raises(ValidationError):
        PipelineGraph.model_validate(fields)


def test_a_graph_round_trips_through_json() -> None:
    g = graph("p", ["a", "b"], [("a", "b")])
    g.params = {"train.lr": "0.01"}
    g.param_locators = {"train.lr": "params.yaml#L3"}
    again = PipelineGraph.model_validate_json(g.model_dump_json())
    assert again == g and again.edges == [Edge(upstream="a", downstream="b")]
