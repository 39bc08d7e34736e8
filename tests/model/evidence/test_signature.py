"""Model signatures: columns are required unless said otherwise, and a real MLmodel colspec validates."""

from __future__ import annotations

import json

import pytest
from custody.reviewer.model.evidence.signature import ModelSignature, SignatureColumn
from pydantic import ValidationError

# The `inputs` of an MLmodel file's signature, as MLflow writes it (a JSON string inside YAML).
INPUTS = ('[{"type": "double", "name": "amount", "required": true}, '
          '{"type": "string", "name": "merchant", "required": false}, {"type": "long", "name": "hour"}]')


def test_mlflow_colspecs_validate_and_a_column_is_required_by_default() -> None:
    signature = ModelSignature(source="model/MLmodel", locator="model/MLmodel#L12",
                               inputs=[SignatureColumn.model_validate(c) for c in json.loads(INPUTS)])
    assert [(c.name, c.type, c.required) for c in signature.inputs] == [
        ("amount", "double", True), ("merchant", "string", False), ("hour", "long", True)]
    assert ModelSignature.model_validate_json(signature.model_dump_json()) == signature


def test_a_column_without_a_name_and_a_signature_without_a_locator_are_refused() -> None:
    with pytest.raises(ValidationError, match="name"):
        SignatureColumn.model_validate({"type": "double"})
    with pytest.raises(ValidationError, match="locator"):
        ModelSignature.model_validate({"source": "model/MLmodel"})
