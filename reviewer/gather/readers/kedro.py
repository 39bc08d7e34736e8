"""Kedro projects, read statically (never imported): the nodes of every `create_pipeline` function
(`node(func, inputs, outputs, name=..., tags=...)` in `pipeline([...])`/`Pipeline([...])`) as the
stages of one graph per project, edges through the datasets one node writes and another reads,
`params:` inputs as the parameters a stage reads, valued from `conf/base/parameters*.yml`, and the
data catalog (`conf/base/catalog*.yml`) for where a dataset lives.

A project is the folder holding `conf/` (else a pipeline file's own folder); its pipelines are the
ones `pipeline_registry.py` registers: every `pipelines/<name>/` module under `find_pipelines()`, or
the modules whose `create_pipeline` it calls. A modular pipeline (`pipeline(pipe, namespace="ns",
inputs=..., outputs=..., parameters=...)`) names its nodes `ns.node` and its datasets and
parameters `ns.x`, except those it maps, as Kedro does.

What cannot be resolved without running the code (a name or dataset built at run time, nodes made
in a loop or a comprehension, `**kwargs` passed to `node`, a pipeline from a function the reader
does not follow) is listed in the graph's `unresolved`, and the graph then says it may lack stages
or edges; the reader never makes up a stage it cannot name.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml
from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.dvc import flatten, key_line
from custody.reviewer.gather.readers.safe_yaml import load_yaml
from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.pipeline import Edge, PipelineGraph, Stage

ReadText = Callable[[str], "str | None"]

NODE_CALLS = {"node", "Node"}
PIPELINE_CALLS = {"pipeline", "Pipeline"}
MAX_FILES = 200  # Python files opened to look for pipelines
MAX_DEPTH = 12  # nested pipeline expressions followed
MAX_INLINED = 20_000  # syntax nodes of one expression once its variables are replaced by their values
LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)
COOKIECUTTER = re.compile(r"\{\{\s*cookiecutter\.(\w+)\s*\}\}")
# Kedro's config loader reads `parameters*`, `parameters*/**` and `**/parameters*` under conf/base.
PARAMS_FILE = re.compile(r"(?:^|/)parameters[^/]*(?:/.*)?\.ya?ml$")
CATALOG_FILE = re.compile(r"(?:^|/)catalog[^/]*(?:/.*)?\.ya?ml$")


@dataclass(frozen=True)
class _Node:
    name: str
    func: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    line: int
    path: str
    tags: tuple[str, ...] = ()
    ref: str | None = None  # the function's name in its module, when it is a plain name
    code: str | None = None  # where the function is defined, found from `ref` for each tree


@dataclass(frozen=True)
class _FileRead:
    """What one pipeline module's `create_pipeline` builds, read from its text alone. Remembered by
    content and shared between reviews, so it is immutable (frozen dataclasses, tuples); what depends
    on the rest of the tree (where an imported function is defined) is found afterwards, per review."""

    nodes: tuple[_Node, ...] = ()
    unresolved: tuple[str, ...] = ()
    functions: tuple[tuple[str, int], ...] = ()  # the module's functions and their lines, in order
    imports: tuple[tuple[str, int, str, str], ...] = ()  # (module, level, name there, name here), in order
    error: str | None = None  # why the module could not be read


@dataclass
class _Pipe:
    nodes: list[_Node] = field(default_factory=list)


@dataclass
class _Project:
    root: str  # "" for the repository root
    pipeline_files: list[str] = field(default_factory=list)
    registry: str | None = None


class _Unresolved(Exception):
    """Part of a pipeline the reader cannot know without running the code."""


def _parse(path: str, text: str) -> ast.Module:
    """The module; a template project's `{{ cookiecutter.python_package }}` is read as a name."""
    try:
        return parse_python(text, path)
    except SyntaxError:
        if not COOKIECUTTER.search(text):
            raise
        return parse_python(COOKIECUTTER.sub(lambda m: m.group(1), text), path)


