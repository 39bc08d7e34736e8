"""The Rego sandbox: policies run in a warm child process; a policy that errs, hangs or crashes the
engine is one rule's problem, said in words, and the next policies still run."""

from __future__ import annotations

import json

import pytest
from custody.reviewer.rules.rego_sandbox import (
    TIMEOUT_ENV,
    RegoCall,
    RegoPolicyError,
    RegoResult,
    evaluate_in_process,
    evaluate_isolated,
    rego_message,
    timeout_seconds,
)

LABELS = """package custody.ml_label
import rego.v1
deny contains {"msg": sprintf("PR %v has no %v label", [input.pull_request.number, data.params.label])} if {
  not data.params.label in input.pull_request.labels
}
"""
STRINGS = """package team.strings
import rego.v1
deny contains "plain text denial" if { true }
"""
REDOS = """package team.redos
import rego.v1
deny contains "slow" if { regex.match("(a+)+$", input.pull_request.body) }
"""
DOCUMENT = {"pull_request": {"number": 7, "labels": ["docs"], "body": "a" * 40 + "b"}}


def test_each_policy_gets_its_own_params_and_its_denials() -> None:
    results = evaluate_isolated([RegoCall(LABELS, {"label": "ml"}), RegoCall(LABELS, {"label": "docs"})], DOCUMENT)
    assert results == [RegoResult(denials=[{"msg": "PR 7 has no ml label"}]), RegoResult(denials=[])]


def test_a_denial_that_is_not_an_object_becomes_its_message() -> None:
    assert evaluate_in_process(STRINGS, json.dumps(DOCUMENT), {}) == [{"msg": "plain text denial"}]


def test_no_calls_start_no_engine() -> None:
    assert evaluate_isolated([], DOCUMENT) == []


def test_a_policy_without_a_package_or_that_does_not_compile_says_why_and_where() -> None:
    with pytest.raises(RegoPolicyError, match="declares no package"):
        evaluate_in_process("deny contains 1 if { true }", "{}", {})
    broken = "package x\nimport rego.v1\ndeny contains msg if {\n  x := 1 +\n}\n"
    (result,) = evaluate_isolated([RegoCall(broken)], {})
    assert result.problem == "Rego: Invalid arithmetic operator at line 4, column 10 of the policy"
    assert result.denials == []


def test_a_runaway_policy_is_stopped_and_the_next_one_still_answers() -> None:
    results = evaluate_isolated([RegoCall(REDOS), RegoCall(LABELS, {"label": "ml"})], DOCUMENT, timeout=0.5)
    assert results[0] == RegoResult(problem="its Rego policy took longer than 0.5 s and was stopped")
    assert results[1].denials == [{"msg": "PR 7 has no ml label"}]


def test_engine_errors_read_as_one_sentence_with_the_policy_position() -> None:
    engine = "(error (errormsg 1: Invalid arithmetic operator) (errorast (term rule.rego|57|1|+)))"
    policy = "package x\nimport rego.v1\ndeny contains msg if {\n  x := 1 +\n}\n"
    assert rego_message(engine, policy) == "Rego: Invalid arithmetic operator at line 4, column 10 of the policy"
    assert rego_message("(errormsg 2: no offsets here)", policy) == "Rego: no offsets here"
    assert rego_message("Expecting value: line 1 column 1", policy).startswith("Rego: the policy does not evaluate")
    assert rego_message("  something\n  else  ", policy) == "Rego: something else"


def test_the_time_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "7.5")
    assert timeout_seconds() == 7.5
    for junk in ("", "soon", "-1", "0"):
        monkeypatch.setenv(TIMEOUT_ENV, junk)
        assert timeout_seconds() == 2.0
    monkeypatch.delenv(TIMEOUT_ENV)
    assert timeout_seconds() == 2.0


TRIMMED = """package team.trimmed
import rego.v1
deny contains {"msg": trim_space("  a\\"b  ")} if { true }
deny contains {"msg": sprintf("print() in pipeline code: %v", [trim_space(line)]), "line": 7} if {
  some line in input.lines
}
deny contains {"msg": trim(input.path, " "), "kept": "say \\"hi\\"\\n"} if { true }
"""


def test_a_trim_builtin_that_makes_a_quote_or_backslash_is_read_not_misparsed() -> None:
    # rego-cpp stores what the trim builtins make unescaped, so its JSON text of the result is invalid.
    document = {"lines": ['    print("rows before", len(df))'], "path": " C:\\models\" "}
    expected = [{"msg": 'a"b'},
                {"msg": 'print() in pipeline code: print("rows before", len(df))', "line": 7},
                {"msg": 'C:\\models"', "kept": 'say "hi"\n'}]
    key = json.dumps
    assert sorted(evaluate_in_process(TRIMMED, json.dumps(document), {}), key=key) == sorted(expected, key=key)
    [result] = evaluate_isolated([RegoCall(TRIMMED)], document)
    assert result.problem is None and sorted(result.denials, key=key) == sorted(expected, key=key)
