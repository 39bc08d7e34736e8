"""Predictions scored against labels in another order: a model predicts over an input that shuffles
(`numpy_input_fn(..., shuffle=True)`, `DataLoader(..., shuffle=True)`, `dataset.shuffle(n)`), and the
predictions are then compared position by position with the labels as they are stored, so each
prediction is scored against some other row's label."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from custody.agents.code_checks import Hit
from custody.agents.code_checks.pyast import assigned_names, call_name, names_in, own_statements, scopes, source

RULE = "hygiene.python-defect"
# Input builders that shuffle when given shuffle=True.
SHUFFLING_BUILDERS = {"numpy_input_fn", "pandas_input_fn", "DataLoader"}
# Metrics whose first two arguments are paired row by row (labels, predictions).
PAIRED_METRICS = {"r2_score", "mean_squared_error", "mean_absolute_error", "median_absolute_error",
                  "root_mean_squared_error", "mean_absolute_percentage_error", "explained_variance_score",
                  "accuracy_score", "balanced_accuracy_score", "f1_score", "precision_score", "recall_score",
                  "roc_auc_score", "average_precision_score", "log_loss", "matthews_corrcoef", "cohen_kappa_score",
                  "confusion_matrix", "classification_report", "pearsonr", "spearmanr"}


def _shuffles(value: ast.AST) -> bool:
    """Does this expression build an input that hands out its rows in a random order?"""
    for node in ast.walk(value):
        if not isinstance(node, ast.Call):
            continue
        if call_name(node) == "shuffle" and isinstance(node.func, ast.Attribute):
            return True  # tf.data: dataset.shuffle(buffer)
        if call_name(node) in SHUFFLING_BUILDERS and any(
                k.arg == "shuffle" and isinstance(k.value, ast.Constant) and k.value.value is True
                for k in node.keywords):
            return True
    return False


def _predicted_from(call: ast.Call) -> set[str]:
    """The variables a `.predict(...)` call reads its rows from."""
    if call_name(call) not in {"predict", "predict_on_batch"}:
        return set()
    found: set[str] = set()
    for arg in [*call.args, *(k.value for k in call.keywords if k.arg in {"input_fn", "x", "dataloaders"})]:
        if isinstance(arg, ast.Name):
            found.add(arg.id)
    return found


def shuffled_predictions(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    for scope in scopes(tree):
        shuffled: dict[str, int] = {}  # input variable -> line it was built on
        derived: dict[str, str] = {}  # prediction variable -> the shuffled input it came from
        for stmt in own_statements(scope):
            if isinstance(stmt, ast.Assign):
                targets = [n for t in stmt.targets for n in assigned_names(t)]
                calls = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call)]
                source_input = next((i for c in calls for i in _predicted_from(c) if i in shuffled), None)
                source_input = source_input or next((derived[n] for n in names_in(stmt.value) if n in derived), None)
                for name in targets:
                    derived.pop(name, None)
                    shuffled.pop(name, None)
                    if source_input:
                        derived[name] = source_input
                    elif _shuffles(stmt.value):
                        shuffled[name] = stmt.lineno
            for call in (n for n in ast.walk(stmt) if isinstance(n, ast.Call)):
                if call_name(call) not in PAIRED_METRICS or len(call.args) < 2 or call.lineno not in added:
                    continue
                first, second = (names_in(a) for a in call.args[:2])
                for mine, other in ((first, second), (second, first)):
                    origin = next((derived[n] for n in sorted(mine) if n in derived), None)
                    if origin is None or any(n in derived for n in other):
                        continue
                    yield Hit(RULE, origin,
                              f"`{origin}` shuffles its rows (built at line {shuffled.get(origin, '?')}), so the "
                              f"predictions made from it come out in a random order; `{source(call, 60)}` pairs "
                              f"them with labels in their stored order, so every row is scored against another "
                              f"row's label. Predict from an input built without shuffle ({path}:{call.lineno}).",
                              path, call.lineno)
                    break
