"""Whether a tree ships a model, and whether a change changes the model or only its wording."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.model_changes import mark_added, model_changes, model_sources
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence.model_changes import ModelChange
from custody.reviewer.model.evidence.pipeline import PipelineGraph, Stage
from hypothesis import given, settings
from hypothesis import strategies as st


def changes(base: dict[str, str], head: dict[str, str]) -> list[ModelChange]:
    diff = diff_snapshots(MemorySnapshot({k: v.encode() for k, v in base.items()}),
                          MemorySnapshot({k: v.encode() for k, v in head.items()}))
    return model_changes(diff.files, head, base.get, set())


LOADER = ('URLS = {\n    "base": "https://cdn.example.com/models/1a2b3c4d/base.pt",\n}\n\n\n'
          'def load(name):\n    return URLS[name]\n')
TRAIN = 'import torch\n\nLR = 0.001\nEPOCHS = 10\n\n\ndef fit(model):\n    """Train it."""\n    return model\n'


def test_a_new_checkpoint_url_changes_the_weights_anywhere_in_the_code() -> None:
    head = {"pkg/__init__.py": LOADER.replace("1a2b3c4d/base.pt", "9f8e7d6c/base-v2.pt")}
    (found,) = changes({"pkg/__init__.py": LOADER}, head)
    assert (found.path, found.aspect, found.line) == ("pkg/__init__.py", "weights", 2)


@pytest.mark.parametrize("edit", [
    lambda t: t.replace('"""Train it."""', '"""Train the model for EPOCHS epochs."""'),  # a docstring
    lambda t: t.replace("LR = 0.001", "LR = 0.001  # tuned in March"),                   # a comment
    lambda t: t.replace("EPOCHS = 10", "EPOCHS = (\n    10\n)"),                          # layout
    lambda t: t.replace("fit", "train_model").replace("model", "net"),                     # a pure rename
])
def test_comments_docstrings_layout_and_renames_change_nothing(edit: object) -> None:
    assert callable(edit)
    assert changes({"src/train.py": TRAIN}, {"src/train.py": edit(TRAIN)}) == []


def test_a_hyperparameter_in_training_code_is_a_change_a_helper_elsewhere_is_not_one() -> None:
    (found,) = changes({"src/train.py": TRAIN}, {"src/train.py": TRAIN.replace("0.001", "0.0003")})
    assert found.aspect == "hyperparameters"
    assert changes({"src/cli.py": TRAIN}, {"src/cli.py": TRAIN.replace("0.001", "0.0003")}) == []


def test_config_key_order_and_key_renames_are_not_changes_values_are() -> None:
    config = "model:\n  lr: 0.001\n  layers: 4\ndata:\n  train: data/q3.parquet\n"
    reordered = "data:\n  train: data/q3.parquet\nmodel:\n  layers: 4\n  lr: 0.001\n"
    renamed = config.replace("lr:", "learning_rate:")
    assert changes({"configs/m.yaml": config}, {"configs/m.yaml": reordered}) == []
    assert changes({"configs/m.yaml": config}, {"configs/m.yaml": renamed}) == []
    (found,) = changes({"configs/m.yaml": config}, {"configs/m.yaml": config.replace("q3", "q4")})
    assert found.aspect == "data"


def test_features_and_data_sources_in_model_code() -> None:
    base = {"churn/features.py": 'FEATURES = ["tenure", "seats"]\n'}
    (found,) = changes(base, {"churn/features.py": 'FEATURES = ["tenure", "seats", "tickets_90d"]\n'})
    assert found.aspect == "features"


def test_tests_docs_and_examples_change_no_model() -> None:
    for path in ("tests/test_train.py", "docs/train.md", "examples/train.py"):
        assert changes({path: TRAIN}, {path: TRAIN.replace("0.001", "0.1")}) == []


def test_what_ships_a_model_and_what_the_pr_brings() -> None:
    saving = "import joblib\n\ndef main(m):\n    joblib.dump(m, 'model.pkl')\n"
    training = "def main(m, x, y):\n    m.fit(x, y)\n"
    head = model_sources({"src/train.py": saving, "src/explore.py": training}, [])
    assert sorted((s.path, s.how) for s in head) == [("src/explore.py", "trains"), ("src/train.py", "saves"),
                                                     ("src/train.py", "trains")]
    # The base tree saved a model already (in a file since renamed): the PR brings nothing new.
    renamed = model_sources({"src/old_name.py": saving}, [])
    assert not any(s.added for s in mark_added(model_sources({"src/train.py": saving}, []), renamed))
    assert all(s.added for s in mark_added(model_sources({"src/train.py": saving}, []), []))


def test_a_stage_writing_a_model_from_data_ships_one_an_export_stage_converts_one() -> None:
    graph = PipelineGraph(name="dvc", where="head", format="dvc", source="dvc.yaml", stages=[
        Stage(name="train", inputs=["data/train.csv"], outputs=["models/model.pkl"], locator="dvc.yaml"),
        Stage(name="export", inputs=["models/model.pkl"], outputs=["models/model.onnx"], locator="dvc.yaml"),
        Stage(name="prepare", inputs=["data/raw"], outputs=["data/train.csv"], locator="dvc.yaml")])
    assert [(s.how, s.detail) for s in model_sources({}, [graph])] == [
        ("pipeline", "stage train writes models/model.pkl")]


def test_outside_model_code_only_a_checkpoint_changes_the_model() -> None:
    serving = "endpoint:\n  weights: https://cdn.example.com/m/v1/model.onnx\n  replicas: 2\n"
    (found,) = changes({"serving/app.yaml": serving}, {"serving/app.yaml": serving.replace("v1", "v2")})
    assert found.aspect == "weights"
    assert changes({"serving/app.yaml": serving}, {"serving/app.yaml": serving.replace("2", "3")}) == []
    app = 'class Reader:\n    encoder = "utf-8"\n'
    assert changes({"app/io.py": app}, {"app/io.py": app.replace("utf-8", "latin-1")}) == []


def test_a_number_that_is_no_hyperparameter_is_only_training_code() -> None:
    client = "MAX_RETRIES = 3\nTIMEOUT = 30\n"
    (found,) = changes({"models/client.py": client}, {"models/client.py": client.replace("3", "5")})
    assert found.aspect == "training_code"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300), st.sampled_from(["src/train.py", "configs/m.yaml", "x.json"]))
def test_any_text_on_either_side_reads_without_crashing(before: str, after: str, path: str) -> None:
    for found in changes({path: before}, {path: after}):
        assert found.path == path
    model_sources({path: after}, [])


def test_a_file_left_as_it_was_is_not_read_again_and_its_sources_are_fresh_copies(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import custody.reviewer.gather.model_changes as module
    from custody.reviewer.gather import content_cache

    monkeypatch.setattr(content_cache, "_objects", content_cache.Lru(1000))  # a fresh process

    read: list[str] = []
    real = module._file_sources
    monkeypatch.setattr(module, "_file_sources", lambda path, text: (read.append(path), real(path, text))[1])
    texts = {"train.py": "import joblib\nmodel.fit(X, y)\njoblib.dump(model, 'm.pkl')\n", "util.py": "X = 1\n"}
    first = module.model_sources(texts, [])
    assert sorted(read) == ["train.py", "util.py"] and {s.how for s in first} == {"trains", "saves"}
    first[0].added = True  # mark_added sets this on the review's copies
    read.clear()
    again = module.model_sources({**texts, "util.py": "X = 2\n"}, [])
    assert read == ["util.py"] and not any(s.added for s in again)
