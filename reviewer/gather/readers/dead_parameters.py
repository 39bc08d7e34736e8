"""Constructor parameters of a changed Python class that the change leaves without effect: added to a
constructor the base already had and only stored in an attribute nothing reads, or read by the base
constructor and no longer by the head one.

A caller passing such a parameter believes it takes effect (`use_flash_attn=False`, `num_classes=10`),
and nothing in the program tells them otherwise. A parameter only stored on the instance
(`self.use_flash_attn = use_flash_attn`) is dead when no method of that class, of a class it derives
from or of one deriving from it reads the attribute, no code reads it off another object and no string
names it (`getattr`, hyper-parameter dictionaries). Everything here is static: files are parsed, never
imported. Whatever cannot be sure is left alone: stubs and abstract methods, functions that read their
arguments generically (`locals()`, `save_hyperparameters()`), classes that read their attributes
generically (`vars(self)`, `__getattr__`) or derive from a base outside the repository that may read
them, configuration classes (whose job is to hold values), and parameters the function's own text
calls deprecated or unused.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.parameters import DeadParameter

TEST_PATH = re.compile(r"(^|/)(tests?/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)")
# Words in a function's own text that say a parameter is kept on purpose without effect.
KEPT_ON_PURPOSE = re.compile(r"(?i)deprecat|\bunused\b|\bignored\b|no (?:longer )?(?:effect|used)|not used|"
                             r"backward|compatib|placeholder|\bTODO\b|\bFIXME\b")
# Calls that read a function's arguments without naming them.
GENERIC_ARGUMENTS = {"locals", "save_hyperparameters", "signature", "getcallargs", "_getframe", "currentframe"}
# Classes whose job is to hold values: what they store is read by whoever holds them.
HOLDER_CLASS = re.compile(r"(?:Config|Configuration|Args|Arguments|Options|Settings|Params|Parameters|Spec|"
                          r"Hparams|HParams|State|Context|Record|Result|Info|Meta|Event|Message|Error|Exception)$")
# Bases that read no attribute a subclass sets (besides their own state, below).
INERT_BASES = {"object", "Module", "nn.Module", "torch.nn.Module", "ABC", "abc.ABC", "Generic"}
INERT_BASE_STATE = {"training"}
CLASS_LINE = re.compile(r"^[ \t]*class[ \t]+(?P<name>\w+)[ \t]*(?:\((?P<bases>[^)]*)\))?[ \t]*:", re.MULTILINE)
STUB_CALLS = {"NotImplementedError", "NotImplemented"}
MAX_FOUND = 20

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass
class _Scope:
    qualname: str
    function: Function
    owner: ast.ClassDef


def dead_parameters(
    changes: Iterable[FileChange],
    read_base: Callable[[str], str | None],
    head_texts: dict[str, str],
    python_texts: dict[str, str],
    *,
    complete: bool,
) -> list[DeadParameter]:
    """Dead parameters of the constructors of modified Python files (not tests) that the base has too;
    `python_texts` (path -> head text) are the repository's Python files, where attribute reads are looked
    for. Unless they are all of them (`complete`), an attribute a parameter is stored in may be read in a file
    not given: only parameters the constructor neither reads nor stores are then found."""
    found: list[DeadParameter] = []
    reads = _Reads(python_texts, complete)
    for change in changes:
        if change.binary or change.status not in ("modified", "renamed") or not change.path.endswith(".py"):
            continue
        if TEST_PATH.search(change.path):
            continue
        head_text, base_text = head_texts.get(change.path), read_base(change.old_path or change.path)
        head, base = parse_or_none(head_text, change.path), parse_or_none(base_text, change.path)
        if head is None or base is None or head_text is None:
            continue
        before = {s.qualname: s for s in _scopes(base)}
        for scope in _scopes(head):
            old = before.get(scope.qualname)
            if old is None:
                continue
            if _unsure(scope, head_text):  # cheap, on this file alone: before looking for reads elsewhere
                continue
            found += _dead(change.path, scope, old, reads)
            if len(found) >= MAX_FOUND:
                return found
    return found


def parse_or_none(text: str | None, path: str) -> ast.Module | None:
    if text is None:
        return None
    try:
        return parse_python(text, path)
    except (SyntaxError, ValueError):
        return None


def _scopes(tree: ast.Module) -> Iterator[_Scope]:
    """The constructors of module-level classes. A plain function or method keeps unused parameters for many
    good reasons (a callback's or an override's fixed signature, a refactor's harmless remnant); a constructor's
    parameters configure the object its caller builds."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == "__init__":
                    yield _Scope(f"{node.name}.{item.name}", item, node)


def _parameters(scope: _Scope) -> list[str]:
    args = scope.function.args
    positional = [*args.posonlyargs, *args.args][1:]  # not self
    return [a.arg for a in [*positional, *args.kwonlyargs] if not a.arg.startswith("_")]


def decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""


def _unsure(scope: _Scope, text: str) -> bool:
    function = scope.function
    decorators = {decorator_name(d) for d in function.decorator_list}
    if decorators & {"abstractmethod", "overload"}:
        return True
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if not body or all(is_stub_statement(s) for s in body):
        return True
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and called_name(node) in GENERIC_ARGUMENTS:
            return True
        if isinstance(node, ast.Call) and called_name(node) == "vars" and not node.args:
            return True
    if HOLDER_CLASS.search(scope.owner.name) or _generic_attributes(scope.owner):
        return True
    segment = ast.get_source_segment(text, function) or ""
    return KEPT_ON_PURPOSE.search(segment) is not None


def is_stub_statement(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):  # a docstring, `...`
        return True
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        return isinstance(raised, ast.Name) and raised.id in STUB_CALLS
    return False


def called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _generic_attributes(owner: ast.ClassDef) -> bool:
    """Whether the class reads or lists its attributes without naming them."""
    for node in ast.walk(owner):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in {
                "__getattr__", "__getattribute__", "__getstate__", "__reduce__", "__reduce_ex__"}:
            return True
        if isinstance(node, ast.Attribute) and node.attr in {"__dict__", "__slots__"}:
            return True
        if isinstance(node, ast.Call) and called_name(node) in {"vars", "asdict", "fields", "getattr"} and not (
                called_name(node) == "getattr" and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)):
            return True
    return False


