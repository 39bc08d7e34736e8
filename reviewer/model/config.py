"""The repository configuration's schema, `.github/custody.yml`: every key, its type and its default."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

CONFIG_PATH = ".github/custody.yml"
MAX_CONFIG_BYTES = 256 * 1024
MAX_ALLOWED_REPOSITORIES = 50
# `owner/name` as GitHub spells them: an owner of letters, digits and inner dashes, a name of
# letters, digits, `.`, `_` and `-`. No wildcards: each repository is named on purpose.
REPOSITORY_NAME = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\.\.?$)[A-Za-z0-9._-]{1,100}")


def _repository_name(value: str) -> str:
    if not REPOSITORY_NAME.fullmatch(value):
        raise ValueError(f"{value[:120]!r} is not a repository as owner/name")
    return value


RepositoryName = Annotated[
    str, AfterValidator(_repository_name),
    Field(description="a repository as owner/name", json_schema_extra={"pattern": r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$"}),
]


class TicketPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    required: bool = False
    trackers: list[Literal["github", "jira"]] = Field(default_factory=lambda: ["github", "jira"])  # type: ignore[arg-type]
    # Other repositories whose issues a PR may link and Custody may read and quote in the PR; the
    # PR's own repository is always allowed, every other one only when listed here.
    allowed_repositories: list[RepositoryName] = Field(default_factory=list, max_length=MAX_ALLOWED_REPOSITORIES)


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
    # What Custody does when a version that fails the gate takes the production alias in the
    # registry itself (an admission event): report it, or also move the alias back.
    on_violation: Literal["report", "revert"] = "report"


class Paths(BaseModel):
    """Where artifacts live in the repository; globs, relative to its root."""

    model_config = ConfigDict(extra="forbid")

    model_cards: list[str] = Field(
        default_factory=lambda: ["MODEL_CARD.md", "README.md", "models/**/MODEL_CARD.md",
                                 "**/MODEL_CARD.md", "**/model_card.json"]
    )
    design_docs: list[str] = Field(default_factory=lambda: ["docs/design/**"])
    contracts: list[str] = Field(
        default_factory=lambda: ["**/*.odcs.yaml", "**/*.odcs.yml", "contracts/**", "**/*.datacontract.yaml",
                                 "**/*.datacontract.yml", "**/datacontract.yaml", "**/datacontract.yml"]
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
    on_error: Literal["neutral", "fail"] = "neutral"  # the conclusion while a configured check could not run
