"""The design agent: planned stages, order and parameters against shipped and deployed graphs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from custody.agents.design import DesignAgent, same_value
from custody.reviewer.gather.readers.design import read_design_doc
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff, FileChange
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook

Where = Literal["head", "base", "deployed"]


def graph(source: str, names: list[str], edges: Sequence[tuple[str, str]] = (),
          where: Where = "head", params: dict[str, str] | None = None) -> PipelineGraph:
    stages = [Stage(name=n, locator=f"{source}#L{i}") for i, n in enumerate(names, 1)]
    return PipelineGraph(name=source, where=where, format="airflow_dag" if where != "deployed" else "kubeflow",
                         source=source, stages=stages, edges=[Edge(upstream=a, downstream=b) for a, b in edges],
                         params=params or {})


def review(docs: dict[str, str], head: Sequence[PipelineGraph], base: Sequence[PipelineGraph] = (),
           deployed: Sequence[PipelineGraph] = (), changed: Sequence[str] = ()) -> AgentResult:
    evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), config=RepoConfig(),
                        diff=Diff(files=[FileChange(path=p) for p in changed]),
                        design_docs=[read_design_doc(p, t) for p, t in docs.items()],
                        shipped_pipelines=list(head), base_pipelines=list(base), deployed_pipelines=list(deployed))
    return DesignAgent().review(evidence, build_rulebook(evidence.config)[0])


def kinds(result: AgentResult) -> list[tuple[str, str, str]]:
    return sorted((f.kind, f.subject, f.severity) for f in result.findings)


MERMAID_DOC = """# Scoring

```mermaid
flowchart LR
  s1[pull_events] --> s2[dedupe] --> s3[score]
  s3 --> s4[publish]
```
"""


def test_opaque_mermaid_ids_are_compared_through_their_labels() -> None:
    head = graph("dags/score.py", ["pull_events", "score", "publish"], [("pull_events", "score"),
                                                                         ("score", "publish")])
    result = review({"docs/design/score.md": MERMAID_DOC}, [head], changed=["dags/score.py"])
    assert kinds(result) == [("design.stage_missing", "dedupe", "high")]
    assert result.findings[0].citations[0].locator == "docs/design/score.md#L5"


def test_a_clean_graph_gets_no_finding_and_says_what_it_checked() -> None:
    head = graph("dags/score.py", ["pull_events", "dedupe", "score", "publish"],
                 [("pull_events", "dedupe"), ("dedupe", "score"), ("score", "publish")])
    result = review({"docs/design/score.md": MERMAID_DOC}, [head], changed=["dags/score.py"])
    assert result.findings == []
    assert any("docs/design/score.md" in c for c in result.checked)


def test_reversed_order_is_an_edge_mismatch_but_an_unwired_stage_is_not() -> None:
    reversed_graph = graph("dags/score.py", ["pull_events", "dedupe", "score", "publish"],
                           [("pull_events", "score"), ("score", "dedupe"), ("score", "publish")])
    result = review({"docs/design/score.md": MERMAID_DOC}, [reversed_graph])
    assert ("design.edge_mismatch", "dedupe→score", "medium") in kinds(result)
    unwired = graph("dvc.yaml", ["pull_events", "dedupe", "score", "publish"], [("pull_events", "dedupe")])
    assert [k for k in kinds(review({"docs/design/score.md": MERMAID_DOC}, [unwired]))
            if k[0] == "design.edge_mismatch"] == []


def test_an_edge_the_base_graph_broke_too_is_low_when_the_pr_leaves_the_doc_alone() -> None:
    names = ["pull_events", "dedupe", "score", "publish"]
    edges = [("pull_events", "score"), ("score", "dedupe"), ("score", "publish")]
    before = graph("dags/score.py", [*names, "audit"], edges, where="base")
    result = review({"docs/design/score.md": MERMAID_DOC}, [graph("dags/score.py", names, edges)], base=[before],
                    changed=["dags/score.py"])
    assert ("design.edge_mismatch", "dedupe→score", "low") in kinds(result)
    # The PR that breaks the edge is held to it, and so is one that writes the planned edge into the doc.
    wired = graph("dags/score.py", names, [("pull_events", "dedupe"), ("dedupe", "score"), ("score", "publish")],
                  where="base")
    assert ("design.edge_mismatch", "dedupe→score", "medium") in kinds(
        review({"docs/design/score.md": MERMAID_DOC}, [graph("dags/score.py", names, edges)], base=[wired]))
    assert ("design.edge_mismatch", "dedupe→score", "medium") in kinds(
        review({"docs/design/score.md": MERMAID_DOC}, [graph("dags/score.py", names, edges)], base=[before],
               changed=["docs/design/score.md"]))


TABLE_DOC = """## Steps

