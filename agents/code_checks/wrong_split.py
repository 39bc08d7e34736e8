"""The wrong rows in the wrong place: the target column left among the features, and an
evaluation metric named after the test or validation split but computed on training rows."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from custody.agents.code_checks import Hit
from custody.agents.code_checks.leakage import FIT_ON_EVAL, TEST_WORDS, TRAIN_WORDS, VAL_WORDS, Flow
from custody.agents.code_checks.metric_formulas import canonical
from custody.agents.code_checks.pyast import call_name, const_str, own_statements, scopes, source, tokens

TARGET_RULE = "hygiene.target-in-features"
SCORERS = {"score", "evaluate"}


def _column(node: ast.expr) -> tuple[str, str] | None:
    """`df["target"]` / `df.target` / `df.pop("target")` -> (frame, column); pop removes it."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        key = const_str(node.slice)
        return (node.value.id, key) if key else None
    if isinstance(node, ast.Call) and call_name(node) == "pop":
        return None  # popped out of the frame: not among the features any more
    return None


def _dropped(call: ast.Call) -> set[str] | None:
    """The columns a `df.drop(...)` call removes, or None when they are not all literal."""
    values = [*call.args[:1], *(k.value for k in call.keywords if k.arg in {"columns", "labels"})]
    dropped: set[str] = set()
    for value in values:
        items = value.elts if isinstance(value, (ast.List, ast.Tuple, ast.Set)) else [value]
        for item in items:
            text = const_str(item)
            if text is None:
                return None
            dropped.add(text)
    return dropped


def target_in_features(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    for scope in scopes(tree):
        targets: dict[str, tuple[str, str]] = {}  # y -> (frame, column)
        features: dict[str, tuple[str, set[str], int]] = {}  # X -> (frame, columns dropped, line)
        for stmt in own_statements(scope):
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                name, value = stmt.targets[0].id, stmt.value
                taken = _column(value)
                if taken:
                    targets[name] = taken
                    features.pop(name, None)
                elif (isinstance(value, ast.Call) and call_name(value) == "drop"
                      and isinstance(value.func, ast.Attribute) and isinstance(value.func.value, ast.Name)):
                    dropped = _dropped(value)
                    if dropped is not None:
                        features[name] = (value.func.value.id, dropped, stmt.lineno)
                    else:
                        features.pop(name, None)
                else:
                    targets.pop(name, None)
                    features.pop(name, None)
            for node in ast.walk(stmt) if not isinstance(stmt, (ast.If, ast.For, ast.While, ast.With)) else []:
                if not (isinstance(node, ast.Call) and call_name(node) in {"fit", "train_test_split"}):
                    continue
                args = [a.id for a in node.args[:2] if isinstance(a, ast.Name)]
                if len(args) < 2 or args[0] not in features or args[1] not in targets:
                    continue
                frame, dropped, line = features[args[0]]
                target_frame, column = targets[args[1]]
                if frame == target_frame and column not in dropped and (line in added or node.lineno in added):
                    yield Hit(TARGET_RULE, column,
                              f"`{args[0]}` is `{frame}` without {sorted(dropped)} (line {line}) but still holds the "
                              f"target column `{column}` that `{args[1]}` is taken from; the model is handed the "
                              f"answer ({path}:{node.lineno}).", path, node.lineno)


def metric_on_train(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`val_acc = accuracy_score(y_train, model.predict(X_train))`: a training score reported as a
    validation or test score."""
    for scope in scopes(tree):
        flow = Flow()
        for stmt in own_statements(scope):
            if isinstance(stmt, ast.Assign) and stmt.lineno in added and isinstance(stmt.value, ast.Call):
                names = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
                role = {r for n in names if (r := _score_role(n))}
                call = stmt.value
                is_metric = call_name(call) in SCORERS or canonical(call_name(call)) is not None
                data = [a for a in call.args if not isinstance(a, ast.Constant)]
                roles = {_role(a, flow) for a in data}
                if role and is_metric and roles == {"train"}:
                    yield Hit(FIT_ON_EVAL, names[0],
                              f"`{names[0]}` is named as a {role.pop()} score but `{source(call)}` is computed on "
                              f"training rows; the reported number is a training score ({path}:{stmt.lineno}).",
                              path, stmt.lineno)
            if isinstance(stmt, ast.Assign):
                flow.assign(stmt.targets, stmt.value)


def _score_role(name: str) -> str | None:
    """`val_acc` -> val, `test_score` -> test; `train_acc` and `best_val_vs_train` -> None."""
    parts = set(tokens(name))
    if parts & TRAIN_WORDS:
        return None
    return "test" if parts & TEST_WORDS else "val" if parts & VAL_WORDS else None


def _role(node: ast.expr, flow: Flow) -> str | None:
    """The split an argument comes from, looking through `model.predict(X)`."""
    if isinstance(node, ast.Call) and node.args and call_name(node).startswith("predict"):
        return flow.of(node.args[0])
    return flow.of(node)


TRANSFORM_KEYWORDS = {"transform", "transforms", "transform_fn", "augment", "augmentation", "preprocess",
                      "tfms", "pipeline"}


def eval_with_train_transform(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`val_ds = ImageFolder(val_dir, transform=train_transform)`: the evaluation split goes through
    the training augmentation (random crops and flips), so its metrics are noisy and biased."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and node.lineno in added and isinstance(node.value, ast.Call)):
            continue
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        role = next((r for n in names if (r := _score_role(n))), None)
        if role is None:
            continue
        for keyword in node.value.keywords:
            if keyword.arg in TRANSFORM_KEYWORDS and isinstance(keyword.value, (ast.Name, ast.Attribute)):
                used = source(keyword.value, 40)
                last = used.split(".")[-1]
                if set(tokens(last)) & TRAIN_WORDS and not set(tokens(last)) & (TEST_WORDS | VAL_WORDS):
                    yield Hit(FIT_ON_EVAL, names[0],
                              f"`{names[0]}` ({role} data) is built with `{keyword.arg}={used}`, the training "
                              f"transform: evaluation goes through training augmentation ({path}:{node.lineno}).",
                              path, node.lineno)
