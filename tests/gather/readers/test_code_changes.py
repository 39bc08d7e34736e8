"""What a change adds: names, test functions and skip markers, config keys."""

from __future__ import annotations

from custody.reviewer.gather.readers.code_changes import (
    added_doctests,
    added_names,
    changed_tests,
    is_test_path,
    key_changes,
)
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence.diff import FileChange


def change(path: str, base: str | None, head: str) -> FileChange:
    before = MemorySnapshot({path: base.encode()} if base is not None else {})
    after = MemorySnapshot({path: head.encode()})
    diff = diff_snapshots(before, after)
    found = diff.get(path)
    assert found is not None
    return found


def test_added_functions_classes_and_columns() -> None:
    base = "def old():\n    return 1\n"
    head = base + "\n\ndef compute_auc(y, p):\n    return 0\n\n\nclass DriftMonitor:\n    pass\n" \
                  "\n\ndef build(df):\n    df[\"feat_age\"] = df.age\n    return df\n"
    names = {(n.kind, n.name) for n in added_names(change("metrics.py", base, head), head)}
    assert names == {("function", "compute_auc"), ("class", "DriftMonitor"), ("function", "build"),
                     ("column", "feat_age")}


def test_added_file_names_itself() -> None:
    names = added_names(change("pipeline/train_step.py", None, "x = 1\n"), "x = 1\n")
    assert [(n.kind, n.name) for n in names] == [("file", "train_step")]


def test_new_and_edited_test_functions_and_parametrize_cases() -> None:
    base = ("import pytest\n\n\n@pytest.mark.parametrize('x', [\n    1,\n])\ndef test_one(x):\n    assert x\n\n\n"
            "def test_two():\n    assert True\n")
    head = ("import pytest\n\n\n@pytest.mark.parametrize('x', [\n    1,\n    2,\n])\ndef test_one(x):\n    assert x\n"
            "\n\ndef test_two():\n    assert True\n\n\ndef test_three():\n    assert 3\n")
    tests, skips = changed_tests(change("tests/test_m.py", base, head), head)
    assert {(t.name, t.added) for t in tests} == {("test_one", False), ("test_three", True)}
    assert skips == []


def test_a_skip_marker_is_not_a_test() -> None:
    base = "def test_two():\n    assert True\n"
    head = "import pytest\n\n\n@pytest.mark.skip(reason='flaky')\ndef test_two():\n    assert True\n"
    tests, skips = changed_tests(change("tests/test_m.py", base, head), head)
    assert tests == [] and [s.line for s in skips] == [4]
    head = "import pytest\n\n\n@pytest.mark.xfail\ndef test_two():\n    assert True\n"
    tests, skips = changed_tests(change("tests/test_m.py", base, head), head)
    assert tests == [] and len(skips) == 1


def test_non_test_files_have_no_tests() -> None:
    assert changed_tests(change("src/m.py", None, "def test_like():\n    pass\n"), None) == ([], [])


def test_yaml_keys_changed_in_place_with_their_parents() -> None:
    base = "model:\n  type: rf\n  cv_folds: 5\ngates:\n  min_auc: 0.80\n"
    head = "model:\n  type: rf\n  cv_folds: 3\ngates:\n  min_auc: 0.75\n  max_latency_ms: 40\n"
    found = {(k.key, k.old, k.new, k.line) for k in key_changes(change("config/train.yaml", base, head), head)}
    assert found == {("model.cv_folds", "5", "3", 3), ("gates.min_auc", "0.80", "0.75", 5),
                     ("gates.max_latency_ms", None, "40", 6)}


def test_unchanged_values_and_reindents_are_not_changes() -> None:
    base = "a:\n  threshold: 0.5  # old comment\n"
    head = "a:\n  threshold: 0.5  # new comment\n"
    assert key_changes(change("c.yaml", base, head), head) == []


def test_python_constants_json_and_toml() -> None:
    base = "MIN_AUC = 0.8\n\n\ndef f():\n    x = 1\n"
    head = "MIN_AUC = 0.85\n\n\ndef f():\n    x = 2\n"
    assert [(k.key, k.old, k.new) for k in key_changes(change("gate.py", base, head), head)] == \
        [("MIN_AUC", "0.8", "0.85"), ("x", "1", "2")]
    base = '{\n  "alerts": {\n    "max_drift": 0.2\n  }\n}\n'
    head = '{\n  "alerts": {\n    "max_drift": 0.3\n  }\n}\n'
    assert [k.key for k in key_changes(change("mon.json", base, head), head)] == ["alerts.max_drift"]
    base = "[gate]\nthreshold = 0.5\n"
    head = "[gate]\nthreshold = 0.6\n"
    assert [k.key for k in key_changes(change("p.toml", base, head), head)] == ["gate.threshold"]


def test_numbers_changed_in_code_are_named_by_keyword_or_comparison() -> None:
    base = "def gate(m):\n    if m['auc'] < 0.80:\n        raise ValueError\n    return fit(m, threshold=0.5, n=3)\n"
    head = "def gate(m):\n    if m['auc'] < 0.75:\n        raise ValueError\n    return fit(m, threshold=0.6, n=3)\n"
    found = {(k.key, k.old, k.new, k.compared) for k in key_changes(change("gate.py", base, head), head)}
    assert found == {("auc", "0.80", "0.75", True), ("threshold", "0.5", "0.6", False)}


def test_doctests_and_other_suites() -> None:
    head = 'def f(x):\n    """Double.\n\n    >>> f(2)\n    4\n    """\n    return 2 * x\n'
    assert [(t.name, t.line) for t in added_doctests(change("m.py", None, head))] == [("doctest", 4)]
    assert all(is_test_path(p) for p in ["src/__tests__/a.js", "web/a.spec.ts", "tests/testthat/test-x.R"])
    assert not any(is_test_path(p) for p in ["src/contest.py", "latest/model.py", "attestation.py"])


def test_long_lines_are_not_matched() -> None:
    base = '{"a": ' + "1" * 50 + ", " * 40000 + "}\n"
    head = '{"a": ' + "2" * 50 + ", " * 40000 + "}\n"
    assert key_changes(change("big.json", base, head), head) == []
