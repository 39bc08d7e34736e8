"""A mistyped or wrong-typed configuration never turns a blocking finding into a pass: each broken part
is dropped alone, said in a banner, and keeps the conclusion from `success`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.review import ReviewOutcome, run_review
from custody.reviewer.rules.book import Check, Rule, RulePack, build_rulebook

REPO = Path(__file__).resolve().parents[2]
PROMOTION = REPO / "benchmark" / "scenarios" / "promotion-01-churn-missing-validation"
AWS_KEY = "AKIA" + "QWERTYUIOPASDFGH"  # split so this file carries no key-shaped literal


def review_with(config: str, head: dict[str, str], base: dict[str, str] | None = None) -> ReviewOutcome:
    base_files = {".github/custody.yml": config, **(base or {})}
    base_tree = MemorySnapshot({k: v.encode() for k, v in base_files.items()})
    head_tree = MemorySnapshot({k: v.encode() for k, v in {**base_files, **head}.items()})
    return run_review(ReviewInput(pull_request=PullRequest(repo="o/r", number=1), base=base_tree, head=head_tree,
                                  diff=diff_snapshots(base_tree, head_tree)))


def test_a_mistyped_parameter_does_not_lose_the_hygiene_agent() -> None:
    config = "rules:\n  overrides:\n    hygiene.unpinned-dependency:\n      params: {min_pinned_share: \"90%\"}\n"
    outcome = review_with(config, {"train.py": f'KEY = "{AWS_KEY}"\n'})
    verdict = outcome.verdict
    assert [f.rule for f in verdict.findings if f.stands] == ["hygiene.secret"]
    assert verdict.conclusion == "failure"
    [problem] = verdict.degraded
    assert problem.what == "override of rule hygiene.unpinned-dependency"
    assert "min_pinned_share" in problem.why and "90%" in problem.why
    assert problem.where == ".github/custody.yml:4"
    assert "Not everything configured was checked" in outcome.comment.split("## ", 1)[0]


def test_a_mistyped_parameter_alone_keeps_the_check_from_passing() -> None:
    config = "rules:\n  overrides:\n    hygiene.unpinned-dependency:\n      params: {min_pinned_share: \"90%\"}\n"
    verdict = review_with(config, {"README.md": "hello\n"}).verdict
    assert verdict.findings == [] and verdict.conclusion == "neutral"
    failing = review_with(config + "on_error: fail\n", {"README.md": "hello\n"}).verdict
    assert failing.conclusion == "failure"


def test_the_parameter_is_validated_and_normalised() -> None:
    config = RepoConfig.model_validate(
        {"rules": {"overrides": {"hygiene.unpinned-dependency": {"params": {"min_pinned_share": "0.9"}}}}})
    book, problems = build_rulebook(config)
    assert problems == [] and book.param("hygiene.unpinned-dependency", "min_pinned_share", 0.5) == 0.9
    bad = RepoConfig.model_validate(
        {"rules": {"overrides": {"hygiene.unpinned-dependency": {"params": {"min_pinned_shares": 0.9}}}}})
    book, problems = build_rulebook(bad)
    assert "unknown parameter `min_pinned_shares`" in problems[0].why
    assert book.enabled("hygiene.unpinned-dependency")  # the pack's own parameters still apply


def test_a_broken_pack_rule_is_dropped_alone_and_its_agent_still_runs() -> None:
    pack = RulePack(pack="team", version="1", rules=[
        Rule(id="hygiene.unpinned-dependency", title="t", agent="hygiene", kind="code.devops", severity="medium",
             check=Check(builtin="pinned_requirements", params={"min_pinned_share": 7})),
        Rule(id="hygiene.secret", title="No secrets", agent="hygiene", kind="code.devops", severity="critical",
             blocking=True, check=Check(builtin="secret_patterns")),
    ])
    book, problems = build_rulebook(RepoConfig(), [pack])
    assert [p.what for p in problems] == ["rule hygiene.unpinned-dependency"]
    assert not book.enabled("hygiene.unpinned-dependency") and book.enabled("hygiene.secret")
    assert book.param("hygiene.unpinned-dependency", "min_pinned_share", 0.5) == 0.5


def test_an_invalid_severity_loses_that_override_only_and_the_promotion_policy_still_blocks(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    shutil.copytree(PROMOTION, folder)
    config = folder / "base" / ".github" / "custody.yml"
    config.write_text(config.read_text() + "rules:\n  overrides:\n    card.exists: {severity: urgent}\n"
                      "    hygiene.disabled-test: {severity: low}\n")
    verdict = run_review(load_scenario(folder)).verdict
    assert verdict.conclusion == "failure"
    assert any(f.rule == "promotion.evidence-present" and f.stands for f in verdict.findings)
    assert [d.what for d in verdict.degraded] == ["`rules.overrides.card.exists`"]
    assert "urgent" in verdict.degraded[0].why and verdict.degraded[0].where == ".github/custody.yml:14"


class Exploding:
    name = "scope"

    def review(self, evidence: Evidence, rules: object) -> AgentResult:
        raise RuntimeError("bug")


def test_a_crashed_agent_is_said_and_never_passes() -> None:
    outcome = run_review(ReviewInput(pull_request=PullRequest(repo="o/r", number=1), base=MemorySnapshot({}),
                                     head=MemorySnapshot({}), diff=Diff()), agents=[Exploding()])
    assert outcome.verdict.conclusion == "neutral"
    assert [d.what for d in outcome.verdict.degraded] == ["scope agent"]
    assert "scope agent" in outcome.comment.split("## ", 1)[0]


def test_a_check_that_raises_costs_its_rule_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from custody.agents import hygiene

    def broken(*_: object) -> list[object]:
        raise ValueError("bug in the defect check")

    monkeypatch.setattr(hygiene, "python_defects", broken)
    outcome = review_with("", {"deploy/env.sh": f'KEY="{AWS_KEY}"\n'})
    assert [f.rule for f in outcome.verdict.findings] == ["hygiene.secret"]
    assert [d.what for d in outcome.verdict.degraded] == ["rule hygiene.python-defect"]
    assert outcome.verdict.conclusion == "failure"


def test_unknown_rule_ids_in_overrides_and_disable_are_said_with_a_suggestion() -> None:
    config = RepoConfig.model_validate({"rules": {"overrides": {"hygiene.secrets": {"severity": "low"}},
                                                  "disable": ["card.exist"]}})
    _, problems = build_rulebook(config)
    assert [(p.what, p.why) for p in problems] == [
        ("override of rule hygiene.secrets", "no such rule; did you mean `hygiene.secret`?"),
        ("disable rule card.exist", "no such rule; did you mean `card.exists`?"),
    ]


SCENARIOS = REPO / "benchmark" / "scenarios"
MISTYPED = [  # (scenario, a mistyped fragment of custody.yml, the rule whose finding must still stand)
    ("hygiene-01-fraud-aws-key", {"rules": {"overrides": {
        "hygiene.unpinned-dependency": {"params": {"min_pinned_share": "90%"}}}}}, "hygiene.secret"),
    ("promotion-02-fraud-margin-too-small", {"rules": {"overrides": {"card.exists": {"severity": "urgent"}}},
                                             "rule": {"disable": ["promotion.challenger-beats-champion"]}},
     "promotion.challenger-beats-champion"),
    ("scope-04-ads-ctr-no-ticket", {"tickets": {"trackers": ["github", "gitlab"]}}, "scope.ticket-required"),
    ("card-01-churn-dataset-mismatch",
     {"paths": {"model_card": ["MODEL_CARD.md"]}, "rules": {"disable": ["card.exist"]}}, "card.datasets-match-run"),
    ("design-06-fraud-validate-dropped", {"rules": {"packs": "builtin", "overrides": {
        "design.planned-stages-present": {"blocking": "sometimes"}}}}, "design.planned-stages-present"),
]


def _merge(into: dict[str, object], extra: dict[str, object]) -> dict[str, object]:
    for key, value in extra.items():
        current = into.get(key)
        into[key] = _merge(dict(current), value) if isinstance(current, dict) and isinstance(value, dict) else value
    return into


@pytest.mark.parametrize(("name", "fragment", "rule"), MISTYPED, ids=[m[0].split("-")[0] for m in MISTYPED])
def test_a_mistyped_configuration_never_turns_a_finding_into_a_pass_on_any_agent(
        tmp_path: Path, name: str, fragment: dict[str, object], rule: str) -> None:
    import yaml

    before = run_review(load_scenario(SCENARIOS / name)).verdict
    folder = tmp_path / name
    shutil.copytree(SCENARIOS / name, folder)
    config = folder / "base" / ".github" / "custody.yml"
    config.parent.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(config.read_text()) if config.is_file() else {}
    config.write_text(yaml.safe_dump(_merge(data or {}, fragment)))
    after = run_review(load_scenario(folder)).verdict
    assert rule in {f.rule for f in after.findings}
    assert after.degraded and all(d.where and d.where.startswith(".github/custody.yml:") for d in after.degraded)
    assert after.conclusion != "success"
    assert (after.conclusion == "failure") >= (before.conclusion == "failure")


@pytest.mark.parametrize(("name", "agent", "method", "lost", "kept"), [
    ("card-01-churn-dataset-mismatch", "card", "_fields", "card.fields-match-registry", "card.datasets-match-run"),
    ("design-06-fraud-validate-dropped", "design", "_order", "design.order-kept", "design.planned-stages-present"),
    ("scope-01-fraud-serving-retries", "scope", "_out_of_scope", "scope.out-of-scope", "scope.criterion-unaddressed"),
])
def test_a_raising_check_of_any_agent_costs_its_own_rules_only(
        monkeypatch: pytest.MonkeyPatch, name: str, agent: str, method: str, lost: str, kept: str) -> None:
    from importlib import import_module

    module = import_module(f"custody.agents.{agent}")

    def broken(*_: object, **__: object) -> None:
        raise KeyError("bug")

    monkeypatch.setattr(type(module.AGENT), method, broken)
    verdict = run_review(load_scenario(SCENARIOS / name)).verdict
    assert kept in {f.rule for f in verdict.findings}
    assert [d.what for d in verdict.degraded] == [f"rule {lost}"]
    assert verdict.conclusion != "success"


def test_when_the_expression_rules_fail_whole_the_agents_still_report(monkeypatch: pytest.MonkeyPatch) -> None:
    import custody.reviewer.review as review

    def broken(*_: object) -> AgentResult:
        raise OSError("no sandbox")

    monkeypatch.setattr(review, "run_expression_rules", broken)
    verdict = review_with("", {"deploy/env.sh": f'KEY="{AWS_KEY}"\n'}).verdict
    assert [f.rule for f in verdict.findings] == ["hygiene.secret"]
    assert [d.what for d in verdict.degraded] == ["CEL and Rego rules"]
