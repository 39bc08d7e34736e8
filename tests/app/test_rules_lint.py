"""`custody rules lint` catches what people mistype, with file and line, and agrees with the review."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.reviewer.app.cli import main
from custody.reviewer.app.rules_lint import lint_config, lint_pack, lint_paths
from custody.reviewer.gather.config import load_config
from custody.reviewer.rules.book import build_rulebook

CONFIG = ".github/custody.yml"


def messages(text: str) -> list[str]:
    return [str(e) for e in lint_config(CONFIG, text)]


def test_a_misspelt_top_level_key_gets_a_did_you_mean() -> None:
    assert messages("rule:\n  disable: [hygiene.secret]\n") == [
        f"{CONFIG}:1: unknown key `rule`; did you mean `rules`?; it was ignored"]


def test_unknown_nested_keys_and_wrong_types_are_named_with_their_line() -> None:
    found = messages("tickets:\n  requird: true\npromotion:\n  min_improvement: a lot\n")
    assert found[0].startswith(f"{CONFIG}:2: unknown key `requird` in tickets; did you mean `required`?")
    assert found[1].startswith(f"{CONFIG}:4: promotion.min_improvement: Input should be a valid number")


def test_the_mistyped_parameter_that_used_to_pass_lint_is_caught() -> None:
    text = "rules:\n  overrides:\n    hygiene.unpinned-dependency:\n      params:\n        min_pinned_share: \"90%\"\n"
    [error] = messages(text)
    assert error.startswith(f"{CONFIG}:4: override of rule hygiene.unpinned-dependency: parameter "
                            "`min_pinned_share`: Input should be a valid number")
    assert "pinned_share" in messages(text.replace("min_pinned_share", "min_pinned"))[0]


def test_unknown_rule_ids_in_overrides_and_disable() -> None:
    found = messages("rules:\n  disable: [hygiene.secrets]\n  overrides:\n    card.exist: {severity: low}\n")
    assert found == [
        f"{CONFIG}:4: override of rule card.exist: no such rule; did you mean `card.exists`?",
        f"{CONFIG}:2: disable rule hygiene.secrets: no such rule; did you mean `hygiene.secret`?",
    ]


def test_an_invalid_severity_is_named_and_what_review_drops_is_what_lint_says() -> None:
    text = "rules:\n  overrides:\n    card.exists: {severity: urgent}\n"
    [error] = messages(text)
    assert error.startswith(f"{CONFIG}:3: rules.overrides.card.exists.severity: Input should be")
    loaded = load_config(text)
    assert [str(i) for i in loaded.issues] == [error]
    assert build_rulebook(loaded.config)[1] == []


def test_missing_pack_paths_and_repository_packs_are_linted(tmp_path: Path) -> None:
    github = tmp_path / ".github"
    (github / "custody").mkdir(parents=True)
    (github / "custody.yml").write_text("rules:\n  packs: [builtin, .github/custody/team.yml, nope.yml]\n")
    (github / "custody" / "team.yml").write_text(
        "pack: team\nversion: '1'\nrules:\n  - id: team.x\n    title: t\n    agent: hygiene\n"
        "    kind: team.x\n    severity: low\n    check:\n      cel: evidence.pull_request.titel == ''\n")
    found = [str(e) for e in lint_paths([github / "custody.yml"])]
    assert found == [
        ".github/custody/team.yml:10: team.x: CEL: `evidence.pull_request` has no field `titel`; "
        "did you mean `title`?",
        f"{github / 'custody.yml'}:2: rules.packs: nope.yml does not exist (paths are relative to the "
        "repository root)",
    ]


def test_yaml_errors_have_line_and_column() -> None:
    [error] = messages("tickets:\n  required: [true\n")
    assert error.startswith(f"{CONFIG}:3: not valid YAML at line 3, column 1")


def test_pack_keys_are_checked_with_a_did_you_mean() -> None:
    _, errors = lint_pack("p.yml", "pack: p\nversion: '1'\nrules:\n  - id: team.y\n    title: t\n    agent: scope\n"
                                   "    kind: team.y\n    severity: low\n    chek: {cel: 'true'}\n")
    assert str(errors[0]) == "p.yml:9: unknown key `chek` in rules.0; did you mean `check`?"


def test_the_cli_exits_non_zero_on_any_error(tmp_path: Path) -> None:
    config = tmp_path / "custody.yml"
    config.write_text("rule: {}\n")
    assert main(["rules", "lint", str(config)]) == 1
    config.write_text("rules: {}\n")
    assert main(["rules", "lint", str(config)]) == 0


TEAM_PACK = Path(__file__).parents[2] / "docs" / "examples" / "team-rules" / ".github" / "custody" / "team.yml"


def test_every_mistake_of_every_rule_is_said_in_one_run_at_the_line_of_the_mistake() -> None:
    text = TEAM_PACK.read_text(encoding="utf-8")
    broken = (text.replace("some m in input.moves", "some m in input.move")
              .replace("evidence.model_cards.exists", "evidence.modelcards.exists")
              .replace("severity: medium", "severty: medium", 1))
    lines = broken.splitlines()

    def line(needle: str) -> int:
        return next(n for n, row in enumerate(lines, 1) if needle in row)

    pack, errors = lint_pack("team.yml", broken)
    found = [str(e) for e in errors]
    assert found == [
        f"team.yml:{line('some m in input.move')}: team.champion-needs-fairness-report: Rego: `input` has no field "
        "`move`; did you mean `moves`?",
        f"team.yml:{line('- id: team.card-moves-with-params')}: rules.1.severity: Field required",
        f"team.yml:{line('severty: medium')}: unknown key `severty` in rules.1; did you mean `severity`?",
        f"team.yml:{line('evidence.modelcards.exists')}: team.card-moves-with-params: CEL: `evidence` has no field "
        "`modelcards`; did you mean `model_cards`?",
    ]
    # What lint reports as a broken rule is what a review drops, alone: the pack's other rules still load.
    assert pack is not None and [r.id for r in pack.rules] == [
        "team.champion-needs-fairness-report", "team.no-print-in-pipelines"]


def test_an_error_inside_an_expression_points_at_its_own_line() -> None:
    pack = ("pack: p\nversion: '1'\nrules:\n  - id: team.y\n    title: t\n    agent: scope\n    kind: team.y\n"
            "    severity: low\n    check:\n      rego: |\n        package team.y\n        import rego.v1\n"
            "        deny contains \"x\" if {\n          x := 1 +\n        }\n")
    [error] = lint_pack("p.yml", pack)[1]
    assert str(error) == "p.yml:14: team.y: Rego: Invalid arithmetic operator at line 4, column 10 of the policy"


def test_a_folder_is_linted_as_a_repository_and_every_file_read_is_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    github = tmp_path / "repo" / ".github"
    (github / "custody").mkdir(parents=True)
    (github / "custody.yml").write_text("rules:\n  packs: [builtin, .github/custody/team.yml]\n")
    (github / "custody" / "team.yml").write_text(TEAM_PACK.read_text(encoding="utf-8").replace(
        "input.moves", "input.move"))
    assert main(["rules", "lint", str(tmp_path / "repo")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(".github/custody/team.yml:") and "did you mean `moves`?" in out[0]
    assert out[-1] == "2 file(s) checked, 1 error(s)"  # custody.yml and the pack it names, errors first
    checked: list[str] = []
    [error] = lint_paths([tmp_path], checked)
    assert str(error) == (f"{tmp_path}:1: a folder with no .github/custody.yml: give a repository folder, "
                          "a custody.yml, or a rule pack file") and checked == []


def test_a_rule_reading_moves_without_a_production_alias_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    github = tmp_path / ".github"
    (github / "custody").mkdir(parents=True)
    (github / "custody" / "team.yml").write_text(TEAM_PACK.read_text(encoding="utf-8"))
    config = github / "custody.yml"
    config.write_text("rules:\n  packs: [builtin, .github/custody/team.yml]\n")
    assert main(["rules", "lint", str(tmp_path)]) == 0  # a warning: the rule still runs as written
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (".github/custody/team.yml:1: warning: team.champion-needs-fairness-report reads `moves`, "
                      "which lists only moves of the production alias or stage: set promotion.production_alias "
                      f"(or production_stage) in {config}, or it is empty unless a model card claims one")
    assert out[-1] == "2 file(s) checked, 0 error(s), 1 warning(s)"
    config.write_text("rules:\n  packs: [builtin, .github/custody/team.yml]\n"
                      "promotion:\n  production_alias: champion\n")
    assert [str(e) for e in lint_paths([config])] == []
