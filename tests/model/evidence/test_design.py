"""Design doc types: a real ODCS contract's columns, stage defaults and round trips."""

from __future__ import annotations

import pytest
from custody.reviewer.model.evidence.design import (
    ChangedDefault,
    ContractColumn,
    DataContract,
    DesignDoc,
    PlannedParam,
    PlannedStage,
)
from pydantic import BaseModel, ValidationError


def test_a_planned_stage_is_planned_unless_only_mentioned() -> None:
    stage = PlannedStage(name="predict_<split>", locator="docs/design/p.md#L4")
    assert (stage.strength, stage.aliases) == ("planned", [])
    assert PlannedParam(key="evaluate.max_site_mape", value="0.15", locator="d#L1").approximate is False


def test_a_design_doc_with_every_part_round_trips_through_json() -> None:
    doc = DesignDoc.model_validate({
        "path": "docs/design/fraud.md", "title": "Fraud v2",
        "stages": [{"name": "train", "locator": "docs/design/fraud.md#L10", "aliases": ["fit"]}],
        "edges": [{"upstream": "prep", "downstream": "train", "locator": "docs/design/fraud.md#L11"}],
        "params": [{"key": "sampl", "value": "5%", "locator": "docs/design/fraud.md#L14", "approximate": True}],
        "contracts": [{"path": "contracts/tx.odcs.yaml", "locator": "contracts/tx.odcs.yaml",
                       "columns": [{"name": "amount", "type": "number", "physical_type": "DECIMAL(12,2)",
                                    "scale": 2, "required": True}]}],
        "mentions": [{"name": "backfill", "locator": "docs/design/fraud.md#L30", "strength": "mentioned"}],
        "signals": ["a mermaid graph"]})
    assert DesignDoc.model_validate_json(doc.model_dump_json()) == doc
    assert doc.contracts[0].columns[0].scale == 2


@pytest.mark.parametrize(("model", "fields"), [
    (ContractColumn, {"name": "amount", "scale": "two"}),
    (DataContract, {"path": "c.yaml"}),  # a contract must say where it was read
    (ChangedDefault, {"path": "train.py", "name": "lr", "old": "0.1", "new": "0.2"}),  # and a line
    (PlannedStage, {"locator": "d#L1"}),
])
def test_incomplete_or_mistyped_parts_are_refused(model: type[BaseModel], fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(fields)
