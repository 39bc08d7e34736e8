"""Model URIs on changed lines, with the names f-strings build them from, and where code sets an alias."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.gather.readers.mlflow_code import model_uris

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
