"""Published JSON Schemas: each names itself, and real documents validate against it."""

from __future__ import annotations

import jsonschema
import pytest
import yaml
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.rules.book import PACKS_PACKAGE
from custody.reviewer.rules.schemas import MODELS, evidence_fields_markdown, field_lines, schema_for

from tests.helpers import REPO


@pytest.mark.parametrize("what", sorted(MODELS))
def test_every_schema_is_a_valid_2020_12_schema_with_its_id(what: str) -> None:
    schema = schema_for(what)
    assert schema["$id"] == f"https://custody.dev/schemas/{MODELS[what][1]}.json"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_a_gathered_evidence_document_validates_and_a_broken_one_does_not() -> None:
    evidence = gather(load_scenario(REPO / "benchmark" / "scenarios" / "card-01-churn-dataset-mismatch"))
    document = evidence.model_dump(mode="json", by_alias=True)
    validator = jsonschema.Draft202012Validator(schema_for("evidence"))
    validator.validate(document)
    del document["pull_request"]["number"]
    assert any("number" in e.message for e in validator.iter_errors(document))


def test_the_shipped_rule_packs_and_a_real_config_validate() -> None:
    from importlib import resources

    pack_schema = jsonschema.Draft202012Validator(schema_for("rules"))
    for entry in resources.files(PACKS_PACKAGE).iterdir():
        if entry.name.endswith(".yml"):
            pack_schema.validate(yaml.safe_load(entry.read_text(encoding="utf-8")))
    config = {"tickets": {"required": True, "allowed_repositories": ["acme/platform"]}, "on_error": "fail"}
    jsonschema.Draft202012Validator(schema_for("config")).validate(config)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"on_error": "explode"}, schema_for("config"))


def test_an_unknown_document_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        schema_for("ledger")


def test_field_rows_describe_types_and_nested_objects_down_to_a_depth() -> None:
    rows = field_lines(Registry, "evidence.registry", depth=2)
    assert "| `evidence.registry.source` | string |  |" in rows
    assert any(r.startswith("| `evidence.registry.versions` | list of object |") for r in rows)
    assert "| `evidence.registry.versions[].aliases` | list of string |  |" in rows
    assert "| `evidence.registry.runs[].metrics` | list of object |  |" in rows
    assert not any(r.startswith("| `evidence.registry.runs[].metrics[].") for r in rows)  # depth 2 stops here


def test_the_evidence_table_has_a_row_per_top_level_field_and_says_repeated_objects_once() -> None:
    table = evidence_fields_markdown()
    lines = table.splitlines()
    assert lines[:2] == ["| Field | Type | What it holds |", "|---|---|---|"]
    for name, info in Evidence.model_fields.items():
        assert any(line.startswith(f"| `evidence.{info.alias or name}` |") for line in lines), name
    assert "| `evidence.schema` | string |  |" in lines
    assert "Same fields as `evidence.model_cards[]`." in table  # base_model_cards reuse the card's fields
    assert all(line.count(" | ") >= 2 for line in lines[2:])