def _callee(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    if len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
        return call.args[index]
    return _keyword(call, name)


def _string(node: ast.expr | None, what: str) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise _Unresolved(f"{what} computed at line {getattr(node, 'lineno', '?')}")


def _names(node: ast.expr | None, what: str) -> list[str]:
    """Dataset names of `inputs`/`outputs`: None, a string, a list/tuple/set of strings, or a dict
    (`{"arg": "dataset"}`, `dict(arg="dataset")`) whose values are the names."""
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [_string(e, what) for e in node.elts]
    if isinstance(node, ast.Dict) and None not in node.keys:
        return [_string(v, what) for v in node.values]
    if isinstance(node, ast.Call) and _callee(node.func) == "dict" and not node.args \
            and all(k.arg for k in node.keywords):
        return [_string(k.value, what) for k in node.keywords]
    raise _Unresolved(f"{what} computed at line {getattr(node, 'lineno', '?')}")


def _mapping(node: ast.expr | None, what: str) -> dict[str, str]:
    """A modular pipeline's `inputs`/`outputs`/`parameters`: names kept as they are, or renamed."""
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return {}
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {_string(k, what): _string(v, what) for k, v in zip(node.keys, node.values, strict=True)
                if k is not None}
    if isinstance(node, ast.Call) and _callee(node.func) == "dict" and not node.args \
            and all(k.arg for k in node.keywords):
        return {str(k.arg): _string(k.value, what) for k in node.keywords}
    return {n: n for n in _names(node, what)}


def _bare(dataset: str) -> str:
    """A transcoded dataset (`companies@pandas`, `companies@spark`) is one dataset."""
    return dataset.split("@", 1)[0]


def _builds_nodes_in_a_loop(node: ast.AST) -> bool:
    inner = node.value if isinstance(node, ast.Starred) else node
    return isinstance(inner, LOOPS) and any(isinstance(c, ast.Call) and _callee(c.func) in NODE_CALLS
                                            for c in ast.walk(inner))


def _inline(expr: ast.expr, local: dict[str, ast.expr]) -> ast.expr:
    """The expression with each local variable it reads replaced by what was assigned to it before."""
    class Inline(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.expr:
            return local.get(node.id, node) if isinstance(node.ctx, ast.Load) else node

    inlined: ast.expr = Inline().visit(copy.deepcopy(expr))
    if sum(1 for _ in ast.walk(inlined)) > MAX_INLINED:  # `b = a + a; c = b + b; ...` doubles each time
        return ast.Name(id="<too large to follow>", ctx=ast.Load(), lineno=expr.lineno, col_offset=0)
    return inlined


def _param(name: str) -> bool:
    return name == "parameters" or name.startswith("params:")


class _Reader:
    """The pipeline expressions of one module."""

    def __init__(self, path: str, tree: ast.Module) -> None:
        self.path = path
        self.unresolved: list[str] = []
        self.functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}

    def note(self, why: str) -> None:
        self.unresolved.append(f"{self.path}: {why}")

    def create_pipeline(self) -> _Pipe | None:
        func = self.functions.get("create_pipeline")
        if func is None:
            return None
        return self.function(func, 0)

    def function(self, func: ast.FunctionDef, depth: int) -> _Pipe:
        # Assignments are kept as expressions and read only when a returned pipeline uses them, so a
        # variable that is no pipeline (a logger, a setting) costs nothing.
        local: dict[str, ast.expr] = {}
        out = _Pipe()
        returned = False
        for statement in ast.walk(func):
            if not isinstance(statement, ast.Starred) and _builds_nodes_in_a_loop(statement):
                self.note(f"nodes built in a loop or comprehension at line {getattr(statement, 'lineno', '?')}")
        for statement in func.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                    and isinstance(statement.targets[0], ast.Name):
                local[statement.targets[0].id] = _inline(statement.value, local)
            elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name) \
                    and isinstance(statement.op, ast.Add):
                name = statement.target.id
                local[name] = ast.BinOp(left=local.get(name, statement.target), op=ast.Add(),
                                        right=_inline(statement.value, local), lineno=statement.lineno,
                                        col_offset=statement.col_offset)
            elif isinstance(statement, ast.Return) and statement.value is not None:
                found = self.maybe(_inline(statement.value, local), depth)
                out.nodes += found.nodes if found else []
                returned = True
        if not returned:
            self.note(f"`{func.name}` returns no pipeline the reader can follow")
        return out

    def maybe(self, expr: ast.expr, depth: int) -> _Pipe | None:
        try:
            return self.pipe(expr, depth)
        except _Unresolved as exc:
            self.note(str(exc))
            return None

    def pipe(self, expr: ast.expr, depth: int) -> _Pipe:
        if depth > MAX_DEPTH:
            raise _Unresolved(f"pipeline nested too deep at line {expr.lineno}")
        if isinstance(expr, ast.Name):
            raise _Unresolved(f"`{expr.id}` at line {expr.lineno} is not a pipeline of this function")
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            return _Pipe(self.pipe(expr.left, depth + 1).nodes + self.pipe(expr.right, depth + 1).nodes)
        if isinstance(expr, (ast.List, ast.Tuple)):
            nodes: list[_Node] = []
            for element in expr.elts:
                nodes += self.element(element, depth + 1)
            return _Pipe(nodes)
        if isinstance(expr, ast.Call):
            name = _callee(expr.func)
            if name in PIPELINE_CALLS:
                return self.pipeline_call(expr, depth)
            if isinstance(expr.func, ast.Name) and name in self.functions and name != "create_pipeline":
                return self.function(self.functions[name], depth + 1)  # a helper of this module
        raise _Unresolved(f"`{ast.unparse(expr)[:60]}` at line {expr.lineno} is not followed")

    def element(self, expr: ast.expr, depth: int) -> list[_Node]:
        if isinstance(expr, ast.Call) and _callee(expr.func) in NODE_CALLS:
            try:
                return [self.node(expr)]
            except _Unresolved as exc:
                self.note(str(exc))
                return []
        try:
            return self.pipe(expr.value if isinstance(expr, ast.Starred) else expr, depth).nodes
        except _Unresolved as exc:  # one element unknown: the others are still read
            if not _builds_nodes_in_a_loop(expr):  # said once already, for the loop
                self.note(str(exc))
            return []

    def node(self, call: ast.Call) -> _Node:
        if any(k.arg is None for k in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args):
            raise _Unresolved(f"node at line {call.lineno} takes `**`/`*` arguments")
        func = _argument(call, 0, "func")
        func_name = _dotted(func) if func is not None else None
        if func_name is None:
            func_name = "<lambda>" if isinstance(func, ast.Lambda) else None
        name_node = _keyword(call, "name") if len(call.args) < 4 else call.args[3]
        if name_node is not None and not (isinstance(name_node, ast.Constant) and name_node.value is None):
            name = _string(name_node, f"node name (line {call.lineno})")
        elif func_name and func_name != "<lambda>":
            name = func_name.rsplit(".", 1)[-1]
        else:
            raise _Unresolved(f"node at line {call.lineno} has no name and no named function")
        inputs = _names(_argument(call, 1, "inputs"), f"inputs of node `{name}`")
        outputs = _names(_argument(call, 2, "outputs"), f"outputs of node `{name}`")
        tags_node = _keyword(call, "tags") if len(call.args) < 5 else call.args[4]
        tags = _names(tags_node, f"tags of node `{name}`") if tags_node is not None else []
        namespace = _keyword(call, "namespace")
        node = _Node(name=name, func=func_name or name, inputs=tuple(inputs), outputs=tuple(outputs),
                     line=call.lineno, path=self.path, tags=tuple(tags),
                     ref=func.id if isinstance(func, ast.Name) else None)
        if namespace is not None and not (isinstance(namespace, ast.Constant) and namespace.value is None):
            return _namespaced(_Pipe([node]), _string(namespace, f"namespace of node `{name}`"),
                               {}, {}, {}).nodes[0]
        return node

    def pipeline_call(self, call: ast.Call, depth: int) -> _Pipe:
        if any(k.arg is None for k in call.keywords):
            raise _Unresolved(f"pipeline at line {call.lineno} takes `**` arguments")
        first = call.args[0] if call.args else _keyword(call, "pipe") or _keyword(call, "nodes")
        if first is None:
            raise _Unresolved(f"pipeline at line {call.lineno} has no nodes the reader can see")
        inner = self.pipe(first, depth + 1)
        namespace_node = _keyword(call, "namespace")
        namespace = None if namespace_node is None or (
            isinstance(namespace_node, ast.Constant) and namespace_node.value is None) \
            else _string(namespace_node, f"namespace (line {call.lineno})")
        inputs = _mapping(_keyword(call, "inputs"), f"inputs (line {call.lineno})")
        outputs = _mapping(_keyword(call, "outputs"), f"outputs (line {call.lineno})")
        parameters = _mapping(_keyword(call, "parameters"), f"parameters (line {call.lineno})")
        tags = _keyword(call, "tags")
        if tags is not None:
            extra = _names(tags, f"tags (line {call.lineno})")
            inner = _Pipe([dataclasses.replace(node, tags=(*node.tags, *extra)) for node in inner.nodes])
        if namespace is None and not (inputs or outputs or parameters):
            return inner
        return _namespaced(inner, namespace, inputs, outputs, parameters)


