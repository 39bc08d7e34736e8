"""Entry points a changed doc documents under another spelling than pyproject.toml declares them."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.gather.readers.project_scripts import declared_scripts, script_slips

FIXTURE = Path(__file__).parents[2] / "fixtures" / "ml" / "mlflow" / "mlflow_for_ml_dev"
README = "examples/README.md"


def _slips(commit: str, pyproject: str) -> list[tuple[str, int, str, str]]:
    diff = parse_unified_diff((FIXTURE / f"examples_README-{commit}.diff").read_text())
    texts = {README: (FIXTURE / f"examples_README-{commit}.md").read_text(), "pyproject.toml": pyproject}
    return [(s.path, s.line, s.name, s.declared) for s in script_slips(diff.files, texts)]


def test_the_poetry_scripts_are_read_with_their_lines() -> None:
    scripts = declared_scripts((FIXTURE / "pyproject-c5bb55b.toml").read_text())
    assert scripts["diabetes_pred_online_inferece"] == 57 and scripts["iris_clf_train"] == 43
    assert declared_scripts('[project.scripts]\nserve = "pkg.app:main"\n') == {"serve": 2}


def test_a_documented_entry_point_the_project_spells_otherwise_is_a_slip() -> None:
    project = (FIXTURE / "pyproject-c5bb55b.toml").read_text()
    assert _slips("c5bb55b", project) == [
        (README, 67, "diabetes_pred_online_inference", "diabetes_pred_online_inferece")]


def test_declared_names_other_sections_and_far_or_ambiguous_spellings_are_not_slips() -> None:
    project = (FIXTURE / "pyproject-c5bb55b.toml").read_text()
    assert _slips("93ab072", project) == []  # the Walmart entry points are declared as documented
    fixed = project.replace("diabetes_pred_online_inferece", "diabetes_pred_online_inference")
    assert _slips("c5bb55b", fixed) == []
    both = project.replace('diabetes_pred_inference = ', 'diabetes_pred_online_inferenc = ')
    assert _slips("c5bb55b", both) == []  # two declared scripts near the documented name: not sure which
    assert _slips("c5bb55b", "not toml [") == []


def test_a_poetry_run_command_is_a_documented_entry_point() -> None:
    doc = "# Run\n\nThen `poetry run train_modle --fast`, or `poetry run mlflow ui`.\n"
    added = "".join(f"+{line}\n" for line in doc.splitlines())
    diff = parse_unified_diff("--- /dev/null\n+++ b/README.md\n@@ -0,0 +1,3 @@\n" + added)
    texts = {"README.md": doc, "pyproject.toml": '[tool.poetry.scripts]\ntrain_model = "m:main"\n'}
    [slip] = script_slips(diff.files, texts)
    assert (slip.line, slip.name, slip.declared, slip.declared_at) == (3, "train_modle", "train_model",
                                                                        "pyproject.toml#L2")
