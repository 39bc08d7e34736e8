"""The evidence document: gathered from a real scenario, it round trips and names its schema."""

from __future__ import annotations

import json

import pytest
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.document import SCHEMA_ID
from custody.reviewer.model.evidence.pull_request import PullRequest
from pydantic import ValidationError

from tests.helpers import REPO


def test_a_gathered_document_round_trips_through_json_under_its_schema_name() -> None:
    evidence = gather(load_scenario(REPO / "benchmark" / "scenarios" / "design-08-contract-column-dropped"))
    dumped = json.loads(evidence.model_dump_json(by_alias=True))
    assert dumped["schema"] == SCHEMA_ID == "custody.evidence/v1"
    assert "schema_id" not in dumped
    again = Evidence.model_validate(dumped)
    assert again.model_dump() == evidence.model_dump()  # private per-file cache keys aside
    assert again.contracts and again.contracts[0].columns and again.model_cards


def test_the_schema_may_be_given_by_field_name_too() -> None:
    pr = {"repo": "acme/ml", "number": 1}
    assert Evidence.model_validate({"schema_id": "x", "pull_request": pr}).schema_id == "x"
    assert Evidence.model_validate({"schema": "y", "pull_request": pr}).schema_id == "y"


def test_a_fresh_document_has_default_config_and_nothing_gathered() -> None:
    evidence = Evidence(pull_request=PullRequest(repo="acme/ml", number=1))
    assert evidence.schema_id == SCHEMA_ID
    assert evidence.config.on_error == "neutral" and evidence.registry is None
    assert evidence.diff.files == [] and evidence.head_texts == {} and evidence.skipped == []


def test_a_document_without_a_pull_request_or_with_a_bad_part_is_refused() -> None:
    with pytest.raises(ValidationError, match="pull_request"):
        Evidence.model_validate({})
    with pytest.raises(ValidationError, match="on_error"):
        Evidence.model_validate({"pull_request": {"repo": "a/b", "number": 1}, "config": {"on_error": "x"}})
