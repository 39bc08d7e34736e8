"""Docs that run a flow with an option the flow does not declare."""

from __future__ import annotations

from pathlib import Path

from custody.agents.design import DesignAgent
from custody.reviewer.gather.readers.cli_options import absl_flags, script_options
from custody.reviewer.gather.readers.component_docs import component_doc_arguments
from custody.reviewer.gather.readers.doc_commands import doc_commands
from custody.reviewer.gather.readers.metaflow import read_metaflow
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff, FileChange
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook

SCHOOL = Path(__file__).parents[1] / "fixtures" / "ml" / "metaflow" / "ml-school-7b02278"
PATHS = ["src/common/pipeline.py", "src/pipelines/monitoring.py", "src/pipelines/traffic.py"]
INTRO = ".guide/monitoring-pipeline/introduction.md"
TRAFFIC = ".guide/monitoring-pipeline/generating-fake-traffic.md"


def _read(path: str) -> str | None:
    file = SCHOOL / path
    return file.read_text() if file.is_file() else None


def review(changed: list[str], paths: list[str] = PATHS) -> list[tuple[str, str, str]]:
    flows = [g for p in paths[1:] for g in read_metaflow(p, _read(p) or "", "head", paths, _read)]
    docs = {INTRO: (SCHOOL / "guide" / "monitoring-introduction.md").read_text(),
            TRAFFIC: (SCHOOL / "guide" / "generating-fake-traffic.md").read_text()}
    evidence = Evidence(pull_request=PullRequest(repo="svpino/ml.school", number=1), config=RepoConfig(),
                        shipped_pipelines=flows, doc_commands=doc_commands(docs, paths),
                        diff=Diff(files=[FileChange(path=p, status="modified") for p in changed]))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.subject, f.severity) for f in result.findings if f.rule == "design.params-match"]


def test_a_documented_option_the_flow_does_not_declare_is_a_param_mismatch() -> None:
    # `--limit` is undeclared (the flow's parameter is "samples"); `--backend` comes from the base flow in
    # another file, `--samples` and `--drift` of the traffic page are the Traffic flow's own
    assert review([INTRO]) == [("design.param_mismatch", "limit", "medium")]


def test_a_mismatch_neither_the_doc_nor_the_flow_changed_in_this_pr_is_low() -> None:
    assert review(["justfile"]) == [("design.param_mismatch", "limit", "low")]


def test_nothing_is_reported_when_the_flow_options_are_not_all_known() -> None:
    # without the base flow's file the options of Monitoring are unknown: `--limit` may come from it
    assert review([INTRO], ["src/x.py", "src/pipelines/monitoring.py", "src/pipelines/traffic.py"]) == []


ZENML = Path(__file__).parents[1] / "fixtures" / "ml" / "zenml"
RETAIL = ZENML / "retail-forecast-d919c4e1"


def review_script(readme: Path, script: str, base: str | None, changed: list[str]) -> list[tuple[str, str, str]]:
    doc = "retail-forecast/README.md"
    read = script_options("retail-forecast/run.py", script)
    assert read is not None
    base_read = script_options("retail-forecast/run.py", base) if base is not None else None
    read.base_options = base_read.options if base_read is not None else None
    evidence = Evidence(pull_request=PullRequest(repo="zenml-io/zenml-projects", number=204), config=RepoConfig(),
                        doc_commands=doc_commands({doc: readme.read_text()}, [read.path]), script_options=[read],
                        diff=Diff(files=[FileChange(path=p, status="modified") for p in changed]))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    found = [f for f in result.findings if f.rule == "design.params-match"]
    assert all(f.citations[0].locator == f"{doc}#L167" for f in found)
    return [(f.subject, f.severity, "this PR removes it" in f.message) for f in found]


def test_a_documented_option_the_script_no_longer_declares_is_a_param_mismatch() -> None:
    found = review_script(RETAIL / "README.md", (RETAIL / "run.py").read_text(), (RETAIL / "run.base.py").read_text(),
                          ["retail-forecast/run.py"])
    assert found == [("forecast-periods", "medium", True), ("test-size", "medium", True),
                     ("weekly-seasonality", "medium", True)]


def test_the_same_mismatch_is_low_when_neither_the_doc_nor_the_script_changed() -> None:
    found = review_script(RETAIL / "README.md", (RETAIL / "run.py").read_text(), None, ["retail-forecast/steps/x.py"])
    assert [severity for _, severity, _ in found] == ["low", "low", "low"]


def test_documented_options_the_script_declares_give_no_finding() -> None:
    assert review_script(RETAIL / "README.md", (RETAIL / "run.base.py").read_text(), None,
                         ["retail-forecast/README.md"]) == []


def test_an_argparse_prefix_of_one_declared_option_is_accepted() -> None:
    read = script_options("run.py", (ZENML / "omni-reader-51c8eae6" / "run.py").read_text())
    assert read is not None
    text = "```\npython run.py --image-fold x --list-ground\npython run.py --image x\n```\n"
    evidence = Evidence(pull_request=PullRequest(repo="zenml-io/zenml-projects", number=187), config=RepoConfig(),
                        doc_commands=doc_commands({"README.md": text}, ["run.py"]), script_options=[read],
                        diff=Diff(files=[FileChange(path="README.md", status="modified")]))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    # `--image` is a prefix of both --image-folder and --image-paths: argparse refuses it as ambiguous
    assert [f.subject for f in result.findings if f.rule == "design.params-match"] == ["image"]


