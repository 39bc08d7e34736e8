"""The design agent matches a planned stage with the family a DVC foreach/matrix expands into."""

from __future__ import annotations

from custody.agents.design import DesignAgent
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.design import DesignDoc, PlannedEdge, PlannedStage
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook


def _graph(where: str, stages: list[Stage], edges: list[tuple[str, str]]) -> PipelineGraph:
    return PipelineGraph(name="dvc.yaml", where=where, format="dvc", source="dvc.yaml",  # type: ignore[arg-type]
                         stages=stages, edges=[Edge(upstream=a, downstream=b) for a, b in edges])


def _stage(name: str, group: str | None = None) -> Stage:
    return Stage(name=name, group=group, locator="dvc.yaml#L2")


def _review(head: PipelineGraph, base: PipelineGraph) -> list[tuple[str, str]]:
    doc = DesignDoc(path="docs/design.md", stages=[PlannedStage(name=n, locator="docs/design.md#L3")
                                                   for n in ("prepare", "train", "evaluate")],
                    edges=[PlannedEdge(upstream="prepare", downstream="train", locator="docs/design.md#L9")])
    evidence = Evidence(pull_request=PullRequest(repo="a/b", number=1), config=RepoConfig(), design_docs=[doc],
                        shipped_pipelines=[head], base_pipelines=[base])
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.subject) for f in result.findings]


def test_a_foreach_family_satisfies_the_planned_stage_and_its_order() -> None:
    stages = [_stage("prepare@train", "prepare"), _stage("prepare@val", "prepare"), _stage("train"),
              _stage("evaluate@train", "evaluate"), _stage("evaluate@val", "evaluate")]
    head = _graph("head", stages, [("prepare@train", "train"), ("train", "evaluate@val")])
    assert _review(head, _graph("base", stages, [])) == []


def test_a_new_family_is_one_unplanned_stage_and_a_dropped_one_is_missing() -> None:
    base = [_stage("prepare"), _stage("train"), _stage("evaluate@a", "evaluate")]
    head = [_stage("prepare"), _stage("train"), _stage("sweep@a", "sweep"), _stage("sweep@b", "sweep")]
    found = _review(_graph("head", head, [("prepare", "train")]), _graph("base", base, []))
    assert sorted(found) == [("design.stage_missing", "evaluate"), ("design.stage_unplanned", "sweep")]


def test_a_parameter_finding_cites_the_file_and_line_the_reader_found_and_plans_no_stage() -> None:
    from custody.reviewer.model.evidence.design import PlannedParam

    graph = _graph("head", [_stage("train")], [])
    graph.params = {"train.lr": "0.3"}
    graph.param_locators = {"train.lr": "conf/train.yaml#L7"}
    doc = DesignDoc(path="docs/design.md",
                    params=[PlannedParam(key="train.lr", value="0.1", locator="docs/design.md#L4")])
    evidence = Evidence(pull_request=PullRequest(repo="a/b", number=1), config=RepoConfig(), design_docs=[doc],
                        shipped_pipelines=[graph])
    findings = DesignAgent().review(evidence, build_rulebook(evidence.config)[0]).findings
    (finding,) = findings
    assert (finding.kind, finding.path, finding.line) == ("design.param_mismatch", "conf/train.yaml", 7)
    assert finding.citations[1].locator == "conf/train.yaml#L7"


def test_the_base_of_a_graph_is_the_same_dag_of_the_same_file() -> None:
    first = PipelineGraph(name="a", where="base", format="airflow_dag", source="dags/x.py")
    second = PipelineGraph(name="b", where="base", format="airflow_dag", source="dags/x.py")
    head = PipelineGraph(name="b", where="head", format="airflow_dag", source="dags/x.py")
    assert head.counterpart([first, second]) is second
    assert PipelineGraph(name="c", where="head", format="airflow_dag", source="dags/x.py").counterpart(
        [first, second]) is None
    assert head.counterpart([first]) is first


def test_a_plan_may_name_a_task_by_its_bare_id_or_its_component() -> None:
    stages = [Stage(name="ingest.extract", group="ingest", aliases=["extract"], locator="d.py#L3"),
              Stage(name="Train model", aliases=["train"], locator="p.py#L9"), _stage("evaluate")]
    head = _graph("head", stages, [("ingest.extract", "Train model"), ("Train model", "evaluate")])
    doc = DesignDoc(path="docs/design.md", stages=[PlannedStage(name=n, locator="docs/design.md#L3")
                                                   for n in ("extract", "train", "evaluate")],
                    edges=[PlannedEdge(upstream="extract", downstream="train", locator="docs/design.md#L9"),
                           PlannedEdge(upstream="train", downstream="evaluate", locator="docs/design.md#L9")])
    evidence = Evidence(pull_request=PullRequest(repo="a/b", number=1), config=RepoConfig(), design_docs=[doc],
                        shipped_pipelines=[head], base_pipelines=[head.model_copy(update={"where": "base"})])
    assert DesignAgent().review(evidence, build_rulebook(evidence.config)[0]).findings == []
    assert head.upstream_of("evaluate") >= {"extract", "ingest", "train", "Train model"}