def _namespaced(pipe: _Pipe, namespace: str | None, inputs: dict[str, str], outputs: dict[str, str],
                parameters: dict[str, str]) -> _Pipe:
    """Kedro's modular pipeline: mapped datasets and parameters are renamed, the others prefixed."""
    def rename(name: str) -> str:
        bare, _, codec = name.partition("@")
        suffix = f"@{codec}" if codec else ""
        for mapping in (inputs, outputs):
            if bare in mapping:
                return mapping[bare] + suffix
        if name == "parameters":
            return name
        if name.startswith("params:"):
            mapped = parameters.get(name) or parameters.get(name.removeprefix("params:"))
            if mapped:
                return mapped if mapped.startswith("params:") else f"params:{mapped}"
            return f"params:{namespace}.{name.removeprefix('params:')}" if namespace else name
        return f"{namespace}.{bare}{suffix}" if namespace else name

    return _Pipe([dataclasses.replace(n, name=f"{namespace}.{n.name}" if namespace else n.name,
                                      inputs=tuple(rename(i) for i in n.inputs),
                                      outputs=tuple(rename(o) for o in n.outputs)) for n in pipe.nodes])


def _read_file(path: str, text: str) -> _FileRead:
    """The module's pipeline, once per path and content (the nodes and notes name the path)."""
    return remembered("kedro-pipeline-module", digest(path, text), functools.partial(_read_fresh, path, text))


