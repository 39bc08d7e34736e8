"""The team-rules example of docs/examples/ stays proven by its own scenarios.

docs/examples/team-rules is a repository folder written from docs/rules.md alone: its
.github/custody.yml, its pack and the must-fire / must-not-fire examples under
.github/custody/tests/. These tests run it through the CLI as a team's CI would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from custody.reviewer.app.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "team-rules"
TESTS = Path(".github") / "custody" / "tests"
PACK = Path(".github") / "custody" / "team.yml"


def _copy(tmp_path: Path) -> Path:
    repo = tmp_path / "team-rules"
    shutil.copytree(EXAMPLE, repo)
    return repo


def test_every_team_rule_is_proven_by_its_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", "--repo", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "0 failed" in out
    # Only fired rules are named in a passing run, so each id here fired on some example.
    for rule in (
        "team.champion-needs-fairness-report",
        "team.card-moves-with-params",
        "team.no-print-in-pipelines",
    ):
        assert rule in out, rule


def test_the_example_configuration_lints_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    assert main(["rules", "lint"]) == 0


def test_a_broken_must_fire_example_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _copy(tmp_path)
    # Ship a fairness report in the example that must fire: the rule rightly stays quiet,
    # so the example's `fires:` no longer holds and the run must fail.
    report = repo / TESTS / "champion-without-fairness" / "head" / "reports" / "fairness" / "v8.md"
    report.parent.mkdir(parents=True)
    report.write_text("# Fairness report, credit-risk v8\n", encoding="utf-8")
    assert main(["rules", "test", "--repo", str(repo)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  champion-without-fairness" in out
    assert "team.champion-needs-fairness-report did not fire" in out


def test_a_misspelt_evidence_field_is_reported_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _copy(tmp_path)
    pack = repo / PACK
    text = pack.read_text(encoding="utf-8")
    assert "evidence.model_cards.exists" in text
    pack.write_text(text.replace("evidence.model_cards.exists", "evidence.modelcards.exists"))
    monkeypatch.chdir(repo)
    assert main(["rules", "lint"]) == 1
    err = capsys.readouterr()
    lines = (err.out + err.err).splitlines()
    # The line of the mistake inside the `cel: >` block, not the line of the `cel:` key.
    typo_line = next(n for n, row in enumerate(text.splitlines(), 1) if "evidence.model_cards.exists" in row)
    assert any(
        row.startswith(f".github/custody/team.yml:{typo_line}: team.card-moves-with-params: CEL:")
        and "`modelcards`" in row
        and "`model_cards`" in row
        for row in lines
    ), lines
    assert main(["rules", "test", "--repo", str(repo)]) == 1
