"""JSON Schemas for the published documents: evidence, verdict, rule packs and custody.yml."""

from __future__ import annotations

from typing import Any

from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.findings import Verdict
from custody.reviewer.rules.book import RulePack
from pydantic import BaseModel

MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "evidence": (Evidence, "custody.evidence/v1"),
    "verdict": (Verdict, "custody.review/v1"),
    "rules": (RulePack, "custody.rulepack/v1"),
    "config": (RepoConfig, "custody.config/v1"),
}


def schema_for(what: str) -> dict[str, Any]:
    model, schema_id = MODELS[what]
    schema = model.model_json_schema(by_alias=True)
    schema["$id"] = f"https://custody.dev/schemas/{schema_id}.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
