"""Component READMEs against the KFP v1 component spec beside them (real kubeflow/pipelines files)."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.component_docs import (
    component_doc_arguments,
    pipe_tables,
    read_component_spec,
    undeclared_rows,
)
from custody.reviewer.model.evidence.diff import FileChange

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ml" / "kubeflow" / "components"
TRAIN = "components/aws/sagemaker/train"
DEPLOY = "components/aws/sagemaker/deploy"


def _text(name: str) -> str:
    return (FIXTURES / name).read_text()


def _tree(files: dict[str, str]):  # type: ignore[no-untyped-def]
    return lambda path: _text(files[path]) if path in files else None


def test_a_v1_component_spec_is_read_with_its_inputs_and_outputs() -> None:
    spec = read_component_spec("c/component.yaml", _text("sagemaker_train_060cabf_component.yaml"))
    assert spec is not None
    assert spec.name == "Sagemaker - Training Job"
    assert "training_input_mode" in spec.inputs and "model_artifact_url" in spec.outputs
    assert "put_mode" not in spec.inputs


def test_other_yaml_is_not_a_component_spec() -> None:
    assert read_component_spec("k.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n") is None
    assert read_component_spec("c.yaml", "name: x\ninputs: [{name: a}]\n") is None  # no implementation
    assert read_component_spec("c.yaml", ": [") is None


def test_tables_without_outer_pipes_are_read() -> None:
    tables = pipe_tables(_text("sagemaker_train_060cabf_README.md"))
    assert tables and tables[0][0][0] == "Argument"
    assert any(cells[0] == "put_mode" for _, cells in tables[0][1])


def test_a_row_naming_no_input_is_found_and_words_match_their_sdk_names() -> None:
    train = read_component_spec("c/component.yaml", _text("sagemaker_train_060cabf_component.yaml"))
    assert train is not None
    assert [name for _, name in undeclared_rows(_text("sagemaker_train_060cabf_README.md"), train)] == ["put_mode"]
    fixed = read_component_spec("c/component.yaml", _text("sagemaker_train_2dca2b5_component.yaml"))
    assert fixed is not None
    assert undeclared_rows(_text("sagemaker_train_2dca2b5_README.md"), fixed) == []
    assert [n for _, n in undeclared_rows(_text("sagemaker_train_2dca2b5_README.md"), train)] == ["assume_role"]
    kfserving = read_component_spec("c/component.yaml", _text("kfserving_5ffa2be_component.yaml"))
    assert kfserving is not None  # inputs named "Model Name", "Watch Timeout": the README's model_name matches
    assert [name for _, name in undeclared_rows(_text("kfserving_5ffa2be_README.md"), kfserving)] == ["watch_timeouot"]


def test_a_table_about_something_else_is_not_judged() -> None:
    train = read_component_spec("c/component.yaml", _text("sagemaker_train_060cabf_component.yaml"))
    assert train is not None
    doc = "Name | Value\n:--- | :---\nlearning_rate | 0.1\nmax_depth | 6\nregion | us-east-1\n"
    assert undeclared_rows(doc, train) == []  # one row of three names an input: not this component's table
    fenced = "```\n" + _text("sagemaker_train_060cabf_README.md") + "\n```\n"
    assert undeclared_rows(fenced, train) == []


def test_a_documented_row_the_pr_writes_is_reported() -> None:
    head = _tree({f"{TRAIN}/component.yaml": "sagemaker_train_060cabf_component.yaml",
                  f"{TRAIN}/README.md": "sagemaker_train_060cabf_README.md"})
    base = _tree({f"{TRAIN}/component.yaml": "sagemaker_train_060cabf_component.yaml"})
    found = component_doc_arguments([FileChange(path=f"{TRAIN}/README.md", status="added")], head, base)
    assert [(a.name, a.line, a.removed, a.component) for a in found] == [
        ("put_mode", 21, False, "Sagemaker - Training Job")]


def test_an_input_the_pr_removes_while_the_readme_keeps_it_is_reported() -> None:
    head = _tree({f"{DEPLOY}/component.yaml": "sagemaker_deploy_d81c809_component.yaml",
                  f"{DEPLOY}/README.md": "sagemaker_deploy_d81c809_README.md"})
    base = _tree({f"{DEPLOY}/component.yaml": "sagemaker_deploy_d81c809_parent_component.yaml",
                  f"{DEPLOY}/README.md": "sagemaker_deploy_d81c809_README.md"})
    found = component_doc_arguments([FileChange(path=f"{DEPLOY}/component.yaml")], head, base)
    assert [(a.name, a.removed) for a in found] == [("endpoint_tags", True)]
    assert "tags" in found[0].inputs


def test_drift_the_base_had_is_not_the_prs() -> None:
    files = {f"{TRAIN}/component.yaml": "sagemaker_train_060cabf_component.yaml",
             f"{TRAIN}/README.md": "sagemaker_train_060cabf_README.md"}
    touched = [FileChange(path=f"{TRAIN}/README.md")]
    assert component_doc_arguments(touched, _tree(files), _tree(files)) == []
    # A component moved to another folder keeps its drift: the base is read where it was.
    moved = {p.replace("components/", "components/contrib/"): f for p, f in files.items()}
    renamed = [FileChange(path=f"components/contrib/{TRAIN[11:]}/README.md", old_path=f"{TRAIN}/README.md",
                          status="renamed")]
    assert component_doc_arguments(renamed, _tree(moved), _tree(files)) == []
    assert component_doc_arguments(
        [FileChange(path=f"{TRAIN}/src/train.py")], _tree(files), _tree({})) == []  # neither doc nor spec changed
