"""CEL and Rego checked before they run: syntax and every evidence field they name, in the rule writer's words."""

from __future__ import annotations

from typing import Any

import celpy
import pytest
from custody.reviewer.rules.compile import cel_message, cel_problem, path_problems, rego_problem


def cel_error(expression: str, document: dict[str, Any]) -> BaseException:
    env = celpy.Environment()
    try:
        env.program(env.compile(expression)).evaluate({"evidence": celpy.json_to_cel(document)})
    except Exception as exc:
        return exc
    raise AssertionError(f"{expression} evaluated")


@pytest.mark.parametrize(("expression", "document", "message"), [
    ('size(evidence.diff.files) > "2"', {"diff": {"files": []}},
     "CEL: `>` cannot combine an integer and a string at line 1, column 1 of the expression"),
    ("evidence.nope", {"diff": {}}, "CEL: there is no field `nope` there at line 1, column 1 of the expression"),
    ("params.limit + 1", {}, "CEL: unknown name at line 1, column 1 of the expression; a rule sees `evidence` and "
                             "`params`"),
])
def test_runtime_errors_become_one_sentence_without_engine_internals(expression: str, document: dict[str, Any],
                                                                     message: str) -> None:
    assert cel_message(cel_error(expression, document)) == message


def test_other_errors_are_cut_short_and_parse_errors_quote_their_first_line() -> None:
    assert cel_message(ValueError("x" * 500)) == "CEL: " + "x" * 160
    parse = cel_problem("size(evidence.diff.files) >")
    assert parse is not None and parse.startswith("CEL does not parse at line 1, column") and "Token" not in parse


def test_a_valid_expression_has_no_problem_and_a_misspelt_field_a_suggestion() -> None:
    assert cel_problem('evidence.diff.files.exists(f, f.path.endsWith(".pkl"))') is None
    assert cel_problem("evidence.diff.filez.exists(f, true)") == (
        "CEL: `evidence.diff` has no field `filez`; did you mean `files`?")


@pytest.mark.parametrize(("text", "problems"), [
    ("evidence.registry.versions[0].tags", []),
    ("evidence.head_texts['params.yaml'].size()", []),  # a map key, then a method: nothing more to check
    ("evidence.schema", []),  # the alias is the name a rule sees
    ("evidence.model_cards[0].metricz", ["`evidence.model_cards[0]` has no field `metricz`; did you mean `metrics`?"]),
    ("evidence.zzz || evidence.zzz", ["`evidence` has no field `zzz`"]),  # said once
    ("my_evidence.zzz", []),  # another name that ends the same way is not the root
    ("evidence.pull_request.number.bits", []),  # a scalar: the schema says no more
])
def test_path_problems_walk_the_evidence_schema(text: str, problems: list[str]) -> None:
    assert path_problems(text, "evidence") == problems


def test_rego_needs_a_deny_rule_compiles_and_reads_existing_fields() -> None:
    good = 'package t\nimport rego.v1\ndeny contains f.path if {\n  some f in input.diff.files\n}\n'
    assert rego_problem(good, {}) is None
    assert rego_problem("package x\nallow := true\n", {}) == (
        "Rego: the policy has no `deny` rule; each element of `deny` is one finding")
    assert rego_problem(good.replace("input.diff.files", "input.diff.file"), {}) == (
        "Rego: `input.diff` has no field `file`; did you mean `files`?")
    unknown = rego_problem("package x\ndeny contains y if { y := no_such_function(data.params.x) }\n", {"x": 5})
    assert unknown is not None and unknown.startswith("Rego: ")


def test_rego_syntax_errors_name_the_line_and_column_of_the_policy() -> None:
    assert rego_problem("package x\nimport rego.v1\ndeny contains msg if {\n  x := 1 +\n}\n", {}) == (
        "Rego: Invalid arithmetic operator at line 4, column 10 of the policy")
