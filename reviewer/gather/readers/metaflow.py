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
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.digest import digest
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


@dataclass(frozen=True)
class _Step:
    name: str
    line: int
    next: tuple[str, ...]  # the steps its `self.next(...)` calls name, in order


@dataclass(frozen=True)
class _Parameter:
    name: str | None  # None: computed, so the flow's set of options is not known
    default: str | None
    line: int


@dataclass(frozen=True)
class _Class:
    name: str
    bases: tuple[str | None, ...]
    decorators: tuple[str | None, ...]
    steps: tuple[_Step, ...]
    parameters: tuple[_Parameter, ...]


@dataclass(frozen=True)
class _Module:
    """What the reader takes from one module's syntax tree. Remembered by content and shared between
    reviews, so it is immutable: tuples and frozen dataclasses only."""

    imports: tuple[tuple[str, str], ...]  # imported name -> the module it comes from, in order
    classes: tuple[_Class, ...]

    def imported(self) -> dict[str, str]:
        """Imported name -> the module it comes from (`from common.pipeline import Pipeline`)."""
        return dict(self.imports)


def _module(text: str, path: str) -> _Module:
    """The module's imports and classes, parsed once per content (a syntax error is raised, and not kept)."""
    return remembered("metaflow-module", digest(text), functools.partial(_read_module, text, path))


def _read_module(text: str, path: str) -> _Module:
    tree = parse_python(text, path)
    imports = tuple((alias.asname or alias.name, node.module) for node in tree.body
                    if isinstance(node, ast.ImportFrom) and node.module and not node.level for alias in node.names)
    classes = tuple(_Class(name=c.name, bases=tuple(_name(b) for b in c.bases),
                           decorators=tuple(_name(d) for d in c.decorator_list),
                           steps=_steps(c), parameters=_parameters(c))
                    for c in tree.body if isinstance(c, ast.ClassDef))
    return _Module(imports=imports, classes=classes)


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


def _steps(cls: ast.ClassDef) -> tuple[_Step, ...]:
    steps: list[_Step] = []
    for node in cls.body:
        if not isinstance(node, ast.FunctionDef) or not any(_name(d) == "step" for d in node.decorator_list):
            continue
        following: list[str] = []
        for call in ast.walk(node):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "next"
                    and isinstance(call.func.value, ast.Name) and call.func.value.id == "self"):
                continue
            targets: list[ast.expr] = []
            for arg in call.args:
                targets += list(arg.values) if isinstance(arg, ast.Dict) else [arg]  # a switch: {"a": self.a}
            following += [target.attr for target in targets if isinstance(target, ast.Attribute)
                          and isinstance(target.value, ast.Name) and target.value.id == "self"]
        steps.append(_Step(name=node.name, line=node.lineno, next=tuple(following)))
    return tuple(steps)


def _parameters(cls: ast.ClassDef) -> tuple[_Parameter, ...]:
    found: list[_Parameter] = []
    for node in cls.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if not (isinstance(value, ast.Call) and _name(value.func) in PARAMETER_CLASSES):
            continue
        first = value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "name"), None)
        default = next((k.value for k in value.keywords if k.arg == "default"), None)
        found.append(_Parameter(name=_literal(first), default=_literal(default), line=value.lineno))
    return tuple(found)


def _may_add_parameters(name: str | None, imports: dict[str, str], path: str, paths: list[str],
                        read: ReadText) -> bool:
    if name in METAFLOW_FLOW_DECORATORS and imports.get(name or "", "metaflow").startswith("metaflow"):
        return False
    module = imports.get(name or "")
    files = _module_files(module, path, paths) if module else [path]
    texts = [read(f) for f in files]
    if len(files) != 1 or texts[0] is None:
        return True  # not ours to read: it may add anything
    return "add_parameter" in texts[0]


def _read_class(path: str, module: _Module, cls: _Class, paths: list[str], read: ReadText,
                flow: _Flow, depth: int) -> None:
    imports = module.imported()
    if any(_may_add_parameters(d, imports, path, paths, read) for d in cls.decorators):
        flow.complete = False
    for step in cls.steps:
        flow.steps.append(Stage(name=step.name, kind="step", locator=file_locator(path, step.line)))
        flow.edges += [Edge(upstream=step.name, downstream=target) for target in step.next]
    for parameter in cls.parameters:
        if parameter.name is None:
            flow.complete = False  # an option whose name is computed: the set of options is not known
            continue
        flow.options.add(parameter.name)
        if parameter.default is not None:
            flow.params[parameter.name] = parameter.default
            flow.locators[parameter.name] = file_locator(path, parameter.line)
    for name in cls.bases:
        if name == "FlowSpec":
            continue
        if name is None or depth >= MAX_DEPTH:
            flow.complete = False
            continue
        found = _find_class(name, path, module, imports, paths, read)
        if found is None:
            if name not in ("object", "ABC"):
                flow.complete = False
            continue
        base_path, base_module, base_cls = found
        _read_class(base_path, base_module, base_cls, paths, read, flow, depth + 1)


def _find_class(name: str, path: str, module: _Module, imports: dict[str, str], paths: list[str],
                read: ReadText) -> tuple[str, _Module, _Class] | None:
    local = next((c for c in module.classes if c.name == name), None)
    if local is not None:
        return path, module, local
    source = imports.get(name)
    files = _module_files(source, path, paths) if source else []
    if len(files) != 1:
        return None
    text = read(files[0])
    if text is None:
        return None
    try:
        other = _module(text, files[0])
    except (SyntaxError, ValueError):
        return None
    cls = next((c for c in other.classes if c.name == name), None)
    return (files[0], other, cls) if cls is not None else None


def _is_flow(cls: _Class, imports: dict[str, str], flows: set[str]) -> bool:
    """A class that derives from metaflow's FlowSpec, directly or through a flow class of its module, and
    is not itself only a base (it has a `start` step, or one of its bases is a flow)."""
    return any((b == "FlowSpec" and imports.get("FlowSpec", "").startswith("metaflow")) or b in flows
               for b in cls.bases)


def read_metaflow(path: str, text: str, where: Literal["head", "base"], paths: list[str],
                  read: ReadText) -> list[PipelineGraph]:
    """Every flow a file defines that has a `start` step (its own or a base's). `paths` are the tree's
    files and `read` reads one (for base classes defined elsewhere in the repository)."""
    if "metaflow" not in text:
        return []
    module = _module(text, path)
    graphs: list[PipelineGraph] = []
    local_flows: set[str] = set()
    imports = module.imported()
    for cls in module.classes:
        based_on_flow = _is_flow(cls, imports, local_flows)
        imported_base = any(imports.get(b or "", "").split(".")[0] not in ("", "metaflow") for b in cls.bases)
        if not (based_on_flow or (imported_base and cls.steps)):
            continue
        local_flows.add(cls.name)
        flow = _Flow()
        _read_class(path, module, cls, paths, read, flow, 0)
        if not any(s.name == "start" for s in flow.steps):
            continue
        graphs.append(PipelineGraph(
            name=cls.name, where=where, format="metaflow", source=path, stages=flow.steps, edges=flow.edges,
            params=flow.params, param_locators=flow.locators,
            options=sorted(flow.options) if flow.complete else None))
    return graphs
