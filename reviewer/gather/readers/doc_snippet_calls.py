"""Python examples in Markdown docs that call the repository's own classes in ways their code refuses.

A README's `from aequitas.flow import DefaultExperiment` then `DefaultExperiment(dataset, label="label",
s="attr")`, when `DefaultExperiment.__init__` has no `label` and no `**kwargs`; `DefaultExperiment.from_pandas(...)`
when no class in its hierarchy defines `from_pandas`; `model = FairGBM()` then `model.predict_proba(X, y, s)`
when `predict_proba(self, X, s=None)` takes two: whoever copies the example gets TypeError or AttributeError.

Read statically: the example is parsed, never run, and the class is followed through the package's imports to
its definition. Judged only when the whole hierarchy is visible in the repository (bases from other libraries,
metaclasses, class decorators such as `@dataclass`, `__new__`, `__getattr__`, decorated methods leave it
unjudged) and only on example lines the change adds.
"""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.doc_snippets import PYTHON_FENCES, _module_file, _parse, changed_docs
from custody.reviewer.gather.readers.markdown_blocks import parse_blocks
from custody.reviewer.model.evidence.design import SnippetCall
from custody.reviewer.model.evidence.diff import FileChange

MAX_DEPTH = 6
NEUTRAL_BASES = {"object", "ABC", "Generic", "Protocol"}
PLAIN_DECORATORS = {"classmethod", "staticmethod", "abstractmethod", "property", "override"}
Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class _Class:
    path: str
    node: ast.ClassDef


