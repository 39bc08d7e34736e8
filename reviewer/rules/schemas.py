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


def _type_name(annotation: Any) -> tuple[str, type[BaseModel] | None]:
    """A short type for the docs, and the model inside it to describe next (if any)."""
    import types
    import typing

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        name, inner = _type_name(options[0]) if len(options) == 1 else (" or ".join(_type_name(a)[0] for a in options),
                                                                         None)
        return f"{name} or null", inner
    if origin is list:
        name, inner = _type_name(args[0]) if args else ("any", None)
        return f"list of {name}", inner
    if origin is dict:
        name, inner = _type_name(args[1]) if len(args) == 2 else ("any", None)
        return f"map of string to {name}", inner
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args), None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "object", annotation
    names = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if isinstance(annotation, type) and annotation in names:
        return names[annotation], None
    return "any", None


def field_lines(model: type[BaseModel], prefix: str, depth: int = 5,
                seen: dict[type[BaseModel], str] | None = None) -> list[str]:
    """One Markdown table row per field a rule can read, nested objects `depth` levels down (an object
    met twice is described once); what `docs/rules.md` shows between its evidence-fields markers (a
    test keeps the two equal)."""
    seen = {} if seen is None else seen
    rows: list[str] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        type_name, inner = _type_name(info.annotation)
        path = f"{prefix}.{key}"
        about = " ".join((info.description or "").split()).replace("|", "\\|")
        nested = f"{path}[]" if type_name.startswith(("list", "map")) else path
        if inner is not None and inner in seen:
            about = f"{about} Same fields as `{seen[inner]}`.".strip()
        rows.append(f"| `{path}` | {type_name} | {about} |")
        if inner is not None and inner not in seen and depth > 1:
            seen[inner] = nested
            rows += field_lines(inner, nested, depth - 1, seen)
    return rows


def evidence_fields_markdown() -> str:
    return "\n".join(["| Field | Type | What it holds |", "|---|---|---|", *field_lines(Evidence, "evidence")])
