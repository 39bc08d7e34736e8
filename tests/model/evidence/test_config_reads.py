"""A stale configuration read: a deleted key with the file, line and expression that still read it."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.config_reads import StaleConfigRead
from pydantic import ValidationError


def test_a_read_round_trips_and_is_not_in_the_change_unless_said() -> None:
    read = StaleConfigRead(config="params.yaml", key="train.img_size", path="src/train.py", line=14,
                           expression='cfg["train"]["img_size"]')
    assert read.changed is False
    assert StaleConfigRead.model_validate_json(read.model_dump_json()) == read


@pytest.mark.parametrize("bad", [{"line": "fourteen"}, {"line": None}, {"key": None}])
def test_a_read_without_a_line_or_key_is_refused(bad: dict[str, object]) -> None:
    fields = {"config": "params.yaml", "key": "train.img_size", "path": "src/train.py", "line": 14,
              "expression": "params.train.img_size", **bad}
    with pytest.raises(ValidationError):
        StaleConfigRead.model_validate(fields)
