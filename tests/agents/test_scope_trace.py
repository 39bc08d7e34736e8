"""Tracing a change to what the tickets ask: which files and keys count, when the tickets name them, and
how a moved, gated or cosmetic change is told apart."""

from __future__ import annotations

import pytest
from custody.agents.scope_trace import (
    Intent,
    config_keys,
    content_words,
    cosmetic,
    describe,
    enclosing,
    first_line,
    ignored,
    is_gate,
    key_traced,
    module_traced,
    moved,
    value_named,
)
from custody.reviewer.gather.readers.code_changes import KeyChange
from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.model.evidence.diff import FileChange

SCORING = """\
diff --git a/src/fraud/scoring.py b/src/fraud/scoring.py
--- a/src/fraud/scoring.py
+++ b/src/fraud/scoring.py
@@ -8,3 +8,4 @@ class Scorer:
     def predict_proba(self, rows):
         features = self.featurize(rows)
-        return self.model.predict(features)
+        calibrated = self.calibrator.transform(features)
+        return self.model.predict(calibrated)
"""
IMPORTS = """\
diff --git a/src/fraud/io.py b/src/fraud/io.py
--- a/src/fraud/io.py
+++ b/src/fraud/io.py
@@ -1,1 +1,3 @@
 import json
+import logging  # for the loader
+
"""
HEAD = ("import numpy as np\n\n\nclass Scorer:\n    threshold = 0.5\n\n    def __init__(self):\n"
        "        self.model = None\n    def predict_proba(self, rows):\n        features = self.featurize(rows)\n"
        "        calibrated = self.calibrator.transform(features)\n        return self.model.predict(calibrated)\n")


def change(patch: str) -> FileChange:
    (found,) = parse_unified_diff(patch).files
    return found


def test_an_intent_names_identifiers_by_phrase_squash_and_word_runs() -> None:
    intent = Intent.of("Calibrate the scoring model's probabilities; keep the validation step outputs.")
    assert intent.names("scoring_model") and intent.names("ScoringModel")
    assert not intent.names("score") and not intent.names("")
    assert intent.mentions_word("calibration") and intent.mentions_word("probability")
    assert intent.names_part("validation_step_outputs_v2") and not intent.names_part("step_v2")


def test_content_words_leave_out_stopwords_generic_tokens_code_and_prohibitions() -> None:
    assert content_words("Add Platt calibration to `scoring.py` before thresholding, see https://x.io/a") == [
        "platt", "calibration", "thresholding"]
    assert content_words("The model must not log raw card numbers") == []


@pytest.mark.parametrize(("path", "skip"), [
    ("docs/design.md", True), ("README.md", True), ("tests/test_scoring.py", True), ("src/__init__.py", True),
    ("requirements-dev.txt", True), ("poetry.lock", True), ("CHANGELOG", True),
    ("src/fraud/scoring.py", False), ("configs/train.yaml", False),
])
def test_docs_tests_and_plumbing_are_not_traced(path: str, skip: bool) -> None:
    assert ignored(FileChange(path=path)) is skip


def test_a_change_of_only_imports_comments_and_blank_lines_is_cosmetic() -> None:
    assert cosmetic(change(IMPORTS))
    assert not cosmetic(change(SCORING))
    assert not cosmetic(FileChange(path="a.py"))  # no lines: nothing to call cosmetic


def test_the_enclosing_definitions_of_each_hunk() -> None:
    assert enclosing(change(SCORING), HEAD) == {"predict_proba", "Scorer"}
    assert enclosing(change(SCORING), None) == set()
    assert enclosing(FileChange(path="notes.txt"), HEAD) == set()


def test_a_module_is_traced_by_its_file_name_a_path_word_a_changed_identifier_or_its_function() -> None:
    scoring = change(SCORING)
    assert module_traced(scoring, Intent.of("nothing related"), True, HEAD)  # anchors already found it
    assert module_traced(scoring, Intent.of("Fix scoring.py"), False, HEAD)
    assert module_traced(scoring, Intent.of("The fraud scores drift"), False, HEAD)  # a word of the path
    assert module_traced(scoring, Intent.of("Make predict proba calibrated"), False, HEAD)  # its function
    assert not module_traced(scoring, Intent.of("Retrain on Q3 data"), False, HEAD)


