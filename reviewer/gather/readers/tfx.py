"""TFX pipelines in Python, read statically (never imported or run): the components passed to
`Pipeline(components=[...])` are the stages, named by `.with_id("...")` (else by their variable),
with the variable and the component class as aliases; a component that reads another's
`.outputs[...]`, or is given it by `add_upstream_node`, depends on it."""

from __future__ import annotations

import ast
from typing import Literal

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _component(value: ast.expr) -> tuple[str, str | None, ast.Call] | None:
    """(component class, with_id) of `Cls(...)` or `Cls(...).with_id("x")`, with the constructor call."""
    with_id = None
    node = value
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and isinstance(node.func.value, ast.Call):
        if node.func.attr == "with_id" and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            with_id = node.args[0].value
        node = node.func.value
    if not isinstance(node, ast.Call) or not _callee(node):
        return None
    return _callee(node), with_id, node


def _components_list(body: ast.AST, lists: dict[str, ast.List]) -> list[str] | None:
    """The variable names a `...Pipeline(components=...)` call in `body` is given."""
    for node in ast.walk(body):
        if isinstance(node, ast.Call) and _callee(node).endswith("Pipeline"):
            arg = next((k.value for k in node.keywords if k.arg == "components"), None)
            if isinstance(arg, ast.Name) and arg.id in lists:
                arg = lists[arg.id]
            if isinstance(arg, (ast.List, ast.Tuple)):
                return [e.id for e in arg.elts if isinstance(e, ast.Name)]
    return None


def _graph(path: str, scope: ast.AST, name: str, where: Literal["head", "base"]) -> PipelineGraph | None:
    assigned: dict[str, tuple[str, str | None, ast.Call, int]] = {}
    lists: dict[str, ast.List] = {}
    upstream_calls: list[tuple[str, str]] = []
    appended: list[tuple[str, ast.Name]] = []  # `components.append(uploader)`, in or out of an `if`
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target = node.targets[0].id
            if isinstance(node.value, ast.List):
                lists[target] = node.value
            found = _component(node.value)
            if found:
                assigned[target] = (*found, node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "add_upstream_node" and isinstance(node.func.value, ast.Name) \
                and node.args and isinstance(node.args[0], ast.Name):
            upstream_calls.append((node.args[0].id, node.func.value.id))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in lists \
                and node.args and isinstance(node.args[0], ast.Name):
            appended.append((node.func.value.id, node.args[0]))
    for list_name, element in appended:
        lists[list_name].elts.append(element)
    members = _components_list(scope, lists)
    if not members:
        return None
    members = [m for m in members if m in assigned]
    stage_name = {m: assigned[m][1] or m for m in members}
    stages = []
    edges: set[tuple[str, str]] = set()
    for member in members:
        cls, _, call, line = assigned[member]
        aliases = [a for a in dict.fromkeys([member, cls]) if a != stage_name[member]]
        stages.append(Stage(name=stage_name[member], kind=cls, aliases=aliases, locator=file_locator(path, line)))
        for node in ast.walk(call):
            if isinstance(node, ast.Attribute) and node.attr == "outputs" and isinstance(node.value, ast.Name) \
                    and node.value.id in stage_name and node.value.id != member:
                edges.add((stage_name[node.value.id], stage_name[member]))
    for up, down in upstream_calls:
        if up in stage_name and down in stage_name:
            edges.add((stage_name[up], stage_name[down]))
    return PipelineGraph(name=name, where=where, format="tfx", source=path, stages=stages,
                         edges=[Edge(upstream=a, downstream=b) for a, b in sorted(edges)])


def read_tfx_python(path: str, text: str, where: Literal["head", "base"]) -> list[PipelineGraph]:
    """One graph per function (or the module) that builds a TFX `Pipeline` from its components."""
    tree = parse_python(text, path)
    graphs = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            graph = _graph(path, node, node.name, where)
            if graph and graph.stages:
                graphs.append(graph)
    if not graphs:
        graph = _graph(path, tree, path, where)
        graphs += [graph] if graph and graph.stages else []
    return graphs
