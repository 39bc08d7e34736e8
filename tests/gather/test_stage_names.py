"""Stage names as docs write them: placeholders, alternatives, foreach instances and identifiers."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.stage_names import any_matches, has_placeholder, looks_like_stage_id, name_matches


@pytest.mark.parametrize("name", ["predict_<split>", "extract_{train,val}", "train_${item}", "export_*",
                                  "run_{{ params.x }}", "load_&lt;source&gt;"])
def test_every_placeholder_form_is_recognised(name: str) -> None:
    assert has_placeholder(name)


@pytest.mark.parametrize("name", ["train", "Train Model", "a<b c>", "x > y"])
def test_plain_names_have_no_placeholder(name: str) -> None:
    assert not has_placeholder(name)


@pytest.mark.parametrize(("planned", "shipped"), [
    ("Train Model", "train_model"), ("train-model", "TRAIN.MODEL"),
    ("predict_<split>", "predict_test"), ("predict_<split>", "Predict-Test"),
    ("extract_{train,val}", "extract_val"), ("train_${item}", "train_gbm"),
    ("export_*", "export_onnx"),
    ("evaluate", "evaluate@val"),  # a foreach instance is its stage
    ("evaluate_{train,val}", "evaluate"), ("predict_<split>", "predict"),  # the foreach stage that expands it
    ("load_&lt;source&gt;", "load_s3"),
])
def test_a_planned_name_names_these_shipped_stages(planned: str, shipped: str) -> None:
    assert name_matches(planned, shipped)


@pytest.mark.parametrize(("planned", "shipped"), [
    ("extract_{train,val}", "extract_test"),  # the alternatives are closed
    ("predict_<split>", "predic"), ("predict_<split>", "predicttest"),  # the separator stays required
    ("train", "training"), ("*_train", "train"),
    ("", "train"),
])
def test_a_planned_name_does_not_name_these(planned: str, shipped: str) -> None:
    assert not name_matches(planned, shipped)


def test_a_name_of_only_placeholders_matches_any_stage_but_never_by_its_bare_form() -> None:
    assert name_matches("<stage>", "train")
    assert not name_matches("{a,b}", "c")


def test_any_matches_skips_empty_names() -> None:
    assert any_matches(["", "prep", "train_<model>"], "train_xgb")
    assert not any_matches(["", "prep"], "train")
    assert not any_matches([], "train")


@pytest.mark.parametrize(("name", "ok"), [
    ("train_model", True), ("predict_<split>", True), ("extract-{a,b}", True), ("_private", True),
    ("Train Model", False), ("etl.load", False), ("1st_stage", False), ("x" * 81, False), ("", False),
])
def test_what_looks_like_a_stage_id(name: str, ok: bool) -> None:
    assert looks_like_stage_id(name) is ok


def test_placeholders_and_brace_expansions_match_stage_names() -> None:
    assert name_matches("predict_<split>", "predict_val")
    assert name_matches("{commit,pr}_agg", "pr_agg") and not name_matches("{commit,pr}_agg", "issue_agg")
    assert name_matches("train_${item}", "train-gru")
    assert name_matches("Validate Data Skew", "validate_data_skew")
    assert name_matches("predict_<split>", "predict")  # the foreach stage that expands it
    assert name_matches("evaluate_{train,val}", "evaluate@val") and name_matches("score", "score@val")
    assert not name_matches("predict_<split>", "predictor") and not name_matches("<x>_agg", "agg")
