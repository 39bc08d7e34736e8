"""Metaflow flows, read statically (never imported): a `FlowSpec` subclass's `@step` methods are its
stages, `self.next(self.a, self.b)` its edges, and its `Parameter("name", default=...)` declarations
its parameters and its run options (Metaflow names an option after the Parameter's first argument,
not after the attribute it is bound to).

The options a flow accepts are known only when every class it derives from is read too (a base flow
or mixin defined in the repository, found through the module's imports) and no class decorator of the
repository's may add parameters (a `FlowMutator` calling `add_parameter`); otherwise `options` is None.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage

PARAMETER_CLASSES = {"Parameter", "IncludeFile"}
# Flow-level decorators of Metaflow itself: none adds a run option.
METAFLOW_FLOW_DECORATORS = {"project", "conda_base", "pypi_base", "schedule", "trigger", "trigger_on_finish",
                            "exit_hook"}
MAX_DEPTH = 8  # base classes followed through imports

ReadText = Callable[[str], "str | None"]


@dataclass
class _Flow:
    steps: list[Stage] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)
    locators: dict[str, str] = field(default_factory=dict)
    options: set[str] = field(default_factory=set)
    complete: bool = True


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _name(node.func)
    return None


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        inner = _literal(node.operand)
        return f"-{inner}" if inner is not None else None
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool)):
        value = node.value
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if isinstance(value, str) else repr(value)
    return None


def _imports(tree: ast.Module) -> dict[str, str]:
    """Imported name -> the module it comes from (`from common.pipeline import Pipeline`)."""
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                out[alias.asname or alias.name] = node.module
    return out


def _module_files(module: str, near: str, paths: list[str]) -> list[str]:
    """The repository files a module name may be: `a/b.py` or `a/b/__init__.py` under any source root;
    when several, those closest to the importing file."""
    tails = (module.replace(".", "/") + ".py", module.replace(".", "/") + "/__init__.py")
    found = [p for p in paths if p in tails or p.endswith(tuple("/" + t for t in tails))]
    if len(found) <= 1:
        return found

    def shared(p: str) -> int:
        a, b = p.split("/"), near.split("/")
        return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))

    best = max(shared(p) for p in found)
    return [p for p in found if shared(p) == best]


def _steps_and_edges(path: str, cls: ast.ClassDef, flow: _Flow) -> None:
    for node in cls.body:
        if not isinstance(node, ast.FunctionDef) or not any(_name(d) == "step" for d in node.decorator_list):
            continue
        flow.steps.append(Stage(name=node.name, kind="step", locator=file_locator(path, node.lineno)))
        for call in ast.walk(node):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "next"
                    and isinstance(call.func.value, ast.Name) and call.func.value.id == "self"):
                continue
            targets: list[ast.expr] = []
            for arg in call.args:
                targets += list(arg.values) if isinstance(arg, ast.Dict) else [arg]  # a switch: {"a": self.a}
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == "self":
                    flow.edges.append(Edge(upstream=node.name, downstream=target.attr))


def _parameters(path: str, cls: ast.ClassDef, flow: _Flow) -> None:
    for node in cls.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if not (isinstance(value, ast.Call) and _name(value.func) in PARAMETER_CLASSES):
            continue
        first = value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "name"), None)
        name = _literal(first)
        if name is None:
            flow.complete = False  # an option whose name is computed: the set of options is not known
            continue
        flow.options.add(name)
        default = _literal(next((k.value for k in value.keywords if k.arg == "default"), None))
        if default is not None:
            flow.params[name] = default
            flow.locators[name] = file_locator(path, value.lineno)


def _may_add_parameters(decorator: ast.expr, imports: dict[str, str], path: str, paths: list[str],
                        read: ReadText) -> bool:
    name = _name(decorator)
    if name in METAFLOW_FLOW_DECORATORS and imports.get(name or "", "metaflow").startswith("metaflow"):
        return False
    module = imports.get(name or "")
    files = _module_files(module, path, paths) if module else [path]
    texts = [read(f) for f in files]
    if len(files) != 1 or texts[0] is None:
        return True  # not ours to read: it may add anything
    return "add_parameter" in texts[0]


def _read_class(path: str, tree: ast.Module, cls: ast.ClassDef, paths: list[str], read: ReadText,
                flow: _Flow, depth: int) -> None:
    imports = _imports(tree)
    if any(_may_add_parameters(d, imports, path, paths, read) for d in cls.decorator_list):
        flow.complete = False
    _steps_and_edges(path, cls, flow)
    _parameters(path, cls, flow)
    for base in cls.bases:
        name = _name(base)
        if name == "FlowSpec":
            continue
        if name is None or depth >= MAX_DEPTH:
            flow.complete = False
            continue
        found = _find_class(name, path, tree, imports, paths, read)
        if found is None:
            if name not in ("object", "ABC"):
                flow.complete = False
            continue
        base_path, base_tree, base_cls = found
        _read_class(base_path, base_tree, base_cls, paths, read, flow, depth + 1)


def _find_class(name: str, path: str, tree: ast.Module, imports: dict[str, str], paths: list[str],
                read: ReadText) -> tuple[str, ast.Module, ast.ClassDef] | None:
    local = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)
    if local is not None:
        return path, tree, local
    module = imports.get(name)
    files = _module_files(module, path, paths) if module else []
    if len(files) != 1:
        return None
    text = read(files[0])
    if text is None:
        return None
    try:
        other = parse_python(text, files[0])
    except (SyntaxError, ValueError):
        return None
    cls = next((n for n in other.body if isinstance(n, ast.ClassDef) and n.name == name), None)
    return (files[0], other, cls) if cls is not None else None


def _is_flow(cls: ast.ClassDef, tree: ast.Module, flows: set[str]) -> bool:
    """A class that derives from metaflow's FlowSpec, directly or through a flow class of its module, and
    is not itself only a base (it has a `start` step, or one of its bases is a flow)."""
    imports = _imports(tree)
    return any((_name(b) == "FlowSpec" and imports.get("FlowSpec", "").startswith("metaflow"))
               or _name(b) in flows for b in cls.bases)


def read_metaflow(path: str, text: str, where: Literal["head", "base"], paths: list[str],
                  read: ReadText) -> list[PipelineGraph]:
    """Every flow a file defines that has a `start` step (its own or a base's). `paths` are the tree's
    files and `read` reads one (for base classes defined elsewhere in the repository)."""
    if "metaflow" not in text:
        return []
    tree = parse_python(text, path)
    graphs: list[PipelineGraph] = []
    local_flows: set[str] = set()
    imports = _imports(tree)
    for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        based_on_flow = _is_flow(cls, tree, local_flows)
        imported_base = any(imports.get(_name(b) or "", "").split(".")[0] not in ("", "metaflow")
                            for b in cls.bases)
        has_steps = any(isinstance(n, ast.FunctionDef) and any(_name(d) == "step" for d in n.decorator_list)
                        for n in cls.body)
        if not (based_on_flow or (imported_base and has_steps)):
            continue
        local_flows.add(cls.name)
        flow = _Flow()
        _read_class(path, tree, cls, paths, read, flow, 0)
        if not any(s.name == "start" for s in flow.steps):
            continue
        graphs.append(PipelineGraph(
            name=cls.name, where=where, format="metaflow", source=path, stages=flow.steps, edges=flow.edges,
            params=flow.params, param_locators=flow.locators,
            options=sorted(flow.options) if flow.complete else None))
    return graphs
