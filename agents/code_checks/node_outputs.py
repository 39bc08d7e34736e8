"""Pipeline nodes that drop what their function returns: a Kedro node declaring no outputs
(`outputs=None`) runs its function and discards the value it returns, so a result the function
computes (metrics, a model) is never saved nor passed to another node."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from custody.agents.code_checks import Hit
from custody.agents.code_checks.pyast import own_nodes
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.pipeline import PipelineGraph, Stage

DISCARDED_OUTPUT = "hygiene.discarded-node-output"


def _own_returns(func: ast.FunctionDef) -> list[ast.Return] | None:
    """The function's own `return <value>` statements (not those of nested functions); None for a
    generator, whose values Kedro handles differently."""
    nodes = list(own_nodes(func))
    if any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in nodes):
        return None
    found = [node for node in nodes if isinstance(node, ast.Return) and node.value is not None
             and not (isinstance(node.value, ast.Constant) and node.value.value is None)]
    return sorted(found, key=lambda r: r.lineno)


def _module(text: str, path: str) -> ast.Module | None:
    try:
        return parse_python(text, path)
    except (SyntaxError, ValueError, RecursionError):
        return None


def discarded_output_hits(graphs: list[PipelineGraph], base_graphs: list[PipelineGraph],
                          texts: dict[str, str], changes: list[FileChange]) -> Iterator[Hit]:
    """A Kedro node with no outputs whose function returns a value, where the change makes it so: it adds
    the node, takes its outputs away, or adds the `return`."""
    added = {c.path: {line.number for h in c.hunks for line in h.added} for c in changes if c.status != "deleted"}
    modules: dict[str, ast.Module | None] = {}  # each node module parsed once, whatever its node count
    for graph in graphs:
        if graph.format != "kedro":
            continue
        base = next((b for b in base_graphs if b.source == graph.source), None)
        for stage in graph.stages:
            if stage.outputs or not stage.code:
                continue
            path, _, at = stage.code.partition("#L")
            if path not in modules:
                modules[path] = _module(texts.get(path, ""), path)
            tree = modules[path]
            func = next((f for f in tree.body if isinstance(f, ast.FunctionDef) and f.lineno == int(at)),
                        None) if tree is not None and at.isdigit() else None
            returns = _own_returns(func) if func is not None else None
            if not returns:
                continue
            before: Stage | None = next((s for s in base.stages if s.name == stage.name), None) if base else None
            new_return = any(r.lineno in added.get(path, set()) for r in returns)
            if not (new_return or before is None or before.outputs):
                continue  # the node dropped the value before this change too
            value = ast.unparse(returns[-1].value)[:60]  # type: ignore[arg-type]  # kept only with a value
            node_path = stage.locator.partition("#")[0]
            yield Hit(DISCARDED_OUTPUT, stage.kind or stage.name,
                      f"`{stage.kind or stage.name}` returns `{value}` ({path}:{returns[-1].lineno}), but its node "
                      f"`{stage.name}` in {node_path} declares no outputs: Kedro discards what a node without "
                      "outputs returns, so this value is never saved nor passed on. Name an output dataset "
                      "for the node, or stop returning the value.", path, returns[-1].lineno)
