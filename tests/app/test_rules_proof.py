"""`custody rules test`: built-in rules proven on labelled scenarios; a repository's own rules on its examples."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from custody.reviewer.app.cli import main
from custody.reviewer.app.rules_proof import (
    Overlay,
    RuleProof,
    RuleTest,
    prove_repository_rules,
    prove_rules,
    repository_files,
)
from custody.reviewer.gather.snapshot import MemorySnapshot

from tests.helpers import REPO as CHECKOUT

SCENARIOS = CHECKOUT / "benchmark" / "scenarios"
PLANTED = "hygiene-01-fraud-aws-key"  # expected.yml: a code.devops delta about "aws"
CLEAN = "card-03-clean-legacy-index-percent"
CONFIG = "rules:\n  packs: [builtin, .github/custody/team.yml]\non_error: fail\n"
PACK = """pack: team
version: "1"
rules:
  - id: team.no-notebooks-in-src
    title: Notebooks stay out of the package
    agent: hygiene
    kind: code.devops
    severity: low
    scope: {paths: ["src/**"]}
    check:
      cel: evidence.diff.files.filter(f, f.path.endsWith(".ipynb") && f.status != "deleted")
"""
NOTEBOOK = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def test_a_rule_is_proven_when_it_caught_a_planted_delta_and_fired_on_no_clean_scenario() -> None:
    assert RuleProof("r", fires_on=["a"]).proven
    assert not RuleProof("r").proven
    assert not RuleProof("r", fires_on=["a"], noisy_on=["clean"]).proven
    assert RuleTest("t").passed and not RuleTest("t", failures=["r did not fire"]).passed


def test_builtin_rules_fire_on_their_planted_delta_and_stay_quiet_on_a_clean_scenario() -> None:
    proofs = {p.rule: p for p in prove_rules([SCENARIOS / PLANTED, SCENARIOS / CLEAN])}
    assert proofs["hygiene.secret"].fires_on == [PLANTED] and proofs["hygiene.secret"].proven
    assert [p.rule for p in proofs.values() if p.noisy_on] == []
    assert list(proofs) == sorted(proofs)  # every built-in rule is listed, in order, proven or not
    assert [rule for rule, proof in proofs.items() if proof.proven] == ["hygiene.secret"]


def test_a_finding_on_a_scenario_labelled_clean_is_noise_named_once(tmp_path: Path) -> None:
    relabelled = tmp_path / "aws-key-called-clean"
    shutil.copytree(SCENARIOS / PLANTED, relabelled)
    (relabelled / "expected.yml").write_text("clean: true\ndeltas: []\n")
    [secret] = [p for p in prove_rules([relabelled]) if p.rule == "hygiene.secret"]
    # Two findings there (the AWS key, a hard-coded credential): `custody rules test` listed it twice.
    assert (secret.fires_on, secret.noisy_on, secret.proven) == ([], ["aws-key-called-clean"], False)


def test_a_finding_that_matches_no_planted_delta_proves_nothing(tmp_path: Path) -> None:
    elsewhere = tmp_path / "aws-key-planted-as-something-else"
    shutil.copytree(SCENARIOS / PLANTED, elsewhere)
    (elsewhere / "expected.yml").write_text("clean: false\ndeltas:\n- kind: code.devops\n  subject: gcp\n")
    [secret] = [p for p in prove_rules([elsewhere]) if p.rule == "hygiene.secret"]
    assert (secret.fires_on, secret.noisy_on) == ([], [])


def test_the_overlay_lays_the_repositorys_files_over_the_scenario_base() -> None:
    overlay = Overlay(MemorySnapshot({"a.py": b"base", ".github/custody.yml": b"old"}),
                      {".github/custody.yml": b"new", "pack.yml": b"p"})
    assert overlay.paths() == [".github/custody.yml", "a.py", "pack.yml"]
    assert (overlay.read_bytes(".github/custody.yml"), overlay.read_bytes("a.py")) == (b"new", b"base")
    assert overlay.read_bytes("missing") is None


def repository(root: Path, expect: str, files: dict[str, str]) -> Path:
    (root / ".github" / "custody").mkdir(parents=True)
    (root / ".github" / "custody.yml").write_text(CONFIG)
    (root / ".github" / "custody" / "team.yml").write_text(PACK)
    example = root / ".github" / "custody" / "tests" / "notebook-in-src"
    for path, text in {"scenario.yml": "repo: acme/churn\nnumber: 5\ntitle: Notebooks\n", "expect.yml": expect,
                       **files}.items():
        (example / path).parent.mkdir(parents=True, exist_ok=True)
        (example / path).write_text(text)
    return root


def test_repository_files_are_the_config_and_the_packs_it_names(tmp_path: Path) -> None:
    assert repository_files(tmp_path) == {}
    repo = repository(tmp_path, "fires: []\n", {})
    assert repository_files(repo) == {".github/custody.yml": CONFIG.encode(),
                                      ".github/custody/team.yml": PACK.encode()}


def test_the_repositorys_own_rule_must_fire_where_expected(tmp_path: Path) -> None:
    repo = repository(tmp_path, "fires: [team.no-notebooks-in-src]\nconclusion: success\n",
                      {"head/src/churn/explore.ipynb": NOTEBOOK, "head/notebooks/ok.ipynb": NOTEBOOK})
    [test] = prove_repository_rules(repo)
    assert test.name == "notebook-in-src" and test.fired == ["team.no-notebooks-in-src"]
    assert test.failures == []  # low severity, not blocking: the conclusion holds
    (repo / ".github/custody/tests/notebook-in-src/head/src/churn/explore.ipynb").unlink()
    [test] = prove_repository_rules(repo)
    # Why it did not fire, when the review says: here its scope.paths matched no changed file.
    assert test.failures == ["team.no-notebooks-in-src did not fire (not run: nothing in its scope: no changed "
                             "file matches src/**)"]


def test_a_rule_that_must_not_fire_and_does_fails_with_its_message(tmp_path: Path) -> None:
    repo = repository(tmp_path, "does_not_fire: [team.no-notebooks-in-src]\nconclusion: failure\n",
                      {"head/src/churn/explore.ipynb": NOTEBOOK})
    [test] = prove_repository_rules(repo)
    assert test.failures[0].startswith("team.no-notebooks-in-src fired: ")
    assert test.failures[1:] == ["the conclusion is success, not failure"]


@pytest.mark.parametrize("expect", ["fires: [x]\nmust: [y]\n", "- team.no-notebooks-in-src\n"])
def test_a_broken_expect_file_fails_its_example_without_stopping_the_others(tmp_path: Path, expect: str) -> None:
    repo = repository(tmp_path, expect, {"head/src/a.ipynb": NOTEBOOK})
    tests_dir = repo / ".github/custody/tests"
    shutil.copytree(tests_dir / "notebook-in-src", tests_dir / "zz-fine")
    (tests_dir / "zz-fine" / "expect.yml").write_text("fires: [team.no-notebooks-in-src]\n")
    shutil.copytree(tests_dir / "zz-fine", tests_dir / "no-expectations")
    (tests_dir / "no-expectations" / "expect.yml").unlink()  # a folder without expect.yml is not an example
    tests = {t.name: t for t in prove_repository_rules(repo)}
    assert list(tests) == ["notebook-in-src", "zz-fine"]
    [why] = tests["notebook-in-src"].failures
    assert why.endswith("expect.yml: expects only the keys fires, does_not_fire and conclusion")
    assert tests["zz-fine"].passed


def test_an_example_that_is_not_a_scenario_fails_with_why(tmp_path: Path) -> None:
    repo = repository(tmp_path, "fires: []\n", {})
    (repo / ".github/custody/tests/notebook-in-src/scenario.yml").unlink()
    [test] = prove_repository_rules(repo)
    assert len(test.failures) == 1 and "scenario.yml" in test.failures[0] and test.fired == []


def test_each_finding_of_the_repositorys_own_rules_is_listed_with_its_citation(tmp_path: Path) -> None:
    repo = repository(tmp_path, "fires: [team.no-notebooks-in-src]\n",
                      {"head/src/a.ipynb": NOTEBOOK, "head/src/b.ipynb": NOTEBOOK})
    [test] = prove_repository_rules(repo)
    assert test.findings == [
        "team.no-notebooks-in-src  src/a.ipynb  Notebooks stay out of the package: src/a.ipynb",
        "team.no-notebooks-in-src  src/b.ipynb  Notebooks stay out of the package: src/b.ipynb",
    ]  # and no built-in rule's finding, though card.exists fires here too


def test_the_cli_takes_a_positional_repository_and_prints_the_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = repository(tmp_path, "fires: [team.no-notebooks-in-src]\n", {"head/src/a.ipynb": NOTEBOOK})
    assert main(["rules", "test", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "ok    notebook-in-src" in out and "1 passed, 0 failed" in out
    assert "      - team.no-notebooks-in-src  src/a.ipynb  Notebooks stay out of the package: src/a.ipynb" in out
    assert main(["rules", "test", str(repo), str(SCENARIOS / CLEAN)]) == 2
    assert "test one repository at a time" in capsys.readouterr().err
