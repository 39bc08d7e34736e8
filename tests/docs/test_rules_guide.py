"""docs/rules.md teaches what runs: its worked configuration, pack and examples are written out and
proven with `custody rules test`, and its evidence field table is the schema's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from custody.reviewer.app.cli import main
from custody.reviewer.app.rules_lint import lint_paths
from custody.reviewer.app.rules_proof import prove_repository_rules
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.rules.schemas import evidence_fields_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
FILE_BLOCK = re.compile(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", re.DOTALL)


def write_examples(root: Path) -> list[str]:
    paths = []
    for path, body in FILE_BLOCK.findall(DOC.read_text(encoding="utf-8")):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def test_the_worked_rules_lint_clean_and_prove_themselves(tmp_path: Path) -> None:
    paths = write_examples(tmp_path)
    assert ".github/custody/team.yml" in paths and ".github/custody.yml" in paths
    assert lint_paths([tmp_path / ".github" / "custody.yml", tmp_path / ".github" / "custody" / "team.yml"]) == []
    tests = prove_repository_rules(tmp_path)
    assert len(tests) == 5
    assert [(t.name, t.failures) for t in tests if not t.passed] == []
    fired = {t.name: t.fired for t in tests}
    assert "team.champion-needs-fairness-report" in fired["champion-without-fairness"]
    assert "team.no-notebooks-in-src" in fired["notebook-in-src"]


def test_rules_test_fails_when_an_expectation_does_not_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    write_examples(tmp_path)
    expect = tmp_path / ".github/custody/tests/champion-with-fairness/expect.yml"
    expect.write_text("fires: [team.champion-needs-fairness-report]\n")
    monkeypatch.chdir(tmp_path)
    assert main(["rules", "test"]) == 1
    assert "FAIL  champion-with-fairness" in capsys.readouterr().out
    expect.write_text("does_not_fire: [team.champion-needs-fairness-report]\n")
    assert main(["rules", "test", "--repo", str(tmp_path)]) == 0


def test_a_rule_that_cannot_run_fails_the_rules_test(tmp_path: Path) -> None:
    write_examples(tmp_path)
    pack = tmp_path / ".github/custody/team.yml"
    pack.write_text(pack.read_text().replace('f.path.endsWith(".ipynb")', 'f.paht.endsWith(".ipynb")'))
    tests = {t.name: t for t in prove_repository_rules(tmp_path)}
    # Checked only once it runs (a field of a list element): the example that reaches it fails, with why.
    assert any("team.no-notebooks-in-src" in f and "paht" in f for f in tests["notebook-in-src"].failures)
    pack.write_text(pack.read_text().replace("evidence.diff.files.filter(f, f.paht", "evidence.diff.filez.filter(f"))
    tests = {t.name: t for t in prove_repository_rules(tmp_path)}
    # Caught before it runs (a field of the evidence): every example fails, as lint does.
    assert all(any("did you mean `files`" in f for f in t.failures) for t in tests.values())


def test_the_evidence_field_table_is_generated_from_the_schema() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- evidence-fields:start -->\n", 1)[1].split("\n<!-- evidence-fields:end -->", 1)[0]
    assert block == evidence_fields_markdown(), "run: python docs/gen_evidence_fields.py"
    for name, info in Evidence.model_fields.items():
        assert f"`evidence.{info.alias or name}`" in block


def test_every_configuration_key_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, info in RepoConfig.model_fields.items():
        inner = info.annotation
        nested = getattr(inner, "model_fields", None) or getattr(
            next((a for a in getattr(inner, "__args__", ()) if hasattr(a, "model_fields")), None), "model_fields", {})
        keys = [f"{name}.{key}" for key in nested] or [name]
        for key in keys:
            assert f"`{key}" in text, key
