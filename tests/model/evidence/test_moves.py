"""A move: a file that points a production alias or stage at a version, by binding or by traffic."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.moves import Move
from pydantic import ValidationError


def test_a_move_defaults_to_a_policy_binding_and_round_trips() -> None:
    move = Move(path="deploy/serving.yaml", line=7, version="3", target="champion", model="fraud-detector")
    assert (move.purpose, move.via, move.weight) == ("policy", "binding", None)
    assert Move.model_validate_json(move.model_dump_json()) == move


def test_a_canary_split_carries_its_weight_and_a_version_may_be_unreadable() -> None:
    move = Move.model_validate({"path": "k8s/isvc.yaml", "target": "challenger", "via": "traffic",
                                "weight": "10", "purpose": "card"})
    assert (move.weight, move.version) == (10.0, None)


@pytest.mark.parametrize("bad", [{"via": "dns"}, {"purpose": "whim"}, {"target": None}, {"weight": "ten"}])
def test_unknown_ways_and_purposes_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Move.model_validate({"path": "deploy.yaml", "target": "champion", **bad})
