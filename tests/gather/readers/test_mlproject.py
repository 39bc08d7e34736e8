"""MLflow project files: entry points, declared parameters with their defaults, and command placeholders."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.mlproject import is_mlproject, read_mlproject, undeclared_placeholders

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ml" / "mlflow" / "projects"


def test_the_mlflow_example_project_is_one_entry_point_with_its_defaults() -> None:
    text = (FIXTURES / "sklearn_elasticnet_wine" / "MLproject").read_text(encoding="utf-8")
    graph = read_mlproject("examples/wine/MLproject", text, "head")
    assert (graph.name, graph.format, graph.stage_names()) == ("tutorial", "mlflow_project", ["main"])
    assert graph.params == {"main.alpha": "0.5", "main.l1_ratio": "0.1"}
    assert graph.param_locators["main.l1_ratio"] == "examples/wine/MLproject#L9"
    (stage,) = graph.stages
    assert stage.kind == "python train.py {alpha} {l1_ratio}" and stage.locator == "examples/wine/MLproject#L6"
    assert undeclared_placeholders(stage) == []


PROJECT = """name: mnist
conda_env: conda.yaml
entry_points:
  main:
    parameters:
      max_epochs: {type: int, default: 5}
      data-path: path
      strategy: {type: str, default: "None"}
      bad: {type: int, default 3}
    command: |
          python mnist_model.py --max_epochs {max_epochs} --data {data-path} \\
            --strategy {accelerator} --json '{{"a": 1}}'
"""


def test_a_parameter_without_default_is_declared_but_fixes_no_value() -> None:
    graph = read_mlproject("MLproject", PROJECT, "base")
    assert graph.params == {"main.max_epochs": "5", "main.strategy": "None"}
    (stage,) = graph.stages
    assert list(stage.params) == ["max_epochs", "data-path", "strategy", "bad"]
    # `{accelerator}` names no declared parameter; `{{...}}` is a literal brace for str.format.
    assert undeclared_placeholders(stage) == ["accelerator"]


def test_only_files_named_mlproject_are_projects() -> None:
    assert is_mlproject("examples/MNIST/MLproject") and is_mlproject("MLProject")
    assert not is_mlproject("docs/MLproject.md")