| # | Step | Runs after |
|---|------|------------|
| 1 | Read Orders | - |
| 2 | Check Schema | 1 |
| 3 | Score Orders | 2 |
"""


def test_multiword_table_steps_match_display_names_in_the_deployed_spec() -> None:
    head = graph("pipelines/orders/pipeline.py", ["Read Orders", "Score Orders"], [("Read Orders", "Score Orders")])
    deployed = graph("deployed/orders.pipeline.yaml", ["Read Orders", "Check Schema", "Score Orders"],
                     [("Read Orders", "Check Schema"), ("Check Schema", "Score Orders")], where="deployed")
    result = review({"pipelines/README.md": TABLE_DOC}, [head], deployed=[deployed],
                    changed=["pipelines/orders/pipeline.py"])
    assert kinds(result) == [("design.stage_missing", "Check Schema", "high")]


TEMPLATE_DOC = """## Per-source DAGs

```mermaid
flowchart LR
  fetch["fetch_&lt;src&gt;"] --> chunk["chunk_md | chunk_html"] --> load["load_&lt;src&gt;"]
```
"""


def test_a_template_doc_is_checked_against_every_graph_that_follows_it() -> None:
    full = graph("dags/load_blog.py", ["fetch_blog", "chunk_md", "load_blog"])
    skipping = graph("dags/load_forum.py", ["fetch_forum", "load_forum"])
    result = review({"docs/ingest.md": TEMPLATE_DOC}, [full, skipping], changed=["dags/load_forum.py"])
    assert kinds(result) == [("design.stage_missing", "chunk", "high")]
    assert result.findings[0].path == "dags/load_forum.py"


def test_a_doc_spread_over_several_graphs_is_not_a_template() -> None:
    doc = "```mermaid\nflowchart LR\n  a[pull] --> b[clean] --> c[fit] --> d[serve]\n```\n"
    first = graph("dags/a.py", ["pull", "clean"])
    second = graph("dags/b.py", ["fit", "serve"])
    assert review({"docs/design/x.md": doc}, [first, second]).findings == []


def test_a_stage_the_doc_names_and_the_pr_removes_is_missing() -> None:
    doc = ("# Plan\n\nThe seed re-runs `fit_seed2` and `fit_seed3` give the noise floor; `report` "
           "must show them next to `fit`.\n")
    base = graph("exp/dvc.yaml", ["fit", "fit_seed2", "fit_seed3", "report"], where="base")
    head = graph("exp/dvc.yaml", ["fit", "fit_seed3", "report"])
    assert kinds(review({"exp/docs/plan.md": doc}, [head], base=[base])) == \
        [("design.stage_missing", "fit_seed2", "high")]
    dropped = doc + "\n`fit_seed2` was dropped: two seeds are enough.\n"
    text = dropped.replace("The seed re-runs `fit_seed2` and", "The seed re-run")
    assert review({"exp/docs/plan.md": text}, [head], base=[base]).findings == []


def test_a_doc_about_another_experiment_does_not_judge_this_pipeline() -> None:
    doc = "## Pipeline\n\n```\nprepare -> predict -> evaluate\n```\n"
    head = graph("experiments/b/dvc.yaml", ["prepare", "predict"])
    assert review({"experiments/a/README.md": doc}, [head]).findings == []
    assert kinds(review({"experiments/b/README.md": doc}, [head], changed=["experiments/b/dvc.yaml"])) == \
        [("design.stage_missing", "evaluate", "high")]


def test_older_drift_in_untouched_files_is_low() -> None:
    head = graph("dags/score.py", ["pull_events", "score", "publish"])
    base = graph("dags/score.py", ["pull_events", "score", "publish"], where="base")
    result = review({"docs/design/score.md": MERMAID_DOC}, [head], base=[base], changed=["README.md"])
    assert kinds(result) == [("design.stage_missing", "dedupe", "low")]


def test_unplanned_stages_new_at_head_and_in_the_deployed_graph() -> None:
    head = graph("dags/score.py", ["pull_events", "dedupe", "score", "publish", "shadow_score"])
    base = graph("dags/score.py", ["pull_events", "dedupe", "score", "publish"], where="base")
    deployed = graph("deployed/score.json", ["pull_events", "dedupe", "score", "publish", "backfill"],
                     where="deployed")
    result = review({"docs/design/score.md": MERMAID_DOC}, [head], base=[base], deployed=[deployed])
    assert kinds(result) == [("design.stage_unplanned", "backfill", "low"),
                             ("design.stage_unplanned", "shadow_score", "medium")]


def test_a_prose_step_list_that_mostly_misses_the_graph_plans_nothing() -> None:
    doc = ("## How it works\n\nThe pipeline runs these steps:\n\n1. Gather the raw exports\n"
           "2. Turn them into features\n3. Train\n4. Evaluate\n")
    head = graph("dags/x.py", ["train", "evaluate", "extract", "featurize", "publish", "monitor"])
    assert [f for f in review({"docs/design/x.md": doc}, [head]).findings
            if f.kind == "design.stage_missing"] == []


PARAM_DOC = """## Parameters

