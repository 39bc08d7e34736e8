"""CEL and Rego rules over the evidence document, packs from the base branch, and their lint."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.evidence import Evidence
from custody.reviewer.evidence.pull_request import PullRequest
from custody.reviewer.evidence.tickets import TicketRef
from custody.reviewer.expression_rules import run_expression_rules
from custody.reviewer.readers.diff import diff_snapshots
from custody.reviewer.repo_config import RepoConfig, parse_repo_config
from custody.reviewer.review_input import ReviewInput
from custody.reviewer.rule_loading import rulebook_for
from custody.reviewer.rules import Check, Rule, RuleBook
from custody.reviewer.rules_lint import lint_pack, lint_paths
from custody.reviewer.snapshot import MemorySnapshot

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


def test_missing_and_broken_packs_are_reported() -> None:
    base = MemorySnapshot({"broken.yml": b"pack: [\n"})
    source = ReviewInput(pull_request=PullRequest(repo="o/r", number=1), base=base, head=base,
                         diff=diff_snapshots(base, base))
    config = RepoConfig.model_validate({"rules": {"packs": ["builtin", "broken.yml", "absent.yml"]}})
    _, problems = rulebook_for(source, config)
    reasons = {p.what: p.why for p in problems}
    assert reasons["rule pack broken.yml"] == "broken.yml:2: not valid YAML"
    assert "not found" in reasons["rule pack absent.yml"]


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

    packs = resources.files("custody.reviewer.rulepacks")
    paths = [Path(str(e)) for e in packs.iterdir() if e.name.endswith(".yml")]
    assert paths
    assert lint_paths(paths) == []
