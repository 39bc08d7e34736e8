"""The rule book: packs parsed strictly, overrides and disables applied, each unusable part said once,
and a guard that keeps one rule's crash from costing its agent the others."""

from __future__ import annotations

import pytest
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.rules.book import (
    Check,
    Rule,
    RuleBook,
    RulePack,
    RuleProblem,
    build_rulebook,
    builtin_packs,
    builtin_rule_ids,
    load_pack_text,
    rule_problems,
    select_packs,
)

TEAM = """\
pack: team
version: "1"
rules:
  - id: team.no-pickles
    title: No pickles
    agent: hygiene
    kind: team.pickle
    severity: medium
    check: {cel: 'evidence.diff.files.exists(f, f.path.endsWith(".pkl"))'}
"""
CITE = [Citation(artifact="diff", locator="a.py#L1")]


def config(**rules: object) -> RepoConfig:
    return RepoConfig.model_validate({"rules": rules})


def test_a_pack_parses_and_its_errors_name_the_file_line_and_field() -> None:
    pack = load_pack_text(TEAM, "team.yml")
    assert (pack.pack, pack.rules[0].check.cel is not None, pack.rules[0].blocking) == ("team", True, False)
    with pytest.raises(ValueError, match=r"^team\.yml:3: not valid YAML$"):
        load_pack_text("pack: [\nversion: 1\n", "team.yml")
    with pytest.raises(ValueError, match=r"^team\.yml: rules\.0\.severity: Input should be 'info'"):
        load_pack_text(TEAM.replace("severity: medium", "severity: loud"), "team.yml")
    with pytest.raises(ValueError, match=r"^team\.yml: rules\.0\.owner: Extra inputs"):
        load_pack_text(TEAM + "    owner: ana\n", "team.yml")
    with pytest.raises(ValueError, match=r"^team\.yml: pack: Field required"):
        load_pack_text("version: '1'\nrules: []\n", "team.yml")


def test_a_yaml_bomb_pack_is_refused_unread() -> None:
    bomb = 'pack: a\nversion: "1"\nrules: []\nx: &x ["l","l","l","l","l","l","l","l","l"]\n' + "".join(
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("xabcdefg", "abcdefgh", strict=True))
    with pytest.raises(ValueError, match=r"team\.yml"):
        load_pack_text(bomb, "team.yml")


def test_builtin_packs_are_copies_no_caller_can_change_for_another() -> None:
    first = builtin_packs()
    original = first[0].rules[0].severity
    first[0].rules[0].severity = "info" if original != "info" else "critical"
    assert builtin_packs()[0].rules[0].severity == original
    assert [p.pack for p in builtin_packs()] == sorted(p.pack for p in builtin_packs())
    assert "hygiene.secret" in builtin_rule_ids()


def test_packs_are_selected_by_builtin_name_org_and_path_and_a_missing_one_is_said() -> None:
    team = load_pack_text(TEAM, "t.yml")
    chosen, missing = select_packs(["builtin-hygiene", "org", "t.yml", "gone.yml"], {"t.yml": team}, [team])
    assert [p.pack for p in chosen] == ["builtin-hygiene", "team", "team"]
    assert [(m.what, m.why) for m in missing] == [("rule pack gone.yml", "not found on the base branch")]
    everything, _ = select_packs(["builtin"], {}, [])
    assert len(everything) == len(builtin_packs())


def test_by_default_every_builtin_rule_is_enabled_and_nothing_is_wrong() -> None:
    book, problems = build_rulebook(RepoConfig())
    assert problems == [] and book.broken == {}
    assert book.enabled("hygiene.secret") and book.get("hygiene.secret").blocking
    assert {r.agent for r in book.for_agent("card")} == {"card"}
    assert book.versions["builtin-hygiene"] == "1"


def test_overrides_change_severity_blocking_and_params_and_are_validated() -> None:
    book, problems = build_rulebook(config(overrides={
        "hygiene.secret": {"severity": "low", "blocking": False},
        "hygiene.unpinned-dependency": {"params": {"min_pinned_share": "0.9"}}}))
    assert problems == []
    assert (book.get("hygiene.secret").severity, book.get("hygiene.secret").blocking) == ("low", False)
    assert book.param("hygiene.unpinned-dependency", "min_pinned_share", None) == 0.9  # "0.9" normalised


def test_a_bad_override_is_dropped_and_the_rule_runs_as_its_pack_says() -> None:
    book, problems = build_rulebook(config(overrides={"hygiene.unpinned-dependency": {"params": {"share": 1}}}))
    (problem,) = problems
    assert problem.loc == ("rules", "overrides", "hygiene.unpinned-dependency", "params")
    assert problem.why.startswith("unknown parameter `share` (it takes min_pinned_share)")
    assert book.param("hygiene.unpinned-dependency", "min_pinned_share", None) == 0.5