@pytest.mark.parametrize(("value", "text", "named"), [
    ("0.35", "lower the threshold to 0.35", True), ("0.35", "use 0.355", False), ("5", "5 folds", False),
    ("300", "train for 300 epochs", True), ("2026-02-01", "data up to February 2026", True),
    ("2026-13-01", "2026-13-01", False), ("gbm", "use gbm", False),
])
def test_a_value_is_named_as_written_or_a_date_as_its_month_and_year(value: str, text: str, named: bool) -> None:
    assert value_named(value, Intent.of(text)) is named


def key(name: str, old: str | None, new: str | None, path: str = "configs/alerts.yaml",
        compared: bool = False) -> KeyChange:
    return KeyChange(path, 4, name, old, new, compared)


@pytest.mark.parametrize(("name", "gate"), [
    ("drift_threshold", True), ("min_auc", True), ("alerts.max_psi", True), ("minauc", True),
    ("max_depth", False), ("min_samples_leaf", False), ("learning_rate", False), ("release_gate", True),
])
def test_gates_by_name(name: str, gate: bool) -> None:
    assert is_gate(key(name, "1", "2")) is gate


def test_a_fraction_a_comparison_tests_is_a_gate_by_use() -> None:
    assert is_gate(key("cutoff_value", "0.4", "0.5", compared=True))
    assert is_gate(key("x", "0.4", "0.5", compared=True)) and not is_gate(key("x", "4", "5", compared=True))


def test_keys_are_traced_by_name_value_or_as_a_gate_under_threshold_talk() -> None:
    assert key_traced(key("drift_threshold", "0.2", "0.3"), Intent.of("Raise the drift threshold"))
    assert key_traced(key("window_days", "7", "14"), Intent.of("Use a 14 day window"))
    assert key_traced(key("drift_threshold", "0.2", "0.3"), Intent.of("Fewer false drift alarms"))
    assert not key_traced(key("drift_threshold", "0.2", "0.3"), Intent.of("Document drift"))  # no gate talk
    assert key_traced(key("psi_limit", "0.2", "0.3", path="configs/drift.yaml"), Intent.of("Drift alerts are noisy"))


def test_keys_are_described_by_what_happened_to_them() -> None:
    assert describe(key("a.b", None, "3")) == "`a.b` set to `3`"
    assert describe(key("a.b", "3", None)) == "`a.b` removed (was `3`)"
    assert describe(key("a.b", "3", "4")) == "`a.b` `3` → `4`"


def test_a_key_removed_here_and_set_to_the_same_value_under_a_like_name_is_moved() -> None:
    old = key("ACTIVE_THRESHOLD", "1000", None, path="src/alerts.py")
    new = key("thresholds.active", None, "1000")
    assert moved(old, [old, new]) and moved(new, [old, new])
    assert not moved(key("thresholds.active", "900", "1000"), [old, new])  # changed in place
    assert not moved(old, [old, key("limits.rows", None, "1000")])  # no word in common


def test_which_keys_of_a_file_are_worth_tracing() -> None:
    keys = [key("window", "7", "14", path="src/job.py"), key("MAX_ROWS", "10", "20", path="src/job.py"),
            key("min_auc", "0.8", "0.9", path="src/job.py"), key("__version__", "1", "2", path="src/job.py"),
            key("n", "2", "3", path="src/job.py", compared=True),
            key("CLIENT", "make()", "other()", path="src/job.py"),
            key("anything", "a", "b", path="configs/job.yaml"),
            key("limit", "1", "2", path="src/job.js", compared=True)]
    assert [k.key for k in config_keys(FileChange(path="src/job.py"), keys)] == ["MAX_ROWS", "min_auc", "n"]
    assert [k.key for k in config_keys(FileChange(path="configs/job.yaml"), keys)] == ["anything"]
    assert [k.key for k in config_keys(FileChange(path="src/job.js"), keys)] == ["limit"]


def test_the_first_added_line_of_a_change() -> None:
    assert first_line(change(SCORING)) == 10
    assert first_line(FileChange(path="a.py")) is None
