"""Model URIs on changed lines, with the names f-strings build them from, and where code sets an alias."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.gather.readers.mlflow_code import (
    mlflow_below_3,
    model_uris,
    registered_names,
    section_uri_slips,
    shared_artifact_paths,
)
from custody.reviewer.model.evidence.registry import DocModelSlip, SharedArtifactPath

FIXTURE = Path(__file__).parents[2] / "fixtures" / "ml" / "mlflow" / "mlflow_for_ml_dev"
SERVER = "examples/iris_inference_server/__init__.py"
TRAIN = "examples/iris_classifier/train.py"


def _added(path: str, text: str) -> str:
    lines = text.splitlines()
    return f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)


def test_an_f_string_uri_is_read_with_the_name_its_function_assigns() -> None:
    server = (FIXTURE / "iris_inference_server-2a04dc1.py").read_text()
    train = (FIXTURE / "iris_train-2a04dc1.py").read_text()
    diff = parse_unified_diff(_added(SERVER, server))
    [uri] = model_uris(diff.files, {SERVER: server}, {SERVER: server, TRAIN: train})
    assert (uri.path, uri.line, uri.name, uri.alias) == (SERVER, 23, "Iris_Classifier_Model", "Production")
    assert "registered_model_name" in uri.code and uri.alias_set_at == []


def test_where_code_sets_the_alias_as_written_is_kept() -> None:
    train = (FIXTURE / "iris_train-2a04dc1.py").read_text()
    text = 'model = mlflow.pyfunc.load_model("models:/Iris_Classifier_Model@production")\n'
    diff = parse_unified_diff(_added("serve.py", text))
    [uri] = model_uris(diff.files, {"serve.py": text}, {TRAIN: train})
    assert uri.alias == "production" and uri.alias_set_at == [f"{TRAIN}#L57"]


def test_names_assigned_twice_unchanged_lines_stages_and_placeholders_are_not_read() -> None:
    twice = 'def load(flag):\n    name = "a"\n    if flag:\n        name = "b"\n    return f"models:/{name}@prod"\n'
    stage = 'URI = "models:/churn/Production"\n'
    doc = "Serve `models:/<model>@champion` or models:/{name}@champion, then models:/churn@champion\n"
    files = parse_unified_diff(_added("a.py", twice) + _added("b.py", stage) + _added("README.md", doc)).files
    [uri] = model_uris(files, {"a.py": twice, "b.py": stage, "README.md": doc}, {})
    assert (uri.path, uri.name, uri.alias) == ("README.md", "churn", "champion")
    kept = parse_unified_diff("--- a/c.py\n+++ b/c.py\n@@ -1,2 +1,2 @@\n-x = 1\n+x = 2\n"
                              ' U = "models:/churn@champion"\n').files
    assert model_uris(kept, {"c.py": 'x = 2\nU = "models:/churn@champion"\n'}, {}) == []


def test_a_module_constant_names_the_model_of_a_function_uri() -> None:
    text = 'MODEL = "churn"\n\ndef load():\n    return mlflow.pyfunc.load_model(f"models:/{MODEL}@Champion")\n'
    [uri] = model_uris(parse_unified_diff(_added("m.py", text)).files, {"m.py": text}, {})
    assert (uri.line, uri.name, uri.alias) == (4, "churn", "Champion")


DIABETES = "examples/diabetes_prediction/train.py"


def _shared(commit: str, pyproject: str | None) -> list[SharedArtifactPath]:
    diff = parse_unified_diff((FIXTURE / f"diabetes_train-{commit}.diff").read_text())
    texts = {DIABETES: (FIXTURE / f"diabetes_train-{commit}.py").read_text()}
    if pyproject is not None:
        texts["pyproject.toml"] = pyproject
    return shared_artifact_paths(diff.files, texts)


def test_two_models_of_one_run_under_one_artifact_path_are_found_on_mlflow_2() -> None:
    [shared] = _shared("bf36858", (FIXTURE / "pyproject-bf36858.toml").read_text())
    assert (shared.path, shared.first_line, shared.line, shared.artifact_path) == (DIABETES, 31, 39, "model")
    assert shared.calls == ["mlflow.pyfunc.log_model"] * 2 and shared.pin == "pyproject.toml#L22"
    assert shared.registered == ["registered_model_name", "registered_model_name + '_code'"]


def test_the_fix_an_unpinned_or_mlflow_3_project_and_branches_are_not_judged() -> None:
    assert _shared("998b0f9", (FIXTURE / "pyproject-bf36858.toml").read_text()) == []
    assert _shared("bf36858", None) == []
    assert _shared("bf36858", '[project]\ndependencies = ["mlflow>=2.3"]\n') == []
    assert _shared("bf36858", '[tool.poetry.dependencies]\nmlflow = "^3.1"\n') == []
    branches = ('import mlflow\nwith mlflow.start_run():\n    if a:\n'
                '        mlflow.sklearn.log_model(m, artifact_path="m")\n'
                '    else:\n        mlflow.sklearn.log_model(n, artifact_path="m")\n')
    files = parse_unified_diff(_added("t.py", branches)).files
    assert shared_artifact_paths(files, {"t.py": branches, "requirements.txt": "mlflow==2.9.2\n"}) == []


def test_mlflow_pins_under_3_in_each_file_format() -> None:
    assert mlflow_below_3({"requirements.txt": "pandas\nmlflow==2.9.2  # pinned\n"}) == "requirements.txt#L2"
    assert mlflow_below_3({"conda.yaml": "dependencies:\n  - pip:\n    - mlflow<3\n"}) == "conda.yaml#L3"
    assert mlflow_below_3({"pyproject.toml": 'dependencies = [\n  "mlflow>=2.3,<3",\n]\n'}) == "pyproject.toml#L2"
    assert mlflow_below_3({"pyproject.toml": 'mlflow = "^2.20"\n', "requirements.txt": "mlflow>=3\n"}) is None
    assert mlflow_below_3({"requirements.txt": "mlflow-skinny==2.9\nmlflow\n"}) is None


README = "examples/README.md"
NAMES = {"Iris_Classifier_Model", "Digit_Recognition_Model", "Diabetes_Prediction_Model",
         "walmart-store-sales-regressor", "walmart-store-sales-regressor-code"}


def _slips(commit: str, known: set[str]) -> list[DocModelSlip]:
    diff = parse_unified_diff((FIXTURE / f"examples_README-{commit}.diff").read_text())
    return section_uri_slips(diff.files, {README: (FIXTURE / f"examples_README-{commit}.md").read_text()}, known)


def test_a_serve_command_copied_from_another_models_section_is_found() -> None:
    [slip] = _slips("c5bb55b", NAMES)
    assert (slip.line, slip.uri_model) == (69, "Digit_Recognition_Model")
    assert slip.section_model == "Diabetes_Prediction_Model"
    assert (slip.section, slip.section_line, slip.other_line) == ("Available Entrypoints:", 65, 44)


def test_a_section_serving_its_own_model_and_unknown_models_are_not_slips() -> None:
    assert _slips("93ab072", NAMES) == []  # the Walmart section; the Diabetes slip is an unchanged line here
    assert _slips("c5bb55b", NAMES - {"Digit_Recognition_Model"}) == []
    assert _slips("c5bb55b", NAMES - {"Diabetes_Prediction_Model"}) == []


def test_registered_names_come_from_the_registry_and_literal_registered_model_names() -> None:
    code = {"train.py": 'registered_model_name = "Diabetes_Prediction_Model"\n'
                        'log_model(m, registered_model_name=f"{prefix}-x")\n'}
    assert registered_names(code, ["churn"]) == {"churn", "Diabetes_Prediction_Model"}
