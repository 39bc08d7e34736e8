"""Loading the rule packs of a review: built-in, the organisation's and the base branch's own, each
broken pack or rule said with its file and line, and nothing read from the pull request's head."""

from __future__ import annotations

from custody.reviewer.gather.config import parse_repo_config
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.loading import MAX_PACK_BYTES, rulebook_for

PACK = """\
pack: team
version: "3"
rules:
  - id: team.no-pickles
    title: No pickles in the change
    agent: hygiene
    kind: team.pickle
    severity: medium
    check:
      cel: 'evidence.diff.files.exists(f, f.path.endsWith(".pkl"))'
"""


def source(base: dict[str, str], head: dict[str, str] | None = None, org: list[str] | None = None,
           config_text: str | None = None) -> ReviewInput:
    old = MemorySnapshot({k: v.encode() for k, v in base.items()})
    new = MemorySnapshot({k: v.encode() for k, v in (head if head is not None else base).items()})
    return ReviewInput(pull_request=PullRequest(repo="acme/ml", number=1), base=old, head=new,
                       diff=diff_snapshots(old, new), org_packs=org or [], config_text=config_text)


def test_a_repository_pack_is_read_from_the_base_branch_never_the_head() -> None:
    config = RepoConfig.model_validate({"rules": {"packs": ["builtin", ".github/team.yml"]}})
    book, problems = rulebook_for(source({".github/team.yml": PACK}, {".github/team.yml": "pack: evil\n"}), config)
    assert problems == [] and book.enabled("team.no-pickles") and book.versions["team"] == "3"
    book, problems = rulebook_for(source({}, {".github/team.yml": PACK}), config)
    assert not book.enabled("team.no-pickles")
    assert [(p.what, p.why, p.where) for p in problems] == [
        ("rule pack .github/team.yml", "not found on the base branch", ".github/custody.yml")]


def test_organisation_packs_are_used_when_selected_and_a_broken_one_is_said() -> None:
    config = RepoConfig.model_validate({"rules": {"packs": ["org"]}})
    book, problems = rulebook_for(source({}, org=[PACK, "pack: [\n"]), config)
    assert list(book.rules) == ["team.no-pickles"]
    assert [(p.what, p.why) for p in problems] == [
        ("organisation rule pack 2", "organisation pack 2:2: not valid YAML")]


def test_an_oversized_pack_is_not_read() -> None:
    config = RepoConfig.model_validate({"rules": {"packs": ["big.yml"]}})
    _, problems = rulebook_for(source({"big.yml": PACK + "#" * MAX_PACK_BYTES}), config)
    assert [p.why for p in problems] == ["not found on the base branch"]


def test_a_bad_override_is_placed_on_its_line_of_custody_yml() -> None:
    text = "rules:\n  overrides:\n    hygiene.unpinned-dependency:\n      params: {min_pinned_share: 9}\n"
    _, problems = rulebook_for(source({}, config_text=text), parse_repo_config(text))
    (problem,) = problems
    assert problem.what == "override of rule hygiene.unpinned-dependency"
    assert problem.where == ".github/custody.yml:4"
    assert "min_pinned_share" in problem.why and problem.why.endswith("runs as its pack says")


def test_a_rule_that_cannot_run_is_placed_at_its_line_of_its_pack() -> None:
    bad = PACK.replace("evidence.diff.files", "evidence.diff.filez")
    config = RepoConfig.model_validate({"rules": {"packs": ["team.yml"]}})
    book, problems = rulebook_for(source({"team.yml": bad}), config)
    assert not book.enabled("team.no-pickles")
    assert [(p.what, p.where) for p in problems] == [("rule team.no-pickles", "team.yml:4")]
    assert "did you mean `files`" in problems[0].why


def test_missing_and_broken_packs_are_reported() -> None:
    base = MemorySnapshot({"broken.yml": b"pack: [\n"})
    source = ReviewInput(pull_request=PullRequest(repo="o/r", number=1), base=base, head=base,
                         diff=diff_snapshots(base, base))
    config = RepoConfig.model_validate({"rules": {"packs": ["builtin", "broken.yml", "absent.yml"]}})
    _, problems = rulebook_for(source, config)
    reasons = {p.what: p.why for p in problems}
    assert reasons["rule pack broken.yml"] == "broken.yml:2: not valid YAML"
    assert "not found" in reasons["rule pack absent.yml"]


def test_a_mistyped_key_drops_that_rule_alone_with_its_file_and_line() -> None:
    second = PACK.split("rules:\n", 1)[1].replace("team.no-pickles", "team.second").replace("severity", "severty")
    pack = PACK + second
    config = RepoConfig.model_validate({"rules": {"packs": [".github/team.yml"]}})
    book, problems = rulebook_for(source({".github/team.yml": pack}), config)
    assert book.enabled("team.no-pickles") and "team.second" not in book.rules
    [problem] = problems
    assert problem.what == "rule team.second" and problem.where == ".github/team.yml:11"
    assert problem.why == (".github/team.yml:11: rules.1.severity: Field required; .github/team.yml:15: unknown key "
                           "`severty` in rules.1; did you mean `severity`?; the rule was not run")
