"""The repository configuration, `.github/custody.yml`, read from the base branch."""

from __future__ import annotations

from typing import Any, Literal

import yaml
from custody.reviewer.readers.safe_yaml import YamlLimitError, load_yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

CONFIG_PATH = ".github/custody.yml"
MAX_CONFIG_BYTES = 256 * 1024


class TicketPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    required: bool = False
    trackers: list[Literal["github", "jira"]] = Field(default_factory=lambda: ["github", "jira"])  # type: ignore[arg-type]


class Bound(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max: float | None = None
    min: float | None = None


class PromotionPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    registered_model: str | None = None
    production_alias: str | None = None
    production_stage: str | None = None
    require_version_tags: dict[str, str] = Field(default_factory=dict)
    primary_metric: str | None = None
    min_improvement: float | None = None
    guardrails: dict[str, Bound] = Field(default_factory=dict)
    gated_changes: list[str] | None = None


class Paths(BaseModel):
    """Where artifacts live in the repository; globs, relative to its root."""

    model_config = ConfigDict(extra="forbid")

    model_cards: list[str] = Field(
        default_factory=lambda: ["MODEL_CARD.md", "README.md", "models/**/MODEL_CARD.md",
                                 "**/MODEL_CARD.md", "**/model_card.json"]
    )
    design_docs: list[str] = Field(default_factory=lambda: ["docs/design/**"])
    contracts: list[str] = Field(
        default_factory=lambda: ["**/*.odcs.yaml", "**/*.odcs.yml", "contracts/**"]
    )


class RuleOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    severity: Literal["info", "low", "medium", "high", "critical"] | None = None
    blocking: bool | None = None
    params: dict[str, Any] = Field(default_factory=dict)


class RulesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    packs: list[str] = Field(default_factory=lambda: ["builtin"])
    disable: list[str] = Field(default_factory=list)
    overrides: dict[str, RuleOverride] = Field(default_factory=dict)


class RepoConfig(BaseModel):
    """Every key is optional; unknown top-level keys are kept, for project extensions."""

    model_config = ConfigDict(extra="allow")

    tickets: TicketPolicy = Field(default_factory=TicketPolicy)
    promotion: PromotionPolicy | None = None
    paths: Paths = Field(default_factory=Paths)
    rules: RulesConfig = Field(default_factory=RulesConfig)


def yaml_error_line(exc: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML error points at, when it says."""
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


class ConfigError(ValueError):
    """The configuration could not be used; the message is safe to show in the PR."""


def parse_repo_config(text: str | bytes | None) -> RepoConfig:
    """Parse custody.yml; raise ConfigError with a user-facing reason when it is unusable."""
    if text is None:
        return RepoConfig()
    if len(text) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{CONFIG_PATH} is larger than {MAX_CONFIG_BYTES // 1024} KiB")
    try:
        data = load_yaml(text, CONFIG_PATH)
    except YamlLimitError as exc:
        raise ConfigError(str(exc)) from exc
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise ConfigError(f"{CONFIG_PATH} is not valid YAML{f' at line {line}' if line else ''}") from exc
    if data is None:
        return RepoConfig()
    if not isinstance(data, dict):
        raise ConfigError(f"{CONFIG_PATH} must be a mapping at the top level")
    try:
        return RepoConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise ConfigError(f"{CONFIG_PATH} is invalid: {problems}") from exc