def test_misspelt_rule_ids_in_overrides_and_disable_are_said_with_a_suggestion() -> None:
    book, problems = build_rulebook(config(overrides={"hygiene.secrets": {"severity": "low"}},
                                           disable=["hygiene.secret", "card.exist"]))
    assert [(p.what, p.why, p.loc) for p in problems] == [
        ("override of rule hygiene.secrets", "no such rule; did you mean `hygiene.secret`?",
         ("rules", "overrides", "hygiene.secrets")),
        ("disable rule card.exist", "no such rule; did you mean `card.exists`?", ("rules", "disable", 1))]
    assert not book.enabled("hygiene.secret") and book.finding(
        "hygiene.secret", subject="s", message="m", citations=CITE) is None


def test_a_broken_rule_is_said_once_never_run_and_its_params_fall_back() -> None:
    pack = load_pack_text(TEAM.replace("check: {cel:", "check: {builtin: secret_patterns, cel:"), "t.yml")
    book, problems = build_rulebook(RepoConfig(), [pack])
    assert [(p.what, p.rule) for p in problems] == [("rule team.no-pickles", "team.no-pickles")]
    assert problems[0].why == ("the check needs exactly one of builtin, cel, rego, llm (it has builtin, cel); "
                               "no built-in check implements this rule id; write it as a cel or rego check; "
                               "the rule was not run")
    assert not book.enabled("team.no-pickles") and book.param("team.no-pickles", "x", 7) == 7
    _, disabled = build_rulebook(config(disable=["team.no-pickles"]), [pack])
    assert disabled == []  # a disabled rule is not run, so it is no problem


def test_an_override_that_mends_a_broken_rule_makes_it_run() -> None:
    pack = RulePack(pack="p", version="1", rules=[Rule(
        id="hygiene.unpinned-dependency", title="t", agent="hygiene", kind="code.devops", severity="low",
        check=Check(builtin="pinned_requirements", params={"min_pinned_share": 5}))])
    book, problems = build_rulebook(config(overrides={
        "hygiene.unpinned-dependency": {"params": {"min_pinned_share": 0.8}}}), [pack])
    assert problems == [] and book.enabled("hygiene.unpinned-dependency")


def test_rule_problems_for_each_kind_of_check() -> None:
    def rule(check: Check) -> Rule:
        return Rule(id="x.y", title="t", agent="scope", kind="k", severity="low", check=check)

    assert rule_problems(rule(Check()))[1] == ["the check needs exactly one of builtin, cel, rego, llm"]
    assert rule_problems(rule(Check(builtin="telepathy")))[1] == ["no built-in check is called 'telepathy'"]
    assert rule_problems(rule(Check(builtin="secret_patterns", params={"x": 1})))[1] == [
        "unknown parameter `x` (this check takes none)"]
    assert rule_problems(rule(Check(llm="Is it good?")))[1] == []
    assert rule_problems(rule(Check(cel="evidence.nope")))[1] == ["CEL: `evidence` has no field `nope`"]


def test_findings_carry_the_rules_kind_severity_and_blocking_and_need_citations() -> None:
    book, _ = build_rulebook(RepoConfig())
    found = book.finding("hygiene.secret", subject="AWS key", message="m", citations=CITE, path="a.py", line=1)
    assert found is not None
    assert (found.kind, found.agent, found.severity, found.blocking) == ("code.devops", "hygiene", "critical", True)
    assert book.finding("hygiene.secret", subject="s", message="m", citations=[]) is None
    assert book.finding("no.such", subject="s", message="m", citations=CITE) is None
    with pytest.raises(KeyError):
        book.get("no.such")


def test_the_guard_costs_a_crashing_rule_only_and_reports_it() -> None:
    guard = RuleBook([]).guard()

    def crash() -> list[str]:
        raise ZeroDivisionError

    assert guard("a", lambda: ["hit"]) == ["hit"]
    assert guard("b", crash) == []
    assert guard("b", lambda: ["never"]) == []  # a failed rule stays failed for the run
    with guard.of("c", "d"):
        raise KeyError("boom")
    with guard.of("e"):
        pass
    result = AgentResult(agent="hygiene")
    guard.report(result)
    why = "its check failed ({}); the rule was not run"
    assert [(s.what, s.why) for s in result.skipped] == [
        ("rule b", why.format("ZeroDivisionError")), ("rule c", why.format("KeyError")),
        ("rule d", why.format("KeyError"))]
    assert [d.what for d in result.degraded] == ["rule b", "rule c", "rule d"]


def test_the_guard_never_swallows_an_interrupt() -> None:
    guard = RuleBook([]).guard()
    with pytest.raises(KeyboardInterrupt), guard.of("a"):
        raise KeyboardInterrupt
    assert guard.failed == {}


def test_a_rule_problem_becomes_a_degradation_where_asked() -> None:
    problem = RuleProblem(what="rule x", why="bad", loc=("rules",))
    assert problem.degraded(".github/custody.yml:3").model_dump() == {
        "what": "rule x", "why": "bad", "where": ".github/custody.yml:3"}
    assert problem.degraded().where is None
