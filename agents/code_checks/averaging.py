"""A ratio metric averaged over batches instead of pooled over the data set.

`acc += correct / len(batch)` summed in a loop over a loader and divided by the number of batches,
`accs.append(f1_score(y, p))` per batch then `np.mean(accs)`, or
`np.mean([precision(b) for b in batches])`: a short last batch weighs as much as a full one, and
for precision, recall, F1 or AUC the mean of per-batch values is not the data set's value at all.
Sum the counts (or collect the predictions) over the batches and compute the metric once.
Only loops over something batch-like count: a mean over classes (macro averaging) or over folds
(cross-validation) is deliberate.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from custody.agents.code_checks import Hit
from custody.agents.code_checks.metric_formulas import canonical
from custody.agents.code_checks.pyast import call_name, const_str, names_in, own_nodes, scopes, source, tokens

RULE = "hygiene.batch-averaged-metric"
RATIO_METRICS = {"accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "iou", "auc",
                 "fpr", "fnr", "npv"}
BATCHY = {"batch", "batches", "loader", "dataloader", "loaders", "minibatch", "minibatches", "chunk", "chunks",
          "shard", "shards", "outputs", "step", "steps", "iterator", "generator", "gen"}
MEANS = {"mean", "nanmean", "average", "fmean"}


def _metric_of(name: str) -> str | None:
    parts = tokens(name)
    if "loss" in parts:
        return None
    for size in (len(parts), 2, 1):
        for start in range(0, max(len(parts) - size + 1, 0)):
            found = canonical("_".join(parts[start:start + size]))
            if found:
                return found if found in RATIO_METRICS else None
    plural = [p[:-1] for p in parts if p.endswith("s")]
    return next((m for p in plural if (m := canonical(p)) in RATIO_METRICS), None)


def _ratio(value: ast.expr) -> str | None:
    """The metric a per-batch value computes: a metric call, a metric read from a step's output
    (`out["val_acc"]`, `out.acc`), or a division named by its target."""
    for node in ast.walk(value):
        key = const_str(node.slice) if isinstance(node, ast.Subscript) else None
        if key and _metric_of(key):
            return _metric_of(key)
        if isinstance(node, ast.Call):
            metric = _metric_of(call_name(node))
            if metric:
                return metric
    return "ratio" if any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) for n in ast.walk(value)) else None


def _batchy(node: ast.AST) -> bool:
    return any(set(tokens(n)) & BATCHY for n in names_in(node)) or any(
        isinstance(a, ast.Attribute) and set(tokens(a.attr)) & BATCHY for a in ast.walk(node)
    )


def batch_average_hits(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    for scope in scopes(tree):
        nodes = list(own_nodes(scope))
        for loop in (n for n in nodes if isinstance(n, (ast.For, ast.AsyncFor))):
            if not (_batchy(loop.iter) or _batchy(loop.target)):
                continue
            yield from _accumulated(path, loop, nodes, added)
        for node in nodes:
            if isinstance(node, ast.Call) and call_name(node) in MEANS and node.lineno in added:
                yield from _mean_of_comprehension(path, node)
            elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and node.lineno in added
                  and isinstance(node.left, ast.Call) and call_name(node.left) == "sum" and node.left.args):
                yield from _mean_of_comprehension(path, node.left, shown=node)


def _after(loop: ast.stmt, nodes: list[ast.AST]) -> list[ast.AST]:
    end = loop.end_lineno or loop.lineno
    return [n for n in nodes if getattr(n, "lineno", 0) > end]


def _accumulated(path: str, loop: ast.For | ast.AsyncFor, nodes: list[ast.AST], added: set[int]) -> Iterator[Hit]:
    for stmt in (n for body in loop.body for n in ast.walk(body)):
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add) and isinstance(stmt.target, ast.Name):
            total = stmt.target.id
            metric = _metric_of(total)
            kind = _ratio(stmt.value)
            if not metric or not kind or stmt.lineno not in added:
                continue
            divided = any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.left, ast.Name)
                          and n.left.id == total for n in _after(loop, nodes))
            if divided:
                yield _hit(path, stmt.lineno, metric, f"`{source(stmt)}` adds up one {metric} per batch and "
                           f"`{total}` is then divided by a batch count")
                return
        if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and call_name(stmt.value) == "append"
                and isinstance(stmt.value.func, ast.Attribute) and isinstance(stmt.value.func.value, ast.Name)
                and stmt.value.args and stmt.lineno in added):
            bucket = stmt.value.func.value.id
            kind = _ratio(stmt.value.args[0])
            metric = _metric_of(bucket) or (kind if kind in RATIO_METRICS else None)
            if not metric or not kind:
                continue
            averaged = any(isinstance(n, ast.Call) and call_name(n) in MEANS | {"stack", "tensor"}
                           and bucket in names_in(n) for n in _after(loop, nodes))
            if averaged:
                yield _hit(path, stmt.lineno, metric, f"`{source(stmt)}` collects one {metric} per batch and "
                           f"`{bucket}` is then averaged")
                return


def _mean_of_comprehension(path: str, call: ast.Call, shown: ast.expr | None = None) -> Iterator[Hit]:
    argument = call.args[0] if call.args else (call.func.value if isinstance(call.func, ast.Attribute) else None)
    while isinstance(argument, ast.Call) and call_name(argument) in {"array", "tensor", "stack", "asarray", "list"}:
        argument = argument.args[0] if argument.args else None
    if not isinstance(argument, (ast.ListComp, ast.GeneratorExp)):
        return
    if not any(_batchy(g.iter) or _batchy(g.target) for g in argument.generators):
        return
    metric = _ratio(argument.elt)
    if metric in RATIO_METRICS:
        yield _hit(path, call.lineno, metric, f"`{source(shown or call)}` averages one {metric} per batch")


def _hit(path: str, line: int, metric: str, what: str) -> Hit:
    return Hit(RULE, metric,
               f"{what} ({path}:{line}): a short last batch weighs as much as a full one and the mean of per-batch "
               f"{metric} is not the data set's {metric}; sum the counts (or gather the predictions) over all "
               "batches and compute it once.", path, line)
