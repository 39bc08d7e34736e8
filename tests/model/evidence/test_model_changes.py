"""Model sources and model changes: only the known kinds of source and aspect are accepted."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.model_changes import ModelChange, ModelSource
from pydantic import BaseModel, ValidationError


def test_a_source_and_a_change_round_trip_with_their_defaults() -> None:
    source = ModelSource(path="train.py", line=40, how="registers",
                         detail='mlflow.register_model(uri, "fraud-detector")')
    change = ModelChange(path="params.yaml", aspect="hyperparameters", detail="train.lr: 0.01 -> 0.02")
    assert (source.added, change.line) == (False, None)
    assert ModelSource.model_validate_json(source.model_dump_json()) == source
    assert ModelChange.model_validate_json(change.model_dump_json()) == change


@pytest.mark.parametrize(("model", "fields"), [
    (ModelSource, {"path": "train.py", "how": "deploys", "detail": "x"}),
    (ModelChange, {"path": "train.py", "aspect": "comments", "detail": "x"}),
    (ModelChange, {"path": "train.py", "aspect": "weights"}),
])
def test_an_unknown_kind_or_a_missing_detail_is_refused(model: type[BaseModel], fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(fields)