class _Resolver:
    """Follows a name imported from the repository's package to the class that defines it."""

    def __init__(self, head_paths: set[str], read_head: Callable[[str], str | None]) -> None:
        self.paths = head_paths
        self.read_head = read_head
        self.trees: dict[str, ast.Module | None] = {}

    def tree(self, path: str) -> ast.Module | None:
        if path not in self.trees:
            text = self.read_head(path)
            try:
                self.trees[path] = parse_python(text, path) if text is not None else None
            except (SyntaxError, ValueError):
                self.trees[path] = None
        return self.trees[path]

    def _relative(self, path: str, level: int, module: str | None) -> str | None:
        package = posixpath.dirname(path)
        for _ in range(level - 1):
            package = posixpath.dirname(package)
        stem = posixpath.join(package, *(module or "").split(".")) if module else package
        for candidate in (f"{stem}/__init__.py", f"{stem}.py"):
            if candidate in self.paths:
                return candidate
        return None

    def find(self, path: str, name: str, depth: int = 0) -> _Class | None:
        """The class `name` is bound to at the top level of the file `path`; None when it is anything else."""
        tree = self.tree(path)
        if tree is None or depth > MAX_DEPTH:
            return None
        found: _Class | None = None
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                found = _Class(path, node)
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if (alias.asname or alias.name) != name:
                        continue
                    target = self._relative(path, node.level, node.module) if node.level else \
                        _module_file(node.module or "", self.paths)
                    found = self.find(target, alias.name, depth + 1) if target else None
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.Import)) and name in _binds(node):
                found = None  # rebound to something this reader does not follow
        return found

    def missing(self, path: str, names: list[str]) -> list[str]:
        """The names an import asks of the module file `path` that it does not bind anywhere at module level (nor
        as a submodule); none when the module can bind names dynamically (`import *`, `__getattr__`, `globals()`)."""
        tree = self.tree(path)
        if tree is None:
            return []
        bound: set[str] = set()
        for node in _module_level(tree):
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                return []
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "__getattr__":
                return []
            if isinstance(node, ast.Name) and node.id in ("globals", "setattr", "vars"):
                return []
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                bound.add(node.id)
        package = posixpath.dirname(path) if path.endswith("/__init__.py") else None
        submodules = {n for n in names if package and (f"{package}/{n}.py" in self.paths
                                                       or f"{package}/{n}/__init__.py" in self.paths)}
        return [n for n in names if n != "*" and n not in bound and n not in submodules]

    def hierarchy(self, cls: _Class, depth: int = 0) -> list[_Class] | None:
        """The class and its bases in lookup order (depth first, enough for single-chain hierarchies); None
        when any part of it is not visible or could change how calls and attributes resolve."""
        node = cls.node
        if depth > MAX_DEPTH or node.keywords or node.decorator_list:
            return None
        own = {n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        if own & {"__new__", "__getattr__", "__getattribute__", "__init_subclass__", "__call__"}:
            return None
        chain = [cls]
        for base in node.bases:
            name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else None
            if name in NEUTRAL_BASES:
                continue
            parent = self.find(cls.path, name) if name else None
            if parent is None:
                return None
            above = self.hierarchy(parent, depth + 1)
            if above is None:
                return None
            chain += [c for c in above if c not in chain]
        return chain


def _module_level(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of a module outside its function and class bodies (the definitions themselves included)."""
    for node in ast.iter_child_nodes(tree):
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            yield from _module_level(node)


def _binds(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.Assign):
        return {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return {node.target.id}
    if isinstance(node, ast.FunctionDef):
        return {node.name}
    if isinstance(node, ast.Import):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    return set()


def _member(chain: list[_Class], name: str) -> tuple[_Class, ast.stmt] | None:
    for cls in chain:
        for node in cls.node.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
                return cls, node
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and name in _binds(node):
                return cls, node
    return None


def _instance_attributes(chain: list[_Class]) -> set[str]:
    return {n.attr for cls in chain for n in ast.walk(cls.node)
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}


def _decorators(function: Function) -> set[str] | None:
    names = set()
    for decorator in function.decorator_list:
        name = decorator.id if isinstance(decorator, ast.Name) else \
            decorator.attr if isinstance(decorator, ast.Attribute) else None
        if name not in PLAIN_DECORATORS:
            return None  # a wrapper may change the signature
        names.add(name)
    return names


def _refusal(function: Function, call: ast.Call, bound: bool) -> str | None:
    """Why the call cannot bind to the function's parameters; None when it can or when that is not knowable."""
    args = function.args
    positional = [a.arg for a in [*args.posonlyargs, *args.args]][1 if bound else 0:]
    if not any(isinstance(a, ast.Starred) for a in call.args) and args.vararg is None \
            and len(call.args) > len(positional):
        return (f"takes {len(positional)} positional argument{'s' if len(positional) != 1 else ''} "
                f"({', '.join(positional) or 'none'}) but the example passes {len(call.args)}")
    if args.kwarg is None and all(k.arg is not None for k in call.keywords):
        names = {a.arg for a in [*args.args, *args.kwonlyargs]}
        unknown = [k.arg for k in call.keywords if k.arg not in names]
        if unknown:
            shown = ", ".join(f"`{u}`" for u in unknown)
            takes = ", ".join(sorted(names - {"self", "cls"})) or "none"
            return f"has no parameter {shown} and no `**kwargs` (it takes {takes})"
    return None


def _signature_call(function: Function, call: ast.Call, kind: str) -> str | None:
    decorators = _decorators(function)
    if decorators is None or "property" in decorators:
        return None
    bound = "staticmethod" not in decorators if kind == "instance" else "classmethod" in decorators
    if kind == "class" and not decorators & {"classmethod", "staticmethod"}:
        return None  # `Class.method(instance, ...)`: unusual, not judged
    return _refusal(function, call, bound)


def _snippet_calls(path: str, text: str, added: set[int], resolver: _Resolver) -> Iterator[SnippetCall]:
    for fence in parse_blocks(text).fences:
        if fence.lang not in PYTHON_FENCES:
            continue
        span = set(range(fence.first_line, fence.first_line + len(fence.lines)))
        tree = _parse(fence, path) if span & added else None
        if tree is None:
            continue
        classes: dict[str, list[_Class]] = {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                file = _module_file(node.module, resolver.paths)
                line = fence.first_line + node.lineno - 1
                if file and line in added:
                    for name in resolver.missing(file, [a.name for a in node.names]):
                        yield SnippetCall(path=path, line=line, name=name, defined_at=file,
                                          problem=f"`{node.module}` neither defines nor imports `{name}`",
                                          code=fence.lines[node.lineno - 1].strip()[:160], error="ImportError")
                for alias in node.names if file else []:
                    cls = resolver.find(file, alias.name) if file else None
                    chain = resolver.hierarchy(cls) if cls else None
                    if chain:
                        classes[alias.asname or alias.name] = chain
        if not classes:
            continue
        instances: dict[str, list[_Class]] = {}
        assigned: dict[str, int] = {}
        for target in ast.walk(tree):
            if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
                assigned[target.id] = assigned.get(target.id, 0) + 1
        for statement in tree.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                    and isinstance(statement.targets[0], ast.Name) and isinstance(statement.value, ast.Call) \
                    and isinstance(statement.value.func, ast.Name) and statement.value.func.id in classes \
                    and assigned.get(statement.targets[0].id) == 1:
                instances[statement.targets[0].id] = classes[statement.value.func.id]
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or fence.first_line + call.lineno - 1 not in added:
                continue
            found = _judge(call, classes, instances)
            if found is not None:
                subject, problem, where = found
                line = fence.first_line + call.lineno - 1
                yield SnippetCall(path=path, line=line, name=subject, problem=problem, defined_at=where,
                                  code=fence.lines[call.lineno - 1].strip()[:160],
                                  error="AttributeError" if " define no " in problem else "TypeError")


def _judge(call: ast.Call, classes: dict[str, list[_Class]],
           instances: dict[str, list[_Class]]) -> tuple[str, str, str] | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id in classes:
        chain = classes[func.id]
        found = _member(chain, "__init__")
        if found is None or not isinstance(found[1], (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        owner, init = found[0], found[1]
        problem = _refusal(init, call, bound=True) if _decorators(init) == set() else None
        if problem:
            return func.id, f"`{owner.node.name}.__init__` {problem}", f"{owner.path}:{init.lineno}"
        return None
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    holder = func.value.id
    kind = "class" if holder in classes else "instance" if holder in instances else None
    if kind is None:
        return None
    chain = classes[holder] if kind == "class" else instances[holder]
    top = chain[0]
    found = _member(chain, func.attr)
    if found is None:
        if kind == "instance" and func.attr in _instance_attributes(chain):
            return None  # an attribute set at run time may hold a callable
        bases = ", ".join(c.node.name for c in chain[1:])
        return (func.attr, f"`{top.node.name}`{f' (and its bases {bases})' if bases else ''} define no "
                           f"`{func.attr}`", f"{top.path}:{top.node.lineno}")
    owner, member = found
    if not isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    problem = _signature_call(member, call, kind)
    if problem:
        return func.attr, f"`{owner.node.name}.{func.attr}` {problem}", f"{owner.path}:{member.lineno}"
    return None


def refused_snippet_calls(changes: list[FileChange], texts: dict[str, str], head_paths: list[str],
                          read_head: Callable[[str], str | None]) -> list[SnippetCall]:
    """Calls in the Python examples of changed Markdown docs (on added lines) that the repository's own classes
    cannot accept: unknown keywords, too many positional arguments, attributes no class in the hierarchy has."""
    resolver = _Resolver(set(head_paths), read_head)
    found: list[SnippetCall] = []
    for path, text, added in changed_docs(changes, texts):
        found += _snippet_calls(path, text, added, resolver)
    return found