def _read_fresh(path: str, text: str) -> _FileRead:
    try:
        tree = _parse(path, text)
    except (SyntaxError, ValueError, RecursionError) as exc:
        return _FileRead(error=type(exc).__name__)
    reader = _Reader(path, tree)
    pipe = reader.create_pipeline()
    imports = tuple((node.module, node.level, alias.name, alias.asname or alias.name) for node in tree.body
                    if isinstance(node, ast.ImportFrom) and node.module for alias in node.names)
    return _FileRead(nodes=tuple(pipe.nodes) if pipe else (), unresolved=tuple(reader.unresolved),
                     functions=tuple((name, f.lineno) for name, f in reader.functions.items()), imports=imports)


def _defined(module: str, text: str) -> tuple[tuple[str, int], ...]:
    """The functions a module defines, each with the line of its first definition; once per content."""
    def compute() -> tuple[tuple[str, int], ...]:
        try:
            tree = _parse(module, text)
        except (SyntaxError, ValueError, RecursionError):
            return ()
        defined: dict[str, int] = {}
        for f in tree.body:
            if isinstance(f, ast.FunctionDef):
                defined.setdefault(f.name, f.lineno)
        return tuple(defined.items())

    return remembered("kedro-module-functions", digest(module, text), compute)


class _Code:
    """Where the functions that nodes run are defined: in their own module, or in a module of the tree
    it imports them from (each such module read and parsed once per tree)."""

    def __init__(self, paths: list[str], read: ReadText) -> None:
        self.paths, self.read = paths, read
        self._modules: dict[str, dict[str, int]] = {}  # module file -> its functions' lines

    def located(self, path: str, found: _FileRead) -> list[_Node]:
        functions = dict(found.functions)
        imported: dict[str, tuple[str, str]] = {}  # local name -> (module file, name there)
        for module, level, name, local in found.imports:
            file = _module_file(path, module, level, self.paths)
            if file:
                imported[local] = (file, name)
        return [dataclasses.replace(node, code=self._code(path, node.ref, functions, imported))
                for node in found.nodes]

    def _code(self, path: str, ref: str | None, functions: dict[str, int],
              imported: dict[str, tuple[str, str]]) -> str | None:
        if ref is None:
            return None
        if ref in functions:
            return file_locator(path, functions[ref])
        module, name = imported.get(ref, ("", ""))
        line = self._defined(module).get(name) if module else None
        return file_locator(module, line) if line is not None else None

    def _defined(self, module: str) -> dict[str, int]:
        if module not in self._modules:
            text = self.read(module)
            self._modules[module] = dict(_defined(module, text)) if text is not None else {}
        return self._modules[module]


