"""CEL and Rego checked before they run: syntax, and every evidence field they name, with errors in
the words of the person who wrote the rule (never the engine's internals)."""

from __future__ import annotations

import difflib
import functools
import json
import re
import types
import typing
from typing import Any

from custody.reviewer.model.evidence import Evidence
from pydantic import BaseModel

CEL_OPERATORS = {
    "relation_gt": ">", "relation_ge": ">=", "relation_lt": "<", "relation_le": "<=", "relation_eq": "==",
    "relation_ne": "!=", "relation_in": "in", "addition_add": "+", "addition_sub": "-",
    "multiplication_mul": "*", "multiplication_div": "/", "multiplication_mod": "%", "unary_not": "!",
    "unary_neg": "-", "conditionaland": "&&", "conditionalor": "||",
}
CEL_TYPES = {
    "IntType": "an integer", "UintType": "an integer", "DoubleType": "a number", "StringType": "a string",
    "BoolType": "a boolean", "ListType": "a list", "MapType": "a map", "NullType": "null",
    "BytesType": "bytes", "TimestampType": "a timestamp", "DurationType": "a duration",
}
# A chain of fields from a root: `evidence.diff.files`, `input.registry.versions[_].tags`.
_CHAIN = r"(?:\.[A-Za-z_]\w*(?!\w*\s*\()|\[[^\]]*\])+"


def _friendly_type(text: str) -> str:
    return next((word for name, word in CEL_TYPES.items() if name in text), text)


def cel_message(exc: BaseException) -> str:
    """One sentence about a CEL error, from celpy's exception."""
    name = type(exc).__name__
    line, column = getattr(exc, "line", None), getattr(exc, "column", None)
    where = f" at line {line}, column {column} of the expression" if line and column else ""
    if name == "CELParseError":
        first = str(exc).splitlines()[0].strip() if str(exc).strip() else ""
        return f"CEL does not parse{where}" + (f": `{first[:120]}`" if first else "")
    raw = exc.args[0] if exc.args else str(exc)
    text = str(raw)
    member = re.search(r"no such member in mapping: '([^']+)'", text)
    if member:
        return f"CEL: there is no field `{member.group(1)}` there{where}"
    overload = re.search(r"for Token\('RULE', '(\w+)'\) applied to '\((.*)\)'", text)
    if overload:
        operator = CEL_OPERATORS.get(overload.group(1), overload.group(1))
        kinds = [_friendly_type(part) for part in overload.group(2).split(",")]
        return f"CEL: `{operator}` cannot combine {' and '.join(kinds)}{where}"
    if "no such overload" in text or "no matching overload" in text:
        return f"CEL: a function or operator got arguments of the wrong type{where}"
    if "undeclared reference" in text or "not found" in text.lower():
        return f"CEL: unknown name{where}; a rule sees `evidence` and `params`"
    return f"CEL: {text[:160]}{where}"


def _unwrap(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def path_problems(text: str, root: str) -> list[str]:
    """Every `root.a.b` chain whose field does not exist in the evidence document, with a did-you-mean."""
    problems: list[str] = []
    for match in re.finditer(rf"(?<![\w.]){re.escape(root)}({_CHAIN})", text):
        current: Any = Evidence
        walked = root
        for part in re.findall(r"\.[A-Za-z_]\w*|\[[^\]]*\]", match.group(1)):
            current = _unwrap(current)
            origin, args = typing.get_origin(current), typing.get_args(current)
            if part.startswith("["):
                if origin in (list, dict) and args:
                    current = args[-1]
                    walked += part
                    continue
                break
            name = part[1:]
            if isinstance(current, type) and issubclass(current, BaseModel):
                fields = _fields(current)
                if name not in fields:
                    close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
                    hint = f"; did you mean `{close[0]}`?" if close else ""
                    problems.append(f"`{walked}` has no field `{name}`{hint}")
                    break
                current = fields[name]
                walked += part
                continue
            break  # a map key, a list's method or a scalar: nothing more the schema can say
    return list(dict.fromkeys(problems))


# Macros the CEL parser expands itself, next to the functions of celpy's standard library.
CEL_MACROS = frozenset({"all", "exists", "exists_one", "filter", "has", "map", "dyn"})


@functools.cache
def cel_functions() -> frozenset[str]:
    """Every function or method a rule's CEL may call here (celpy's standard library, without extensions
    such as `flatten` or `lowerAscii`)."""
    from celpy.evaluation import base_functions

    return CEL_MACROS | {name for name in base_functions if name[0].isalpha()}


def unknown_cel_function(tree: Any) -> str | None:
    """The first call of a function this CEL does not have, with its place, or None."""
    for node in tree.iter_subtrees_topdown():
        if node.data not in ("member_dot_arg", "ident_arg"):
            continue
        name = next((c for c in node.children if not hasattr(c, "data")), None)
        if name is not None and str(name) not in cel_functions():
            return (f"CEL: unknown function `{name}` at line {name.line}, column {name.column} of the expression "
                    f"(CEL here has {', '.join(sorted(cel_functions()))})")
    return None


@functools.lru_cache(maxsize=256)
def cel_problem(expression: str) -> str | None:
    """Why a CEL expression cannot run, or None: it must parse and name only fields that exist."""
    import celpy

    try:
        tree = celpy.Environment().compile(expression)
    except Exception as exc:  # celpy raises its own parse error types
        return cel_message(exc)
    unknown = unknown_cel_function(tree)
    if unknown:
        return unknown
    problems = path_problems(expression, "evidence")
    return "CEL: " + "; ".join(problems) if problems else None


@functools.lru_cache(maxsize=256)
def _rego_problem(policy: str, params_json: str) -> str | None:
    """Compiled and run once on an empty document, in the sandbox's child process: a policy that
    crashes the engine costs that rule, never the process that validates it."""
    from custody.reviewer.rules.rego_sandbox import RegoCall, evaluate_isolated

    (outcome,) = evaluate_isolated([RegoCall(policy, json.loads(params_json))], _empty_document())
    if outcome.problem is not None:
        return outcome.problem if outcome.problem.startswith("Rego") else f"Rego: {outcome.problem}"
    problems = path_problems(policy, "input")
    return "Rego: " + "; ".join(problems) if problems else None


def rego_problem(policy: str, params: dict[str, Any]) -> str | None:
    """Why a Rego policy cannot run, or None: it must compile, declare `deny`, and read fields that exist."""
    if not re.search(r"^\s*deny\b", policy, re.MULTILINE):
        return "Rego: the policy has no `deny` rule; each element of `deny` is one finding"
    return _rego_problem(policy, json.dumps(params, sort_keys=True, default=str))


@functools.cache
def _empty_document() -> dict[str, Any]:
    from custody.reviewer.model.evidence.pull_request import PullRequest

    document: dict[str, Any] = Evidence(pull_request=PullRequest(repo="o/r", number=1)).model_dump(
        mode="json", by_alias=True
    )
    return document
