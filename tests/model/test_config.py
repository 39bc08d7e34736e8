"""The custody.yml schema: defaults, strict nested keys, repository names and project extensions."""

from __future__ import annotations

import pytest
import yaml
from custody.reviewer.model.config import (
    MAX_ALLOWED_REPOSITORIES,
    REPOSITORY_NAME,
    RepoConfig,
    TicketPolicy,
)
from pydantic import ValidationError

FULL = """\
tickets:
  required: true
  trackers: [jira]
  allowed_repositories: [acme/platform, acme/ml.models_v2]
promotion:
  registered_model: churn
  production_alias: champion
  primary_metric: val_auc
  min_improvement: 0.01
  guardrails:
    latency_p95_ms: {max: 120}
    recall: {min: 0.8}
paths:
  design_docs: ["docs/rfc/**"]
rules:
  packs: [builtin, .github/custody-rules.yml]
  disable: [hygiene.unpinned-dependency]
  overrides:
    card.exists: {severity: low, blocking: false, params: {paths: [README.md]}}
on_error: fail
team: ml-platform
"""


def test_an_empty_file_gives_every_default() -> None:
    config = RepoConfig.model_validate({})
    assert config.tickets.required is False
    assert config.tickets.trackers == ["github", "jira"]
    assert config.promotion is None
    assert "MODEL_CARD.md" in config.paths.model_cards
    assert config.paths.design_docs == ["docs/design/**"]
    assert config.rules.packs == ["builtin"]
    assert config.on_error == "neutral"


def test_a_real_configuration_is_read_and_round_trips() -> None:
    config = RepoConfig.model_validate(yaml.safe_load(FULL))
    assert config.tickets.allowed_repositories == ["acme/platform", "acme/ml.models_v2"]
    assert config.promotion is not None
    assert config.promotion.guardrails["latency_p95_ms"].max == 120
    assert config.promotion.guardrails["recall"].min == 0.8
    assert config.rules.overrides["card.exists"].params == {"paths": ["README.md"]}
    assert config.model_extra == {"team": "ml-platform"}  # unknown top-level keys are kept
    assert RepoConfig.model_validate_json(config.model_dump_json()) == config


@pytest.mark.parametrize("nested", [
    {"tickets": {"requierd": True}},
    {"promotion": {"guardrails": {"auc": {"maximum": 1}}}},
    {"paths": {"cards": ["x.md"]}},
    {"rules": {"overrides": {"card.exists": {"level": "low"}}}},
])
def test_a_misspelt_nested_key_is_refused_with_its_location(nested: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        RepoConfig.model_validate(nested)


@pytest.mark.parametrize("bad", [
    {"on_error": "explode"},
    {"tickets": {"trackers": ["linear"]}},
    {"rules": {"overrides": {"x": {"severity": "urgent"}}}},
    {"promotion": {"min_improvement": "a lot"}},
])
def test_values_outside_the_schema_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        RepoConfig.model_validate(bad)


@pytest.mark.parametrize("name", ["acme/repo", "a/b", "a-b-c/x.y_z-1", "A1/.github", "x" * 39 + "/" + "y" * 100])
def test_repository_names_github_allows_are_accepted(name: str) -> None:
    assert TicketPolicy(allowed_repositories=[name]).allowed_repositories == [name]


@pytest.mark.parametrize("name", ["acme", "acme/*", "-acme/x", "acme-/x", "ac--me/x", "acme/..", "acme/.",
                                  "acme/x/y", "x" * 40 + "/y", "acme/" + "y" * 101, "acme/x y", ""])
def test_anything_but_one_named_repository_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="is not a repository as owner/name"):
        TicketPolicy(allowed_repositories=[name])


def test_a_very_long_bad_name_is_cut_in_the_message() -> None:
    with pytest.raises(ValidationError) as raised:
        TicketPolicy(allowed_repositories=["z" * 5000])
    assert "z" * 121 not in str(raised.value)


def test_the_list_of_other_repositories_is_bounded() -> None:
    names = [f"acme/r{i}" for i in range(MAX_ALLOWED_REPOSITORIES + 1)]
    with pytest.raises(ValidationError, match="at most"):
        TicketPolicy(allowed_repositories=names)
    assert len(TicketPolicy(allowed_repositories=names[:-1]).allowed_repositories) == MAX_ALLOWED_REPOSITORIES


def test_the_published_schema_pattern_agrees_with_the_validator_on_plain_names() -> None:
    schema = TicketPolicy.model_json_schema()
    pattern = schema["properties"]["allowed_repositories"]["items"]["pattern"]
    assert pattern == r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$"
    assert REPOSITORY_NAME.fullmatch("acme/platform")