| Parameter | Value |
|---|---|
| `predict.min_conf` | 0.35 |
| `window` | 7 |
| `sample` | 5% |
| `seed` | 1 |
"""


def test_parameters_compare_by_key_or_unique_tail_and_numerically() -> None:
    head = graph("exp/dvc.yaml", ["predict"], params={"predict.min_conf": "0.2", "predict.window": "7",
                                                       "prep.sample": "0.05", "a.seed": "1", "b.seed": "2"})
    result = review({"exp/README.md": PARAM_DOC}, [head])
    assert kinds(result) == [("design.param_mismatch", "predict.min_conf", "medium")]
    assert "0.35" in result.findings[0].message and "0.2" in result.findings[0].message


def test_same_value_reads_numbers_percentages_and_booleans() -> None:
    assert same_value("0.10", "0.1") and same_value("5%", "0.05") and same_value("yes", "True")
    assert not same_value("0.35", "0.05") and not same_value("7", "4")


def test_a_parameter_drift_older_than_the_pr_is_low() -> None:
    head = graph("exp/dvc.yaml", ["predict"], params={"predict.min_conf": "0.2"})
    base = graph("exp/dvc.yaml", ["predict"], where="base", params={"predict.min_conf": "0.2"})
    assert kinds(review({"exp/README.md": PARAM_DOC}, [head], base=[base])) == \
        [("design.param_mismatch", "predict.min_conf", "low")]
    moved = graph("exp/dvc.yaml", ["predict"], where="base", params={"predict.min_conf": "0.35"})
    assert kinds(review({"exp/README.md": PARAM_DOC}, [head], base=[moved])) == \
        [("design.param_mismatch", "predict.min_conf", "medium")]


def test_a_stage_the_base_already_lacked_is_low_even_when_the_pipeline_file_changes() -> None:
    head = graph("dags/score.py", ["pull_events", "score", "publish"])
    base = graph("dags/score.py", ["pull_events", "score", "publish"], where="base")
    result = review({"docs/design/score.md": MERMAID_DOC}, [head], base=[base], changed=["dags/score.py"])
    assert kinds(result) == [("design.stage_missing", "dedupe", "low")]
    result = review({"docs/design/score.md": MERMAID_DOC}, [head], base=[base],
                    changed=["dags/score.py", "docs/design/score.md"])
    assert kinds(result) == [("design.stage_missing", "dedupe", "high")]


def test_a_repository_level_doc_judges_a_nested_pipeline_only_when_it_names_its_folder() -> None:
    doc = "## Pipeline\n\n```\nprepare -> predict -> evaluate\n```\n"
    audit = graph("experiments/audit/dvc.yaml", ["prepare", "predict"])
    other = graph("experiments/baseline/dvc.yaml", ["prepare", "predict", "package"])
    changed = ["experiments/audit/dvc.yaml", "experiments/baseline/dvc.yaml"]
    assert review({"docs/specs/audit.md": doc}, [audit, other], changed=changed).findings == []
    named = doc + "\nLives in `experiments/audit/`.\n"
    result = review({"docs/specs/audit.md": named}, [audit, other], changed=changed)
    assert kinds(result) == [("design.stage_missing", "evaluate", "high")]
    assert result.findings[0].path == "experiments/audit/dvc.yaml"


def test_new_stages_are_unplanned_only_against_a_doc_that_plans_most_of_the_pipeline() -> None:
    partial = "## Pipeline\n\n```\nclean -> fit\n```\n"
    base = graph("dvc.yaml", ["pull", "clean", "fit", "score", "report", "publish"], where="base")
    head = graph("dvc.yaml", ["pull", "clean", "fit", "score", "report", "publish", "shadow"])
    assert review({"README.md": partial}, [head], base=[base], changed=["dvc.yaml"]).findings == []
    full = "## Pipeline\n\n```\npull -> clean -> fit -> score -> report -> publish\n```\n"
    assert kinds(review({"README.md": full}, [head], base=[base], changed=["dvc.yaml"])) == \
        [("design.stage_unplanned", "shadow", "medium")]
    planned_elsewhere = {"README.md": full, "docs/shadow.md": "# Shadow\n\nThe `shadow` stage scores in parallel.\n"}
    assert review(planned_elsewhere, [head], base=[base], changed=["dvc.yaml"]).findings == []


def test_generic_stage_names_match_a_pipeline_that_ships_one_variant_of_each() -> None:
    doc = "## Pipeline\n\n```\nprepare -> predict -> review -> publish\n```\n"
    head = graph("dvc.yaml", ["prepare", "predict_vit", "review_vit", "publish"])
    assert review({"README.md": doc}, [head], changed=["dvc.yaml"]).findings == []
    lonely = graph("dvc.yaml", ["prepare", "predict_vit", "publish"])
    assert kinds(review({"README.md": doc}, [lonely], changed=["dvc.yaml"])) == \
        [("design.stage_missing", "predict", "high"), ("design.stage_missing", "review", "high"),
         ("design.stage_unplanned", "predict_vit", "medium")]  # one renamed stage is no naming scheme


def test_a_literal_command_line_value_is_a_shipped_parameter() -> None:
    doc = "## Parameters\n\n| Parameter | Value |\n|---|---|\n| `sampling_ratio` | 5% |\n| `seed` | 0 |\n"
    head = graph("dvc.yaml", ["subsample"])
    head.stages[0].kind = str(["python build.py --sampling-ratio 0.01 --seed 0 --out ${item.dir} --verbose",
                               "python train.py --epochs=3"])
    result = review({"README.md": doc}, [head], changed=["dvc.yaml"])
    assert kinds(result) == [("design.param_mismatch", "subsample.sampling_ratio", "medium")]
    assert result.findings[0].path == "dvc.yaml"


def test_a_percentage_in_a_stage_description_is_compared_with_the_one_matching_flag() -> None:
    doc = ("## Pipeline stages\n\n- __pull__: download the images\n"
           "- __thin__: Sample 5% of the pulled images for fast iteration\n- __fit__: train\n")
    head = graph("dvc.yaml", ["pull", "fit"])
    head.stages[1].kind = str(["python thin.py --sampling-ratio 0.01 --seed 0", "python fit.py"])
    base = graph("dvc.yaml", ["pull", "thin", "fit"], where="base")
    result = review({"README.md": doc}, [head], base=[base], changed=["dvc.yaml"])
    assert ("design.param_mismatch", "fit.sampling_ratio", "low") in kinds(result)
    assert ("design.stage_missing", "thin", "high") in kinds(result)
    head.stages[1].kind = str(["python thin.py --sampling-ratio 0.05"])
    assert [f for f in review({"README.md": doc}, [head], base=[base], changed=["dvc.yaml"]).findings
            if f.kind == "design.param_mismatch"] == []


def test_a_stage_named_as_a_kind_of_a_planned_one_is_not_unplanned() -> None:
    from custody.agents.design import AGENT as DESIGN
    from custody.reviewer.model.config import RepoConfig
    from custody.reviewer.model.evidence import Evidence
    from custody.reviewer.model.evidence.design import DesignDoc, PlannedStage
    from custody.reviewer.model.evidence.pipeline import PipelineGraph, Stage
    from custody.reviewer.model.evidence.pull_request import PullRequest
    from custody.reviewer.rules.book import build_rulebook

    doc = DesignDoc(path="docs/ingest.md", stages=[
        PlannedStage(name="extract", aliases=["extract_<source>"], locator="docs/ingest.md#L3"),
        PlannedStage(name="split", locator="docs/ingest.md#L4"),
        PlannedStage(name="load", locator="docs/ingest.md#L5")])
    head = PipelineGraph(name="bulk", where="head", format="airflow_dag", source="dags/bulk.py",
                         stages=[Stage(name=n, locator=f"dags/bulk.py#L{i}") for i, n in enumerate(
                             ("extract_blogs", "extract_wiki", "get_cached_or_extract_docs", "split", "load",
                              "notify_slack"), 5)])
    base = head.model_copy(update={"where": "base", "stages": [s for s in head.stages if s.name in
                                                                 ("extract_blogs", "extract_wiki", "split", "load")]})
    evidence = Evidence(pull_request=PullRequest(repo="o/r", number=1), design_docs=[doc],
                        shipped_pipelines=[head], base_pipelines=[base])
    result = DESIGN.review(evidence, build_rulebook(RepoConfig())[0])
    unplanned = [f.subject for f in result.findings if f.kind == "design.stage_unplanned"]
    assert unplanned == ["notify_slack"]


def test_with_no_design_doc_the_agent_says_where_it_looked() -> None:
    from custody.agents.design import AGENT as DESIGN
    from custody.agents.design import NO_DESIGN
    from custody.reviewer.model.config import RepoConfig
    from custody.reviewer.model.evidence import Evidence
    from custody.reviewer.model.evidence.pull_request import PullRequest
    from custody.reviewer.rules.book import build_rulebook

    result = DESIGN.review(Evidence(pull_request=PullRequest(repo="o/r", number=1)), build_rulebook(RepoConfig())[0])
    assert result.findings == [] and [(s.what, s.why) for s in result.skipped] == [("design doc", NO_DESIGN)]


def test_a_new_component_is_unplanned_when_the_doc_names_the_others_by_their_class() -> None:
    from custody.reviewer.model.evidence.pipeline import Stage

    def tfx(names: list[tuple[str, str]], where: Where) -> PipelineGraph:
        stages = [Stage(name=n, aliases=[c], kind=c, locator=f"p.py#L{i}") for i, (n, c) in enumerate(names, 1)]
        return PipelineGraph(name="p", where=where, format="tfx", source="p.py", stages=stages)

    kept = [("LoadCsv", "CsvExampleGen"), ("FitModel", "Trainer"), ("Publish", "Pusher")]
    doc = {"README.md": "# Pipeline\n\nThe pipeline covers these steps:\n\n1. Load with `CsvExampleGen` component.\n"
                        "2. Train using `Trainer` component.\n3. Push using `Pusher` component.\n"}
    result = review(doc, [tfx([*kept, ("LatestModelResolver", "Resolver")], "head")], base=[tfx(kept, "base")],
                    changed=["p.py"])
    assert kinds(result) == [("design.stage_unplanned", "LatestModelResolver", "medium")]


def test_a_missing_stage_the_pr_did_not_plan_is_older_drift_even_when_the_doc_is_edited_elsewhere() -> None:
    from custody.reviewer.model.evidence.diff import DiffLine, Hunk

    text = "# Pipeline\n\n```mermaid\nflowchart LR\n  load --> train --> publish\n```\n\nA new note.\n"
    kept = graph("dags/p.py", ["load", "train"], [("load", "train")])

    def severity(added_line: int) -> list[tuple[str, str, str]]:
        hunk = Hunk(old_start=1, old_length=1, new_start=added_line, new_length=1,
                    added=[DiffLine(number=added_line, text="x")])
        evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), config=RepoConfig(),
                            diff=Diff(files=[FileChange(path="docs/design.md", hunks=[hunk])]),
                            design_docs=[read_design_doc("docs/design.md", text)], shipped_pipelines=[kept],
                            base_pipelines=[kept.model_copy(update={"where": "base"})])
        return kinds(DesignAgent().review(evidence, build_rulebook(evidence.config)[0]))

    assert severity(8) == [("design.stage_missing", "publish", "low")]  # the PR added only the note
    assert severity(5) == [("design.stage_missing", "publish", "high")]  # the PR wrote the plan's line


def test_a_readme_argument_default_is_held_against_the_project_default() -> None:
    readme = ("# app\n\n* `m-depth`: maximum depth of the trees; default `10`\n"
              "* `n-trees`: number of trees; default `100`\n")
    head = graph("MLproject", ["main", "example"], params={"main.m-depth": "3", "main.n-trees": "100",
                                                           "example.m-depth": "3"})
    result = review({"README.md": readme}, [head], changed=["MLproject", "README.md"])
    assert kinds(result) == [("design.param_mismatch", "main.m-depth", "medium")]
    assert any("n-trees = 100 in README.md holds" in c for c in result.checked)


def test_a_kedro_readme_naming_a_node_this_pr_removes_from_a_namespaced_pipeline() -> None:
    from pathlib import Path

    from custody.reviewer.gather.readers.kedro import read_kedro

    from tests.helpers import fixture_path

    root = fixture_path("ml", "kedro", "spaceflights-f3ade8e")
    base = {p.relative_to(root).as_posix(): p.read_text() for p in Path(root).rglob("*") if p.is_file()}
    readme = "src/spaceflights/pipelines/data_science/README.md"
    pipe = "src/spaceflights/pipelines/data_science/pipeline.py"
    start = base[pipe].index("            node(\n                func=evaluate_model")
    end = base[pipe].index("),\n", start) + 3
    head = {**base, pipe: base[pipe][:start] + base[pipe][end:]}  # evaluate_model_node taken out
    [after] = read_kedro(sorted(head), head.get, "head")
    [before] = read_kedro(sorted(base), base.get, "base")
    result = review({readme: base[readme]}, [after], [before], changed=[pipe])
    assert kinds(result) == [("design.stage_missing",
                              "data_science.active_modelling_pipeline.evaluate_model_node", "high")]
    assert review({readme: base[readme]}, [before], [before]).findings == []  # unchanged: quiet
    partial = after.model_copy(update={"unresolved": ["pipeline.py: nodes built in a loop"]})
    assert review({readme: base[readme]}, [partial], [before], changed=[pipe]).findings == []


def test_a_design_parameter_is_checked_against_a_kedro_parameters_file_line() -> None:
    from pathlib import Path

    from custody.reviewer.gather.readers.kedro import read_kedro

    from tests.helpers import fixture_path

    root = fixture_path("ml", "kedro", "spaceflights-pandas")
    files = {p.relative_to(root).as_posix(): p.read_text() for p in Path(root).rglob("*") if p.is_file()}
    [kedro] = read_kedro(sorted(files), files.get, "head")
    doc = "# Design\n\n## Parameters\n\n| parameter | value |\n|---|---|\n| test_size | 0.3 |\n| random_state | 3 |\n"
    result = review({"docs/design.md": doc}, [kedro])
    assert kinds(result) == [("design.param_mismatch", "model_options.test_size", "medium")]
    assert [c.locator for c in result.findings[0].citations] == ["docs/design.md#L7",
                                                                  "conf/base/parameters_data_science.yml#L2"]
