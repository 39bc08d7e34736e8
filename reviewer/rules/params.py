"""The parameters each check accepts: one pydantic model per built-in check, and the shape every
CEL or Rego rule's `params` shares. A rule whose parameters do not fit is not run, and says why."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NoParams(BaseModel):
    """A check that takes no parameters: any key given is a mistake."""

    model_config = ConfigDict(extra="forbid")


class PinnedRequirements(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_pinned_share: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Share of a requirements file's entries that must already be pinned (0 to 1, "
        "e.g. 0.9 for 90 %) before a new unpinned entry there is reported.",
    )


class ExpressionParams(BaseModel):
    """A CEL or Rego rule's params: any key the expression reads (`params.x`, `data.params.x`)."""

    model_config = ConfigDict(extra="allow")

    cite: str | None = Field(
        default=None,
        description="A JSON pointer into the evidence document the finding cites when a hit names no place "
        "(e.g. /registry).",
    )


# Every built-in check by name; a check missing here takes no parameters.
BUILTIN_PARAMS: dict[str, type[BaseModel]] = {
    "pinned_requirements": PinnedRequirements,
}
BUILTIN_CHECKS = frozenset({
    "metric_claims", "dataset_claims", "field_claims", "card_freshness", "stage_sets", "stage_order", "params",
    "contract_schema", "secret_patterns", "pinned_requirements", "seeded_randomness", "disabled_tests",
    "fit_on_test", "python_ast", "version_tags", "champion_challenger", "ticket_required", "criteria_coverage",
    "change_scope", "ticket_readable", "fit_before_split", "metric_formula", "committed_artifacts", "local_paths",
    "clock_seed", "broken_urls", "permissive_gate", "batch_averaging", "target_in_features",
    "deleted_config_key", "project_command", "endpoint_scheme", "endpoint_port", "build_step_path",
    "discarded_node_output", "dbt_columns", "dbt_properties", "doc_snippet_name", "checkpoint_listing",
    "dead_parameter", "frame_schema", "doc_snippet_call", "model_alias_case", "shared_artifact_path",
    "doc_model_uri",
})


def params_model(builtin: str | None) -> type[BaseModel]:
    """The schema of a check's params: the built-in's own, or the free-form one of an expression."""
    if builtin is None:
        return ExpressionParams
    return BUILTIN_PARAMS.get(builtin, NoParams)
