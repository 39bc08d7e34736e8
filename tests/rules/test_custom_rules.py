"""A team's CEL and Rego rules: scoped by path and artifact, one finding per hit, errors in the writer's words."""

from __future__ import annotations

from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff, DiffLine, FileChange, Hunk
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.outcome.conclude import build_verdict
from custody.reviewer.rules.book import Check, Rule, RuleBook, Scope, rule_problems
from custody.reviewer.rules.compile import cel_problem, rego_problem
from custody.reviewer.rules.expressions import run_expression_rules


def changed(*paths: str) -> Evidence:
    return Evidence(pull_request=PullRequest(repo="o/r", number=3),
                    diff=Diff(files=[FileChange(path=p, status="added") for p in paths]))


def rule(check: Check, paths: list[str] | None = None, artifacts: list[str] | None = None) -> Rule:
    return Rule(id="team.rule", title="Pickles are not shipped", agent="hygiene", kind="team.pickle",
                severity="medium", scope=Scope(paths=paths or [], artifacts=artifacts or []), check=check)


PICKLES = Check(cel='evidence.diff.files.filter(f, f.path.endsWith(".pkl"))')


def test_a_cel_list_gives_one_finding_per_element_with_its_own_citation() -> None:
    result = run_expression_rules(changed("models/a.pkl", "models/b.pkl", "train.py"), RuleBook([rule(PICKLES)]))
    assert [(f.subject, f.path, f.citations[0].locator) for f in result.findings] == [
        ("models/a.pkl", "models/a.pkl", "models/a.pkl"), ("models/b.pkl", "models/b.pkl", "models/b.pkl")]
    assert all(f.citations[0].artifact == "diff" for f in result.findings)


def test_scope_paths_apply_to_cel_rules() -> None:
    scoped = rule(PICKLES, paths=["models/**"])
    result = run_expression_rules(changed("models/a.pkl", "scratch/c.pkl"), RuleBook([scoped]))
    assert [f.path for f in result.findings] == ["models/a.pkl"]
    quiet = run_expression_rules(changed("scratch/c.pkl"), RuleBook([scoped]))
    assert quiet.findings == [] and quiet.checked == []
    assert "no changed file matches models/**" in quiet.skipped[0].why


def test_artifact_scope_skips_a_rule_whose_artifact_is_absent() -> None:
    needs_registry = rule(Check(cel="true"), artifacts=["registry"])
    result = run_expression_rules(changed("a.py"), RuleBook([needs_registry]))
    assert result.findings == [] and "no registry" in result.skipped[0].why


REGO_TWO = """package team.pickles
import rego.v1
deny contains {"msg": sprintf("%v is a pickle", [f.path]), "path": f.path} if {
  some f in input.diff.files
  endswith(f.path, ".pkl")
}
"""


def test_every_rego_denial_is_its_own_finding_and_scope_applies() -> None:
    result = run_expression_rules(changed("models/a.pkl", "models/b.pkl", "x/c.pkl"),
                                  RuleBook([rule(Check(rego=REGO_TWO), paths=["models/**"])]))
    assert sorted((f.message, f.citations[0].locator) for f in result.findings) == [
        ("models/a.pkl is a pickle", "models/a.pkl"), ("models/b.pkl is a pickle", "models/b.pkl")]


def test_cel_errors_read_in_the_writers_terms() -> None:
    assert cel_problem("evidence.diff.filez.exists(f, true)") == (
        "CEL: `evidence.diff` has no field `filez`; did you mean `files`?")
    parse = cel_problem("size(evidence.diff.files) >")
    assert parse is not None and parse.startswith("CEL does not parse at line 1, column") and "Token" not in parse
    runtime = run_expression_rules(changed("a.py"), RuleBook([rule(Check(cel='size(evidence.diff.files) > "2"'))]))
    [problem] = runtime.degraded
    assert problem.why.startswith("CEL: `>` cannot combine an integer and a string")
    assert "celpy" not in problem.why and "Token" not in problem.why


def test_rego_is_checked_against_the_evidence_schema() -> None:
    bad = REGO_TWO.replace("input.diff.files", "input.diff.file")
    assert rego_problem(bad, {}) == "Rego: `input.diff` has no field `file`; did you mean `files`?"
    assert rego_problem("package x\nallow := true\n", {}) is not None  # no deny: nothing could ever fire


def test_expression_params_keep_any_key_but_cite_must_be_text() -> None:
    _, problems = rule_problems(rule(Check(cel="params.limit < 3", params={"limit": 2, "cite": 5})))
    assert problems == ["parameter `cite`: Input should be a valid string (got 5)"]


REGO_PER_LINE = """package team.prints
import rego.v1
deny contains {"msg": "print() in pipeline code; use logging", "path": f.path, "line": line.number} if {
  some f in input.diff.files
  some hunk in f.hunks
  some line in hunk.added
  contains(line.text, "print(")
}
deny contains {"msg": "print() in pipeline code; use logging", "path": "pipelines/a.py", "line": 7} if { true }
"""


def test_hits_that_differ_only_in_line_stay_two_findings_through_the_verdict() -> None:
    added = [DiffLine(number=7, text='print("a")'), DiffLine(number=8, text="x = 1"),
             DiffLine(number=9, text='print("b")')]
    evidence = Evidence(pull_request=PullRequest(repo="o/r", number=3), diff=Diff(files=[
        FileChange(path="pipelines/a.py", status="modified",
                   hunks=[Hunk(old_start=1, old_length=0, new_start=7, new_length=3, added=added)])]))
    result = run_expression_rules(evidence, RuleBook([rule(Check(rego=REGO_PER_LINE))]))
    verdict = build_verdict(evidence, [result])
    assert sorted(f.citations[0].locator for f in verdict.findings) == ["pipelines/a.py#L7", "pipelines/a.py#L9"]
    assert {f.message for f in verdict.findings} == {"print() in pipeline code; use logging"}


PRINTS_CEL = ('evidence.diff.files.map(f, f.hunks.map(h, h.added.filter(l, l.text.contains("print("))'
              '.map(l, {"path": f.path, "line": l.number, "msg": "print() in pipeline code"})))')


def test_a_cel_list_of_lists_gives_one_finding_per_innermost_element() -> None:
    added = [DiffLine(number=7, text='print("a")'), DiffLine(number=8, text="x = 1"),
             DiffLine(number=9, text='print("b")')]
    evidence = Evidence(pull_request=PullRequest(repo="o/r", number=3), diff=Diff(files=[
        FileChange(path="pipelines/a.py", status="modified",
                   hunks=[Hunk(old_start=1, old_length=0, new_start=7, new_length=3, added=added)]),
        FileChange(path="scripts/b.py", status="modified",
                   hunks=[Hunk(old_start=1, old_length=0, new_start=1, new_length=1, added=added[:1])])]))
    assert cel_problem(PRINTS_CEL) is None
    result = run_expression_rules(evidence, RuleBook([rule(Check(cel=PRINTS_CEL), paths=["pipelines/**"])]))
    assert sorted(f.citations[0].locator for f in result.findings) == ["pipelines/a.py#L7", "pipelines/a.py#L9"]
    assert {f.message for f in result.findings} == {"print() in pipeline code"}


def test_a_cel_function_this_engine_lacks_is_refused_before_it_runs() -> None:
    problem = cel_problem("evidence.diff.files.map(f, f.hunks).flatten().size() > 0")
    assert problem is not None and problem.startswith(
        "CEL: unknown function `flatten` at line 1, column 37 of the expression (CEL here has all, bool,")
    assert cel_problem('evidence.diff.files.exists_one(f, f.path.matches("^a"))') is None