@dataclass
class _Usage:
    reads: dict[str, list[ast.Name]]  # name -> where the body reads it (or deletes it), stores on `self` aside
    stored: dict[str, list[str]]  # name -> the attributes it is stored in (`self.x = name`)


def _usage(function: Function, own: str | None) -> _Usage:
    """One walk of the body: where each name is read other than to be stored on the instance, and the attributes
    each name is stored in."""
    stored: dict[str, list[str]] = {}
    stores: set[int] = set()
    names: list[ast.Name] = []
    for node in (n for statement in function.body for n in ast.walk(statement)):
        if isinstance(node, ast.Name):
            names.append(node)
            continue
        pairs: list[tuple[ast.expr, ast.expr]] = []
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) \
                        and len(target.elts) == len(node.value.elts):
                    pairs += list(zip(target.elts, node.value.elts, strict=True))
                else:
                    pairs.append((target, node.value))
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            pairs.append((node.target, node.value))
        for target, value in pairs:
            if (own is not None and isinstance(value, ast.Name) and isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name) and target.value.id == own):
                stored.setdefault(value.id, []).append(target.attr)
                stores.add(id(value))
    reads: dict[str, list[ast.Name]] = {}
    for name in names:
        if isinstance(name.ctx, (ast.Load, ast.Del)) and id(name) not in stores:
            reads.setdefault(name.id, []).append(name)
    return _Usage(reads, stored)


def _dead(path: str, scope: _Scope, old: _Scope, reads: _Reads) -> Iterator[DeadParameter]:
    own = _self_name(scope)
    old_params = set(_parameters(old))
    usage = _usage(scope.function, own)
    earlier: _Usage | None = None
    old_order = _parameters(old)
    for index, name in enumerate(_parameters(scope)):
        stored = usage.stored.get(name, [])
        if usage.reads.get(name):  # read (or deleted: set aside on purpose)
            continue
        added = name not in old_params
        if added and not stored:
            continue  # a new parameter nothing reads and nothing stores: a signature shared with siblings
        earlier = earlier or _usage(old.function, _self_name(old))
        renamed = old_order[index] if added and index < len(old_order) else None
        if renamed and renamed not in _parameters(scope) and not earlier.reads.get(renamed):
            continue  # renamed in place from a parameter the base did not read either: not this change's doing
        before = [] if added else earlier.reads.get(name, [])
        if not added and not before:
            continue  # dead in the base too: not this change's doing
        if stored and any(reads.read(attr, scope.owner.name) for attr in stored):
            continue
        where = f"{own}.{stored[0]}" if stored and own else None
        if added:
            yield DeadParameter(path=path, function=scope.qualname, parameter=name, line=scope.function.lineno,
                                how="added", stored_as=where)
            continue
        statement = _statement(old.function, before[0])
        target = _target(statement)
        after = _assigning(scope.function, target) if target else None
        yield DeadParameter(
            path=path, function=scope.qualname, parameter=name, line=scope.function.lineno, how="orphaned",
            stored_as=where, base_use=_short(statement), base_line=statement.lineno,
            head_use=_short(after) if after else None, head_line=after.lineno if after else None)


