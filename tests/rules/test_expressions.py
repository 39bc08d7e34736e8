"""CEL and Rego rules over the evidence document, packs from the base branch, and their lint."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from custody.reviewer.app.rules_lint import lint_pack, lint_paths
from custody.reviewer.gather.config import parse_repo_config
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.tickets import TicketRef
from custody.reviewer.rules.book import Check, Rule, RuleBook
from custody.reviewer.rules.expressions import run_expression_rules
from custody.reviewer.rules.loading import rulebook_for
from custody.reviewer.rules.rego_sandbox import TIMEOUT_ENV

REGO = """package custody.ml_label
import rego.v1
deny contains {
  "msg": sprintf("PR %v has no ml label", [input.pull_request.number]),
  "pointer": "/pull_request/labels",
} if {
  not "ml" in input.pull_request.labels
}
"""


def evidence(labels: list[str], refs: int = 0) -> Evidence:
    return Evidence(
        pull_request=PullRequest(repo="o/r", number=7, labels=labels),
        ticket_refs=[TicketRef(key=str(i), tracker="github", found_in="body") for i in range(refs)],
    )


def book(*rules: Rule) -> RuleBook:
    return RuleBook(list(rules))


def test_cel_rule_fires_when_true_and_cites_its_pointer() -> None:
    rule = Rule(id="org.no-ticket", title="Link a ticket", agent="scope", kind="ticket.missing",
                severity="medium",
                check=Check(cel="size(evidence.ticket_refs) == 0", params={"cite": "/pull_request/body"}))
    fired = run_expression_rules(evidence([]), book(rule))
    assert [(f.rule, f.agent, f.citations[0].locator) for f in fired.findings] == [
        ("org.no-ticket", "scope", "evidence#/pull_request/body")]
    assert run_expression_rules(evidence([], refs=1), book(rule)).findings == []


def test_rego_rule_fires_once_per_denial() -> None:
    rule = Rule(id="org.ml-label", title="ML label", agent="hygiene", kind="org.labels", severity="low",
                check=Check(rego=REGO))
    fired = run_expression_rules(evidence(["docs"]), book(rule))
    assert [f.message for f in fired.findings] == ["PR 7 has no ml label"]
    assert fired.findings[0].citations[0].artifact == "diff"
    assert run_expression_rules(evidence(["ml"]), book(rule)).findings == []


def test_broken_expressions_are_disclosed_not_raised() -> None:
    cel = Rule(id="bad.cel", title="t", agent="scope", kind="ticket.missing", severity="low",
               check=Check(cel="size(evidence.nope"))
    rego = Rule(id="bad.rego", title="t", agent="scope", kind="ticket.missing", severity="low",
                check=Check(rego="package x\ndeny contains msg if {"))
    result = run_expression_rules(evidence([]), book(cel, rego))
    assert result.findings == []
    assert {s.what for s in result.skipped} == {"rule bad.cel", "rule bad.rego"}


def regex_rule(rule_id: str, pattern: str) -> Rule:
    policy = (f"package custody.{rule_id.replace('.', '_').replace('-', '_')}\nimport rego.v1\n"
              f'deny contains "matched" if {{ regex.match("{pattern}", input.pull_request.body) }}\n')
    return Rule(id=rule_id, title="t", agent="hygiene", kind="org.regex", severity="low", check=Check(rego=policy))


def with_body(body: str, labels: list[str]) -> Evidence:
    return Evidence(pull_request=PullRequest(repo="o/r", number=7, body=body, labels=labels))


def label_rule() -> Rule:
    return Rule(id="org.ml-label", title="ML label", agent="hygiene", kind="org.labels", severity="low",
                check=Check(rego=REGO))


def ticket_rule() -> Rule:
    return Rule(id="org.no-ticket", title="Link a ticket", agent="scope", kind="ticket.missing", severity="medium",
                check=Check(cel="size(evidence.ticket_refs) == 0"))


def test_a_runaway_policy_is_stopped_and_disclosed_while_the_other_rules_still_fire(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "0.5")
    rules = book(regex_rule("org.redos", "(a+)+$"), label_rule(), ticket_rule())
    result = run_expression_rules(with_body("a" * 40 + "b", ["docs"]), rules)
    assert [(s.what, s.why) for s in result.skipped] == [
        ("rule org.redos", "its Rego policy took longer than 0.5 s and was stopped")]
    assert result.checked == ["rule org.ml-label", "rule org.no-ticket"]
    assert sorted(f.rule for f in result.findings) == ["org.ml-label", "org.no-ticket"]


def test_a_policy_that_crashes_the_engine_costs_that_rule_only() -> None:
    # rego-cpp's matcher recurses per character: a long description overflows the C stack of whoever runs it.
    rules = book(regex_rule("org.long", "^a*b$"), label_rule(), regex_rule("org.long-too", "a+b$"))
    result = run_expression_rules(with_body("a" * 60_000 + "b", ["docs"]), rules)
    assert [(s.what, s.why) for s in result.skipped] == [
        ("rule org.long", "its Rego policy crashed the policy engine (killed by SIGSEGV)"),
        ("rule org.long-too", "its Rego policy crashed the policy engine (killed by SIGSEGV)")]
    assert result.checked == ["rule org.ml-label"]
    assert [f.rule for f in result.findings] == ["org.ml-label"]
    # The engine that replaced the crashed ones serves the next review as before.
    again = run_expression_rules(with_body("aab", ["docs"]), rules)
    assert again.skipped == []
    assert sorted(f.rule for f in again.findings) == ["org.long", "org.long-too", "org.ml-label"]


def test_reviews_on_worker_threads_each_get_their_own_answer() -> None:
    rules = book(label_rule(), regex_rule("org.greeting", "^hel+o"))
    cases = [(f"hel{'l' * i}o" if i % 2 else "bye", ["ml"] if i % 3 else ["docs"]) for i in range(12)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda c: run_expression_rules(with_body(*c), rules), cases))
    for (body, labels), answer in zip(cases, answers, strict=True):
        expected = {"org.greeting"} if body != "bye" else set()
        expected |= {"org.ml-label"} if labels == ["docs"] else set()
        assert answer.skipped == [] and {f.rule for f in answer.findings} == expected


def test_llm_rules_are_disclosed_without_a_key() -> None:
    rule = Rule(id="org.judge", title="t", agent="scope", kind="ticket.unaddressed", severity="low",
                check=Check(llm="Does the change meet the ticket?"))
    result = run_expression_rules(evidence([]), book(rule))
    assert [s.what for s in result.skipped] == ["rule org.judge"]


def test_repo_pack_is_read_from_base_and_overrides_apply() -> None:
    pack = "pack: team\nversion: '2'\nrules:\n  - id: team.label\n    title: ML label\n    agent: hygiene\n" \
           "    kind: org.labels\n    severity: low\n    check:\n      rego: |\n" + "".join(
               f"        {line}\n" for line in REGO.splitlines())
    config_text = "rules:\n  packs: [builtin, .github/custody/team.yml]\n  disable: [hygiene.secret]\n" \
                  "  overrides:\n    hygiene.unpinned-dependency: {severity: high}\n"
    base = MemorySnapshot({".github/custody/team.yml": pack.encode()})
    head = MemorySnapshot({".github/custody/team.yml": b"pack: evil\nversion: '1'\nrules: []\n"})
    source = ReviewInput(pull_request=PullRequest(repo="o/r", number=1), base=base, head=head,
                         diff=diff_snapshots(base, head))
    rules, problems = rulebook_for(source, parse_repo_config(config_text))
    assert problems == []
    assert rules.enabled("team.label") and not rules.enabled("hygiene.secret")
    assert rules.get("hygiene.unpinned-dependency").severity == "high"
    assert rules.versions["team"] == "2"


def test_lint_names_file_and_line(tmp_path: Path) -> None:
    text = "pack: p\nversion: '1'\nrules:\n  - id: a\n    title: t\n    agent: nobody\n    kind: code.devops\n" \
           "    severity: loud\n"
    _, errors = lint_pack("p.yml", text, set())
    assert any(e.line == 8 and "severity" in e.message for e in errors)
    config = tmp_path / "custody.yml"
    config.write_text("tickets:\n  required: maybe\n")
    errors = lint_paths([config])
    assert [(e.line, "tickets.required" in e.message) for e in errors] == [(2, True)]


def test_builtin_packs_lint_clean() -> None:
    from importlib import resources

    packs = resources.files("custody.reviewer.rules.packs")
    paths = [Path(str(e)) for e in packs.iterdir() if e.name.endswith(".yml")]
    assert paths
    assert lint_paths(paths) == []
