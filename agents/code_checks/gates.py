"""Quality gates whose threshold lets everything through.

`min_auc = 0.0`, `min_accuracy=0`, `max_error=float("inf")`, `max_loss: .inf`: a metric floor at
zero or a ceiling at infinity is a gate that always passes. Looked for in Python (argparse
defaults, call keywords, constants, class fields, and the defaults of functions that are gates by
name) and in configuration files, on the lines a change adds.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterator

from custody.agents.code_checks import Hit
from custody.agents.code_checks.pyast import call_name, const_str, dotted, tokens

RULE = "hygiene.permissive-gate"
# Metrics whose floor at 0 means "no floor" (bounded below by 0). r2, MCC and kappa can be negative.
FLOOR_METRICS = {"auc", "auroc", "auprc", "roc", "accuracy", "acc", "f1", "precision", "recall", "specificity",
                 "sensitivity", "map", "ndcg", "iou", "dice", "bleu", "rouge", "coverage", "hitrate", "mrr"}
CEILING_METRICS = {"error", "loss", "rmse", "mae", "mse", "mape", "latency", "drift", "psi", "brier", "logloss",
                   "regression", "degradation", "ece", "bias", "disparity", "p95", "p99", "ms", "fpr", "fnr"}
RATES = {"fpr", "fnr"}
FLOOR_WORDS = {"min", "minimum", "threshold", "thresh", "floor"}
CEILING_WORDS = {"max", "maximum", "threshold", "thresh", "ceiling", "limit", "tolerance"}
GATE_FUNCTION = re.compile(r"gate|check|validat|promot|assert|verify|guard|approv|accept|qualif|ready|passes",
                           re.IGNORECASE)
CONFIG = re.compile(r"\.(ya?ml|json|toml|cfg|ini|conf|env|properties)$|(^|/)params[^/]*$", re.IGNORECASE)
CONFIG_LINE = re.compile(r"""^\s*-?\s*["']?(?P<key>[A-Za-z_][\w.\-]*)["']?\s*[:=]\s*(?P<value>[^#,\s]+)""")


TRACKING = {"best", "optimal", "opt", "current", "cur", "init", "initial", "start", "running", "prev", "last"}


def vacuous(name: str, value: float) -> str | None:
    """Why a threshold named `name` set to `value` never fails, or None."""
    parts = set(tokens(name.replace("-", "_").replace(".", "_")))
    if parts & TRACKING:
        return None  # best_f1_threshold = 0.0 starts a search, it is no gate
    if parts & FLOOR_WORDS and parts & FLOOR_METRICS and not parts & {"max", "maximum"} and value <= 0:
        return f"a floor of {_show(value)} on a metric that is never below 0"
    if parts & CEILING_WORDS and parts & CEILING_METRICS and not parts & {"min", "minimum"}:
        if math.isinf(value) and value > 0:
            return "a ceiling at infinity"
        if parts & RATES and value >= 1:
            return f"a ceiling of {_show(value)} on a rate that is never above 1"
    return None


def _show(value: float) -> str:
    return "-inf" if math.isinf(value) else f"{value:g}"


def number(node: ast.AST | None) -> float | None:
    """The value of 0, 0.0, -1, float("inf"), math.inf, np.inf, -float("inf")."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = number(node.operand)
        return -inner if inner is not None else None
    if isinstance(node, ast.Call) and call_name(node) == "float" and len(node.args) == 1:
        text = const_str(node.args[0])
        if text and text.strip().lower().lstrip("+-") in {"inf", "infinity"}:
            return float(text)
    if (dotted(node) or "").split(".")[-1] in {"inf", "Inf", "infty"}:
        return math.inf
    return None


def python_gates(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    for name, value_node, line in _candidates(tree):
        value = number(value_node)
        if line not in added or value is None:
            continue
        why = vacuous(name, value)
        if why:
            yield Hit(RULE, name,
                      f"`{name}` is set to {_show(value)} ({path}:{line}): {why}, so this gate always passes; "
                      "set the threshold the promotion policy actually requires.", path, line)


def _candidates(tree: ast.Module) -> Iterator[tuple[str, ast.AST, int]]:
    # Constants and class fields; a local variable set to 0 or inf is usually a running best.
    bodies = [tree.body, *(n.body for n in ast.walk(tree) if isinstance(n, ast.ClassDef))]
    for stmt in (s for body in bodies for s in body):
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            yield stmt.targets[0].id, stmt.value, stmt.lineno
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            yield stmt.target.id, stmt.value, stmt.lineno
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and GATE_FUNCTION.search(node.name):
            positional = [*node.args.posonlyargs, *node.args.args]
            for arg, default in zip(positional[len(positional) - len(node.args.defaults):], node.args.defaults,
                                    strict=True):
                yield arg.arg, default, default.lineno
            for arg, kw_default in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True):
                if kw_default is not None:
                    yield arg.arg, kw_default, kw_default.lineno
        elif isinstance(node, ast.Call):
            if call_name(node) == "add_argument":
                flag = next((const_str(a) for a in node.args if (const_str(a) or "").startswith("--")), None)
                given = next((k.value for k in node.keywords if k.arg == "default"), None)
                if flag and given is not None:
                    yield flag.lstrip("-"), given, given.lineno
            else:
                for keyword in node.keywords:
                    if keyword.arg:
                        yield keyword.arg, keyword.value, keyword.value.lineno
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                label = const_str(key)
                if label:
                    yield label, value, value.lineno


def config_gates(path: str, added: list[tuple[int, str]]) -> Iterator[Hit]:
    if not CONFIG.search(path):
        return
    for number_, text in added:
        match = CONFIG_LINE.match(text)
        if not match:
            continue
        raw = match.group("value").strip("\"'").lower()
        value = {".inf": math.inf, "inf": math.inf, "+inf": math.inf, "infinity": math.inf, "-.inf": -math.inf,
                 "-inf": -math.inf}.get(raw)
        if value is None:
            try:
                value = float(raw)
            except ValueError:
                continue
        key = match.group("key")
        why = vacuous(key, value)
        if why:
            yield Hit(RULE, key,
                      f"`{key}` is set to {_show(value)} in {path}:{number_}: {why}, so this gate always passes.",
                      path, number_)