def _self_name(scope: _Scope) -> str | None:
    args = [*scope.function.args.posonlyargs, *scope.function.args.args]
    return args[0].arg if args else None


def _statement(function: Function, node: ast.AST) -> ast.stmt:
    """The innermost statement of `function` that holds `node`."""
    holding = [s for s in ast.walk(function) if isinstance(s, ast.stmt) and s is not function
               and any(n is node for n in ast.walk(s))]
    return min(holding, key=lambda s: ((s.end_lineno or s.lineno) - s.lineno, -s.lineno), default=function)


def _target(statement: ast.stmt) -> str | None:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        return ast.unparse(statement.targets[0])
    if isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        return ast.unparse(statement.target)
    return None


def _assigning(function: Function, target: str) -> ast.stmt | None:
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(ast.unparse(t) == target for t in node.targets):
            return node
        if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and ast.unparse(node.target) == target:
            return node
    return None


def _short(node: ast.AST, limit: int = 100) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class _FileReads:
    """What one file may read of instances, by attribute name: the strings it holds that could name an
    attribute (`getattr(model, "x")`, a hyper-parameter dictionary's keys) and each attribute load, with
    the innermost class it sits in and whether it is on `self`/`cls`. Remembered by content and shared
    between reviews, so it is immutable."""

    names: frozenset[str]
    loads: frozenset[tuple[str, str | None, bool]]  # (attribute, enclosing class, on self/cls)

    def reads(self, attribute: str, related: set[str]) -> bool:
        """A read of `attribute`: on `self`/`cls` inside one of the `related` classes, on any other object
        anywhere, or a string naming it."""
        return attribute in self.names or any(
            name == attribute and (not own or owner is None or owner in related) for name, owner, own in self.loads)


def _file_reads(path: str, text: str) -> _FileReads | None:
    """The file's attribute reads, once per content; None when it does not parse."""
    return remembered("dead-parameters-reads", digest(text), functools.partial(_read_file, path, text))


def _read_file(path: str, text: str) -> _FileReads | None:
    tree = parse_or_none(text, path)
    if tree is None:
        return None
    names = frozenset(node.value for node in ast.walk(tree)
                      if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier())
    loads = frozenset((node.attr, owner, isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
                      for owner, node in _attribute_loads(tree))
    return _FileReads(names, loads)


class _Reads:
    """Reads of instance attributes across the repository's Python files, each file read only when it
    names the attribute asked about."""

    def __init__(self, texts: dict[str, str], complete: bool) -> None:
        self.texts = texts
        self.complete = complete  # the texts are all of the repository's Python files
        self._bases: dict[str, set[str]] | None = None

    def bases(self) -> dict[str, set[str]]:
        """Every class of the repository by name, with the names of its bases (read off the `class` lines)."""
        if self._bases is None:
            self._bases = {}
            for text in self.texts.values():
                for found in CLASS_LINE.finditer(text):
                    names = {b.split("[")[0].strip() for b in (found["bases"] or "").split(",")}
                    self._bases.setdefault(found["name"], set()).update(
                        n for n in names if n and "=" not in n and n != "object")
        return self._bases

    def related(self, owner: str) -> set[str] | None:
        """The class, its ancestors and its descendants; None when an ancestor lies outside the repository
        (a framework base may read what the class stores)."""
        bases = self.bases()
        ancestors: set[str] = set()
        todo = [owner]
        while todo:
            for base in bases.get(todo.pop(), set()):
                simple = base.rsplit(".", 1)[-1]
                if base in INERT_BASES or simple in ancestors:
                    continue
                if simple not in bases:
                    return None
                ancestors.add(simple)
                todo.append(simple)
        descendants: set[str] = set()
        todo = [owner]
        while todo:
            current = todo.pop()
            for name, parents in bases.items():
                if name not in descendants and any(p.rsplit(".", 1)[-1] == current for p in parents):
                    descendants.add(name)
                    todo.append(name)
        return {owner} | ancestors | descendants

    def read(self, attribute: str, owner: str) -> bool:
        """Whether anything may read `attribute` of an instance of class `owner`."""
        if attribute in INERT_BASE_STATE or attribute.startswith("__") or not self.complete:
            return True  # a file not read may read it
        related = self.related(owner)
        if related is None:
            return True
        for path, text in self.texts.items():
            if attribute not in text:
                continue
            reads = _file_reads(path, text)
            if reads is None or reads.reads(attribute, related):
                return True
        return False


def _attribute_loads(tree: ast.AST, owner: str | None = None) -> Iterator[tuple[str | None, ast.Attribute]]:
    """Every attribute read or deleted in `tree`, with the innermost class it sits in."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            yield from _attribute_loads(node, node.name)
            continue
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Store):
            yield owner, node
        yield from _attribute_loads(node, owner)