def _module_file(path: str, module: str, level: int, paths: list[str]) -> str | None:
    """The tree's file of an imported module: relative to the importing file (`from .nodes import f`),
    or, for an absolute import, the one file whose path ends as the module does below its package."""
    parts = module.split(".")
    if level:
        folder = path.split("/")[:-level] if "/" in path else []
        base = "/".join([*folder, *parts])
        return next((p for p in (f"{base}.py", f"{base}/__init__.py") if p in paths), None)
    tails = ("/".join(parts[1:]) + ".py", "/".join(parts[1:]) + "/__init__.py") if len(parts) > 1 else ()
    found = [p for p in paths if any(p.endswith("/" + t) for t in tails)]
    return found[0] if len(found) == 1 else None


# -- projects ------------------------------------------------------------------------------------

def _dir(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _under(path: str, folder: str) -> bool:
    return not folder or path.startswith(folder + "/")


def _project_root(path: str, conf_roots: set[str]) -> str | None:
    folder = _dir(path)
    while True:
        if folder in conf_roots:
            return folder
        if not folder:
            return None
        folder = _dir(folder)


@dataclass(frozen=True)
class _Registry:
    """What the reader takes from a `pipeline_registry.py`, once per content (shared, so immutable)."""

    finds: bool  # it calls `find_pipelines()`
    imported: tuple[tuple[str, str], ...]  # local name -> module, dotted, relative to the package
    calls: tuple[str | None, ...]  # what each `create_pipeline` call is called on; None: not a name


def _registry(path: str, text: str) -> _Registry | None:
    """None when the registry does not parse."""
    def compute() -> _Registry | None:
        try:
            tree = _parse(path, text)
        except (SyntaxError, ValueError):
            return None
        imported: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                parts = module.split(".") if module else []
                if not node.level and parts:
                    parts = parts[1:]  # the package's own name (its folder may be rendered differently)
                for alias in node.names:
                    target = [*parts, alias.name] if alias.name != "create_pipeline" else parts
                    imported[alias.asname or alias.name] = "/".join(target)
        calls: list[str | None] = []
        for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
            if _callee(call.func) == "create_pipeline":
                owner = call.func.value if isinstance(call.func, ast.Attribute) else call.func
                calls.append(None if isinstance(owner, ast.Attribute) else _dotted(owner) or "")
        finds = any(isinstance(n, ast.Call) and _callee(n.func) == "find_pipelines" for n in ast.walk(tree))
        return _Registry(finds=finds, imported=tuple(imported.items()), calls=tuple(calls))

    return remembered("kedro-registry", digest(path, text), compute)


def _registered(registry: str, text: str, candidates: list[str], notes: list[str]) -> list[str]:
    """The pipeline modules the registry registers: `find_pipelines()` finds every `pipelines/<name>`
    module of the package; an explicit registry the modules whose `create_pipeline` it calls."""
    package = _dir(registry)
    mine = [p for p in candidates if _under(p, package)]
    facts = _registry(registry, text)
    if facts is None:
        notes.append(f"{registry}: not readable; every pipeline module of the package is read")
        return mine
    if facts.finds:
        found = [p for p in mine if p.startswith(f"{package}/pipelines/" if package else "pipelines/")]
        called = _explicit(facts, package, mine)
        return list(dict.fromkeys(found + (called or [])))
    called = _explicit(facts, package, mine)
    if called is None:
        notes.append(f"{registry}: a registered pipeline comes from code the reader does not follow; "
                     "every pipeline module of the package is read")
        return mine
    return called


def _explicit(facts: _Registry, package: str, mine: list[str]) -> list[str] | None:
    """Modules whose `create_pipeline` the registry calls (`ds.create_pipeline()` with `ds` imported,
    or an imported `create_pipeline`); None when a call goes somewhere the reader cannot find."""
    imported = dict(facts.imported)
    found: list[str] = []
    for owner in facts.calls:
        called = imported.get(owner) if owner is not None else None
        if called is None:
            return None
        base = f"{package}/{called}" if package else called
        match = [p for p in mine if p in (f"{base}.py", f"{base}/__init__.py", f"{base}/pipeline.py")]
        if not match:
            return None
        found += match
    return list(dict.fromkeys(found))


def _projects(paths: list[str], texts: dict[str, str]) -> list[_Project]:
    prefixes = {q[: q.find("conf/base/")] for q in paths if "conf/base/" in q}
    conf_roots = {p.rstrip("/") for p in prefixes if not p or p.endswith("/")}
    projects: dict[str, _Project] = {}
    for path in sorted(texts):
        root = _project_root(path, conf_roots)
        key = root if root is not None else _dir(path)
        project = projects.setdefault(key, _Project(root=key))
        if path.endswith("pipeline_registry.py") and project.registry is None:
            project.registry = path
        elif "def create_pipeline" in texts[path]:
            project.pipeline_files.append(path)
    return [p for p in projects.values() if p.pipeline_files]


def _config(root: str, paths: list[str], read: ReadText, pattern: re.Pattern[str],
            notes: list[str]) -> list[tuple[str, str, Any]]:
    """conf/base files of one kind, in name order, with their text and YAML content."""
    base = f"{root}/conf/base/" if root else "conf/base/"
    out: list[tuple[str, str, Any]] = []
    for path in sorted(p for p in paths if p.startswith(base) and pattern.search(p[len(base):])):
        text = read(path)
        if text is None:
            continue
        try:
            out.append((path, text, load_yaml(text, path)))
        except (ValueError, yaml.YAMLError, RecursionError) as exc:  # one file, not the project
            notes.append(f"{path}: not readable ({type(exc).__name__})")
    return out


def _params(files: list[tuple[str, str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    params: dict[str, str] = {}
    locators: dict[str, str] = {}
    for path, text, data in files:
        for key, value in flatten(data if isinstance(data, dict) else {}).items():
            if key in params:
                continue
            params[key] = value
            line = key_line(text, key)
            locators[key] = file_locator(path, line)
    return params, locators


def _catalog(files: list[tuple[str, str, Any]]) -> dict[str, str]:
    """Dataset name -> where it lives (its `filepath`, else its `type`); `{pattern}` factories are left out."""
    out: dict[str, str] = {}
    for _, _, data in files:
        for name, entry in (data or {}).items() if isinstance(data, dict) else []:
            if not isinstance(name, str) or name.startswith("_") or "{" in name or not isinstance(entry, dict):
                continue
            where = entry.get("filepath") or entry.get("path") or entry.get("table_name") or entry.get("type")
            if where:
                out.setdefault(name, str(where))
    return out


def _stage_params(inputs: tuple[str, ...], params: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in inputs:
        if name == "parameters":
            out.update(params)
        elif name.startswith("params:"):
            key = name.removeprefix("params:")
            out.update({k: v for k, v in params.items() if k == key or k.startswith(key + ".")})
    return out


def _graph(project: _Project, nodes: list[_Node], params: dict[str, str], locators: dict[str, str],
           catalog: dict[str, str], unresolved: list[str], where: Literal["head", "base"]) -> PipelineGraph:
    stages: list[Stage] = []
    writers: dict[str, list[str]] = {}
    seen: set[str] = set()
    for node in nodes:
        if node.name in seen:
            continue  # the same node in two registered pipelines runs once in the default one
        seen.add(node.name)
        data_in = [i for i in node.inputs if not _param(i)]
        bare_name = node.name.rsplit(".", 1)[-1]
        function = node.func.rsplit(".", 1)[-1]
        aliases = [a for a in dict.fromkeys([bare_name, function]) if a != node.name and a != "<lambda>"]
        stages.append(Stage(name=node.name, kind=node.func, aliases=aliases,
                            params=_stage_params(node.inputs, params),
                            inputs=[catalog.get(_bare(i), i) for i in data_in],
                            outputs=[catalog.get(_bare(o), o) for o in node.outputs],
                            locator=file_locator(node.path, node.line), code=node.code))
        for output in node.outputs:
            writers.setdefault(_bare(output), []).append(node.name)
    edges: list[Edge] = []
    done: set[tuple[str, str]] = set()
    for node in nodes:
        for dataset in node.inputs:
            for writer in writers.get(_bare(dataset), []):
                if writer != node.name and (writer, node.name) not in done:
                    done.add((writer, node.name))
                    edges.append(Edge(upstream=writer, downstream=node.name))
    source = project.registry or project.pipeline_files[0]
    name = _dir(source).rsplit("/", 1)[-1] or source
    return PipelineGraph(name=name, where=where, format="kedro", source=source, stages=stages, edges=edges,
                         params=params, param_locators=locators, unresolved=list(dict.fromkeys(unresolved)))


def looks_like_kedro(text: str) -> bool:
    return "kedro" in text and ("create_pipeline" in text or "register_pipelines" in text)


def read_kedro(paths: list[str], read: ReadText, where: Literal["head", "base"]) -> list[PipelineGraph]:
    """One graph per Kedro project of the tree. `paths` are the tree's files, `read` reads one."""
    texts: dict[str, str] = {}
    for path in [p for p in paths if p.endswith(".py") and "pipeline" in p.lower()][:MAX_FILES]:
        text = read(path)
        if text is not None and looks_like_kedro(text):
            texts[path] = text
    graphs: list[PipelineGraph] = []
    code = _Code(paths, read)
    for project in _projects(paths, texts):
        notes: list[str] = []
        files = project.pipeline_files
        if project.registry is not None:
            files = _registered(project.registry, texts[project.registry], files, notes)
        nodes: list[_Node] = []
        for path in files:
            found = _read_file(path, texts[path])
            if found.error is not None:
                notes.append(f"{path}: not readable ({found.error})")
                continue
            notes += found.unresolved
            nodes += code.located(path, found)
        if not nodes and not notes:
            continue
        params, locators = _params(_config(project.root, paths, read, PARAMS_FILE, notes))
        catalog = _catalog(_config(project.root, paths, read, CATALOG_FILE, notes))
        graphs.append(_graph(project, nodes, params, locators, catalog, notes, where))
    return graphs