def test_a_script_whose_options_are_unknown_is_not_judged_against_another_of_the_same_name() -> None:
    # projects/b/train.py reads unknown options (typer): the README beside it must not be judged against
    # projects/a/train.py, the only `train.py` whose options are known
    known = script_options("projects/a/train.py", "import argparse\np = argparse.ArgumentParser()\n"
                                                  "p.add_argument('--lr')\np.parse_args()\n")
    assert known is not None
    text = "```\npython train.py --epochs 3\n```\n"
    commands = doc_commands({"projects/b/README.md": text, "projects/a/README.md": text},
                            ["projects/a/train.py", "projects/b/train.py"])
    evidence = Evidence(pull_request=PullRequest(repo="acme/mono", number=3), config=RepoConfig(),
                        doc_commands=commands, script_options=[known],
                        diff=Diff(files=[FileChange(path="projects/b/README.md", status="modified")]))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    found = [(f.subject, f.citations[0].locator) for f in result.findings if f.rule == "design.params-match"]
    assert found == [("epochs", "projects/a/README.md#L2")]


def test_a_component_readme_argument_the_spec_lacks_is_a_param_mismatch() -> None:
    fixtures = Path(__file__).parents[1] / "fixtures" / "ml" / "kubeflow" / "components"
    folder = "components/aws/sagemaker/deploy"
    head = {f"{folder}/component.yaml": "sagemaker_deploy_d81c809_component.yaml",
            f"{folder}/README.md": "sagemaker_deploy_d81c809_README.md"}
    base = {**head, f"{folder}/component.yaml": "sagemaker_deploy_d81c809_parent_component.yaml"}
    changed = [FileChange(path=f"{folder}/component.yaml")]
    arguments = component_doc_arguments(
        changed, lambda p: (fixtures / head[p]).read_text() if p in head else None,
        lambda p: (fixtures / base[p]).read_text() if p in base else None)
    evidence = Evidence(pull_request=PullRequest(repo="kubeflow/pipelines", number=4336), config=RepoConfig(),
                        component_doc_arguments=arguments, diff=Diff(files=changed))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    found = [f for f in result.findings if f.rule == "design.params-match"]
    assert [(f.kind, f.subject, f.severity) for f in found] == [("design.param_mismatch", "endpoint_tags", "medium")]
    assert "takes it out of the spec" in found[0].message
    assert [c.locator for c in found[0].citations] == [f"{folder}/README.md#L27", f"{folder}/component.yaml"]
    quiet = Evidence(pull_request=PullRequest(repo="kubeflow/pipelines", number=4336), config=RepoConfig(),
                     diff=Diff(files=changed))
    assert not [f for f in DesignAgent().review(quiet, build_rulebook(quiet.config)[0]).findings
                if f.rule == "design.params-match"]


def _absl_review(changed: list[str], base_file: str | None) -> list[tuple[str, str, str]]:
    tfx = Path(__file__).parents[1] / "fixtures" / "ml" / "tfx"
    script = "tfx/examples/penguin/penguin_pipeline_kubeflow.py"
    read = absl_flags(script, (tfx / "penguin_pipeline_kubeflow_6df5a49.py").read_text())
    base = absl_flags(script, (tfx / base_file).read_text()) if base_file else None
    assert read is not None
    read.base_options = base.options if base is not None else None
    readme = (tfx / "penguin_README_6df5a49.md").read_text()
    evidence = Evidence(pull_request=PullRequest(repo="tensorflow/tfx", number=1), config=RepoConfig(),
                        doc_commands=doc_commands({"tfx/examples/penguin/README.md": readme}, [script]),
                        script_options=[read],
                        diff=Diff(files=[FileChange(path=p) for p in changed]))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.subject, f.severity) for f in result.findings if f.rule == "design.params-match"]


def test_an_absl_flag_the_pr_takes_out_of_the_script_while_the_doc_passes_it_is_a_param_mismatch() -> None:
    script = "tfx/examples/penguin/penguin_pipeline_kubeflow.py"
    assert _absl_review([script], "penguin_pipeline_kubeflow_6df5a49_parent.py") == [
        ("design.param_mismatch", "use_gcp", "medium")]
    # absl flags are global: one the script never defined may come from a module it imports.
    assert _absl_review([script], "penguin_pipeline_kubeflow_6df5a49.py") == []
    assert _absl_review([script], None) == []
    assert _absl_review(["tfx/examples/penguin/README.md"], "penguin_pipeline_kubeflow_6df5a49_parent.py") == []


def test_a_documented_entry_point_spelt_otherwise_in_pyproject_is_a_param_mismatch() -> None:
    from custody.reviewer.gather.readers.diff import parse_unified_diff
    from custody.reviewer.gather.readers.project_scripts import script_slips

    fixture = Path(__file__).parents[1] / "fixtures" / "ml" / "mlflow" / "mlflow_for_ml_dev"
    diff = parse_unified_diff((fixture / "examples_README-c5bb55b.diff").read_text())
    texts = {"examples/README.md": (fixture / "examples_README-c5bb55b.md").read_text(),
             "pyproject.toml": (fixture / "pyproject-c5bb55b.toml").read_text()}
    evidence = Evidence(pull_request=PullRequest(repo="manuelgilm/mlflow_for_ml_dev", number=29), config=RepoConfig(),
                        diff=diff, script_slips=script_slips(diff.files, texts))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    [finding] = [f for f in result.findings if f.kind == "design.param_mismatch"]
    assert (finding.severity, finding.subject) == ("medium", "diabetes_pred_online_inference")
    assert [c.locator for c in finding.citations] == ["examples/README.md#L67", "pyproject.toml#L57"]
    assert "diabetes_pred_online_inferece" in finding.message
