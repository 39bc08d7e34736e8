"""Metric formulas that do not fit their names.

Confusion-matrix metrics are recognised by name (a variable, a dictionary key, a keyword, a
function such as `compute_specificity`, or the metric-name test of the branch that assigns them)
and their expression is evaluated numerically with made-up counts for tp, fp, tn and fn: any
algebraic spelling of the right formula (`tn / (fp + tn)`, `1 - fpr`, `_safe_divide(tn, tn + fp)`)
evaluates to the same numbers, a wrong one does not. A name bound to a library metric of another
name (`recall = precision_score(...)`, `rmse = mean_squared_error(...)`) is the same defect.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from custody.agents.code_checks import Hit
from custody.agents.code_checks.pyast import call_name, const_str, own_nodes, scopes, source, tokens

RULE = "hygiene.metric-formula"

# Canonical metric -> its names (token sequences joined by "_", after prefixes/suffixes are cut).
ALIASES: dict[str, set[str]] = {
    "specificity": {"specificity", "spec", "tnr", "selectivity", "true_negative_rate"},
    "recall": {"recall", "sensitivity", "sens", "tpr", "true_positive_rate", "hit_rate"},
    "precision": {"precision", "prec", "ppv", "positive_predictive_value"},
    "npv": {"npv", "negative_predictive_value"},
    "fpr": {"fpr", "false_positive_rate", "fall_out", "fallout"},
    "fnr": {"fnr", "false_negative_rate", "miss_rate"},
    "fdr": {"fdr", "false_discovery_rate"},
    "accuracy": {"accuracy", "acc"},
    "balanced_accuracy": {"balanced_accuracy", "bacc"},
    "f1": {"f1", "dice", "f_1"},
    "iou": {"iou", "jaccard", "jaccard_index"},
    # Regression metrics: only compared with the library function that computes them.
    "mse": {"mse", "mean_squared_error"},
    "rmse": {"rmse", "root_mean_squared_error"},
    "mae": {"mae", "mean_absolute_error"},
    "mape": {"mape", "mean_absolute_percentage_error"},
    "r2": {"r2", "r_squared"},
    "auc": {"auc", "roc_auc", "auroc"},
}
CANONICAL = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
# Pairs whose names are used for one another often enough that a mix-up is not a defect.
COMPATIBLE = {frozenset({"accuracy", "balanced_accuracy"}), frozenset({"f1", "iou"})}
PREFIXES = {"val", "valid", "validation", "test", "train", "training", "eval", "dev", "holdout", "micro",
            "macro", "weighted", "mean", "avg", "average", "batch", "epoch", "binary", "multiclass",
            "multilabel", "compute", "calc", "calculate", "get", "my", "global", "overall", "final", "best",
            "sk", "sklearn", "expected", "ref", "reference", "torch", "np"}
SUFFIXES = {"score", "value", "metric", "compute", "fn", "func", "impl", "result"}

COUNT_ROLES: dict[str, re.Pattern[str]] = {
    role: re.compile(rf"^(?:n|num|number|of|total|sum|count|batch|epoch|running|all|cum)?{body}"
                     r"(?:count|counts|sum|total)?$")
    for role, body in {
        "tp": r"(?:tps?|truepos(?:itive)?s?)",
        "fp": r"(?:fps?|falsepos(?:itive)?s?)",
        "tn": r"(?:tns?|trueneg(?:ative)?s?)",
        "fn": r"(?:fns?|falseneg(?:ative)?s?)",
    }.items()
}
EPSILON = re.compile(r"^(?:eps|epsilon|smooth|smoothing|tiny|zero_division)$")
DIVIDE = {"_safe_divide", "safe_divide", "safe_div", "_safe_div", "divide", "true_divide", "div",
          "divide_no_nan", "_divide", "nan_divide"}
IDENTITY = {"float", "sum", "abs", "nansum", "asarray", "array", "tensor", "as_tensor", "nan_to_num", "double",
            "item", "cpu", "detach", "numpy", "to", "clamp", "clip", "maximum", "max", "squeeze", "type",
            "astype", "tolist", "mean", "nanmean"}

# Made-up confusion counts, large so that a smoothing constant or an epsilon does not matter.
POINTS = [
    {"tp": 701_000.0, "fp": 300_100.0, "tn": 1_100_300.0, "fn": 500_030.0},
    {"tp": 130_000.0, "fp": 220_000.0, "tn": 170_000.0, "fn": 90_000.0},
    {"tp": 3_100_000.0, "fp": 50_000.0, "tn": 410_000.0, "fn": 720_000.0},
]


def _truth(name: str, c: dict[str, float]) -> float | None:
    tp, fp, tn, fn = c["tp"], c["fp"], c["tn"], c["fn"]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    values = {
        "specificity": tn / (tn + fp), "recall": recall, "precision": precision, "npv": tn / (tn + fn),
        "fpr": fp / (fp + tn), "fnr": fn / (fn + tp), "fdr": fp / (fp + tp),
        "accuracy": (tp + tn) / (tp + tn + fp + fn), "balanced_accuracy": (recall + tn / (tn + fp)) / 2,
        "f1": 2 * precision * recall / (precision + recall), "iou": tp / (tp + fp + fn),
    }
    return values.get(name)


FORMULAS = {"specificity": "tn / (tn + fp)", "recall": "tp / (tp + fn)", "precision": "tp / (tp + fp)",
            "npv": "tn / (tn + fn)", "fpr": "fp / (fp + tn)", "fnr": "fn / (fn + tp)", "fdr": "fp / (fp + tp)",
            "accuracy": "(tp + tn) / (tp + tn + fp + fn)", "balanced_accuracy": "(tpr + tnr) / 2",
            "f1": "2 * precision * recall / (precision + recall)", "iou": "tp / (tp + fp + fn)"}


def canonical(identifier: str) -> str | None:
    """The metric an identifier names, or None: `val_specificity` -> specificity, `compute_tpr` -> recall."""
    parts = tokens(identifier)
    if "_".join(parts) in CANONICAL:
        return CANONICAL["_".join(parts)]
    while parts and parts[0] in PREFIXES:
        parts = parts[1:]
    while parts and parts[-1] in SUFFIXES:
        parts = parts[:-1]
    return CANONICAL.get("_".join(parts)) if parts else None


def count_role(identifier: str) -> str | None:
    squashed = identifier.lower().replace("_", "")
    return next((role for role, pattern in COUNT_ROLES.items() if pattern.match(squashed)), None)


class Unknown(Exception):
    """The expression uses something other than confusion counts and metric names."""


@dataclass
class Evaluated:
    values: list[float]
    symbols: int  # how many count / metric symbols the expression reads


def evaluate(node: ast.expr) -> Evaluated | None:
    """The expression's value at every point of POINTS, or None when it is not a confusion formula."""
    used = [0]
    try:
        values = [_eval(node, point, used) for point in POINTS]
    except (Unknown, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    return Evaluated(values, used[0]) if used[0] else None


def _symbol(identifier: str, point: dict[str, float], used: list[int]) -> float:
    role = count_role(identifier)
    if role:
        used[0] += 1
        return point[role]
    metric = canonical(identifier)
    truth = _truth(metric, point) if metric else None
    if truth is not None:
        used[0] += 1
        return truth
    if EPSILON.match(identifier.lower()):
        return 1.0
    raise Unknown(identifier)


def _eval(node: ast.expr, point: dict[str, float], used: list[int]) -> float:
    def ev(n: ast.expr) -> float:
        return _eval(n, point, used)

    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.Name):
        return _symbol(node.id, point, used)
    if isinstance(node, ast.Attribute):
        return _symbol(node.attr, point, used)
    if isinstance(node, ast.Subscript):
        if any(isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub) for n in ast.walk(node.slice)):
            raise Unknown("tps[-1]")  # the last of cumulative counts is a total, not a count
        return ev(node.value)  # tp[c], tp[:, 1]: the count of one class
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = ev(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        ops: dict[type[ast.operator], Callable[[float, float], float]] = {
            ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
            ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b,
        }
        op = ops.get(type(node.op))
        if op is None:
            raise Unknown(type(node.op).__name__)
        return op(ev(node.left), ev(node.right))
    if isinstance(node, ast.IfExp):
        return ev(node.body)
    if isinstance(node, ast.Call):
        return _eval_call(node, ev)
    raise Unknown(type(node).__name__)


def _eval_call(node: ast.Call, ev: Callable[[ast.expr], float]) -> float:
    name = call_name(node)
    keywords = {k.arg: k.value for k in node.keywords if k.arg}
    if "numerator" in keywords and "denominator" in keywords:
        return ev(keywords["numerator"]) / ev(keywords["denominator"])
    if name in DIVIDE and len(node.args) >= 2:
        return ev(node.args[0]) / ev(node.args[1])
    if name in {"sqrt"} and node.args:
        return math.sqrt(ev(node.args[0]))
    if name in IDENTITY:
        if node.args:
            return ev(node.args[0])
        if isinstance(node.func, ast.Attribute):
            return ev(node.func.value)  # tp.sum(), tp.float()
    raise Unknown(name)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-9)


