"""Check parameters: each built-in's schema, and the free-form one of CEL and Rego rules."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from custody.reviewer.rules.params import (
    BUILTIN_CHECKS,
    BUILTIN_PARAMS,
    ExpressionParams,
    NoParams,
    PinnedRequirements,
    params_model,
)
from pydantic import ValidationError


def test_each_check_gets_its_own_schema() -> None:
    assert params_model(None) is ExpressionParams
    assert params_model("pinned_requirements") is PinnedRequirements
    assert params_model("secret_patterns") is NoParams
    assert set(BUILTIN_PARAMS) <= BUILTIN_CHECKS


@pytest.mark.parametrize(("given", "share"), [({}, 0.5), ({"min_pinned_share": "0.9"}, 0.9),
                                               ({"min_pinned_share": 0}, 0.0), ({"min_pinned_share": 1}, 1.0)])
def test_the_pinned_share_is_a_fraction_with_a_default(given: dict[str, object], share: float) -> None:
    assert PinnedRequirements.model_validate(given).min_pinned_share == share


@pytest.mark.parametrize("given", [{"min_pinned_share": 90}, {"min_pinned_share": -0.1},
                                   {"min_pinned_share": "most"}, {"min_share": 0.5}])
def test_a_share_outside_zero_to_one_or_an_unknown_key_is_refused(given: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        PinnedRequirements.model_validate(given)


def test_a_check_without_parameters_refuses_any() -> None:
    assert NoParams.model_validate({}).model_dump() == {}
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        NoParams.model_validate({"threshold": 3})


def test_expression_params_keep_any_key_and_a_textual_cite() -> None:
    params = ExpressionParams.model_validate({"limit": 3, "labels": ["ml"], "cite": "/registry"})
    assert params.model_dump(exclude_unset=True) == {"limit": 3, "labels": ["ml"], "cite": "/registry"}
    with pytest.raises(ValidationError, match="cite"):
        ExpressionParams.model_validate({"cite": ["/a"]})


def test_every_builtin_check_the_shipped_packs_name_is_known_and_its_params_fit() -> None:
    named = 0
    for entry in resources.files("custody.reviewer.rules.packs").iterdir():
        if not entry.name.endswith(".yml"):
            continue
        for rule in yaml.safe_load(entry.read_text(encoding="utf-8"))["rules"]:
            check = rule.get("check", {})
            if "builtin" in check:
                named += 1
                assert check["builtin"] in BUILTIN_CHECKS, rule["id"]
                params_model(check["builtin"]).model_validate(check.get("params", {}))
    assert named >= 20