def matching_metric(found: Evaluated) -> str | None:
    """Which confusion metric an evaluated expression computes, if any."""
    for name in FORMULAS:
        truths = [_truth(name, p) for p in POINTS]
        if all(t is not None and _close(v, t) for v, t in zip(found.values, truths, strict=True)):
            return name
    return None


# ---- where a metric gets its name ------------------------------------------------------------

@dataclass
class Named:
    metric: str  # canonical name
    label: str  # as written
    value: ast.expr
    line: int
    scope: ast.AST


def _target_label(target: ast.expr) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript):
        return const_str(target.slice)
    return None


def _branch_metric(test: ast.expr) -> tuple[str, str] | None:
    """`metric in ["specificity", "tnr"]` / `name == "recall"` -> the one metric every literal names."""
    literals = [n.value for n in ast.walk(test) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    metrics = {canonical(s) for s in literals}
    if literals and len(metrics) == 1 and None not in metrics:
        metric = metrics.pop()
        assert metric is not None
        return metric, literals[0]
    return None


def named_metrics(tree: ast.Module) -> Iterator[Named]:
    for scope in scopes(tree):
        yield from _in_scope(scope)


def _in_scope(scope: ast.AST) -> Iterator[Named]:
    branch: dict[int, tuple[str, str]] = {}  # id(statement) -> metric named by its enclosing branch
    for node in own_nodes(scope):
        if isinstance(node, ast.If):
            named = _branch_metric(node.test)
            if named:
                for stmt in node.body:
                    for inner in ast.walk(stmt):
                        branch.setdefault(id(inner), named)
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        own = canonical(scope.name.strip("_"))
        if own:
            for node in own_nodes(scope):
                if isinstance(node, ast.Return) and node.value is not None:
                    yield Named(own, scope.name, node.value, node.lineno, scope)
    for node in own_nodes(scope):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                label = _target_label(target)
                metric = canonical(label) if label else None
                if metric and label:
                    yield Named(metric, label, node.value, node.lineno, scope)
                elif id(node) in branch:
                    metric, label = branch[id(node)]
                    yield Named(metric, label, node.value, node.lineno, scope)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                label = const_str(key)
                metric = canonical(label) if label else None
                if metric and label:
                    yield Named(metric, label, value, value.lineno, scope)
        elif isinstance(node, ast.Call) and call_name(node) in {"dict", "log", "log_metrics", "update"}:
            for keyword in node.keywords:
                metric = canonical(keyword.arg) if keyword.arg else None
                if metric and keyword.arg:
                    yield Named(metric, keyword.arg, keyword.value, keyword.value.lineno, scope)


# ---- the checks ------------------------------------------------------------------------------

def _span(node: ast.AST) -> set[int]:
    start = getattr(node, "lineno", 0)
    return set(range(start, (getattr(node, "end_lineno", None) or start) + 1))


def _library_metric(value: ast.expr) -> str | None:
    """`precision_score(...)` -> precision; `np.sqrt(mean_squared_error(...))` -> rmse."""
    wrappers = {"float", "round", "item"}
    while isinstance(value, ast.Call) and call_name(value) in wrappers and value.args:
        value = value.args[0]
    if not isinstance(value, ast.Call):
        return None
    name = call_name(value)
    if name == "sqrt" and value.args:
        inner = _library_metric(value.args[0])
        return "rmse" if inner == "mse" else None
    if not name.endswith(("_score", "_error")) and name not in {"roc_auc_score", "auc"}:
        return None
    metric = canonical(name)
    squared = next((k.value for k in value.keywords if k.arg == "squared"), None)
    if metric == "mse" and isinstance(squared, ast.Constant) and squared.value is False:
        return "rmse"
    return metric


INITIALISERS = {"zeros", "zeros_like", "ones", "ones_like", "empty", "empty_like", "full", "full_like", "tensor",
                "array", "asarray", "as_tensor", "float", "int", "list", "dict", "copy", "deepcopy", "clone", "nan",
                "defaultdict", "Tensor", "MeanMetric", "SumMetric", "CatMetric"}


def _computed(value: ast.expr) -> bool:
    """An expression that computes something from data: not a constant, not an initial value."""
    if isinstance(value, ast.BinOp):
        return any(isinstance(n, (ast.Name, ast.Attribute)) for n in ast.walk(value))
    if isinstance(value, ast.Call):
        return call_name(value) not in INITIALISERS and any(
            isinstance(n, ast.Name) for a in [*value.args, *(k.value for k in value.keywords)] for n in ast.walk(a)
        )
    return False


def formula_hits(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    reported: set[int] = set()
    seen: dict[tuple[int, str], Named] = {}
    for named in named_metrics(tree):
        on_added = bool(_span(named.value) & added)
        expression = source(named.value)
        plain = isinstance(named.value, (ast.Name, ast.Attribute, ast.Subscript, ast.Constant))
        found = evaluate(named.value) if named.metric in FORMULAS and not plain else None
        if found is not None:
            truths = [_truth(named.metric, p) for p in POINTS]
            right = all(t is not None and _close(v, t) for v, t in zip(found.values, truths, strict=True))
            if not right and on_added:
                other = matching_metric(found)
                what = f"the formula of {other}" if other else "no standard formula"
                reported.add(named.line)
                yield Hit(RULE, named.label,
                          f"`{named.label}` is computed as `{expression}`, which is {what}; "
                          f"{named.metric} is {FORMULAS[named.metric]} ({path}:{named.line}).",
                          path, named.line)
                continue
        library = _library_metric(named.value)
        if (library and library != named.metric and on_added
                and frozenset({library, named.metric}) not in COMPATIBLE):
            reported.add(named.line)
            yield Hit(RULE, named.label,
                      f"`{named.label}` is assigned `{expression}`, which computes {library}, not "
                      f"{named.metric} ({path}:{named.line}).", path, named.line)
            continue
        if found is None and _computed(named.value):
            key = (id(named.scope), ast.dump(named.value))
            first = seen.setdefault(key, named)
            if (first.metric != named.metric and on_added and named.line not in reported
                    and first.line not in reported
                    and frozenset({first.metric, named.metric}) not in COMPATIBLE):
                reported.add(named.line)
                yield Hit(RULE, named.label,
                          f"`{named.label}` and `{first.label}` (line {first.line}) are computed by the "
                          f"same expression `{expression}`; one of them is a copy-paste slip "
                          f"({path}:{named.line}).", path, named.line)
