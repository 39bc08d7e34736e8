"""Parameters a change gives a Python function that the function's body never reads.

A parameter added to `get_feature_names_out(self, input_features=None)` and then ignored accepts what a caller
passes and drops it. On its own that is often deliberate (a signature kept compatible with a framework's, a
callback's fixed arguments), so this reader only collects the facts; whether an unread parameter contradicts
what was promised is judged where the promise is read (the scope agent, against the linked tickets).

Everything is static: files are parsed, never imported. A function is left alone when it cannot be judged from
its own text: stubs and abstract or overloaded functions, and functions that read their arguments generically
(`locals()`, `inspect.signature`, `save_hyperparameters()`).
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterable, Iterator

from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.readers.dead_parameters import (
    GENERIC_ARGUMENTS,
    TEST_PATH,
    called_name,
    decorator_name,
    is_stub_statement,
    parse_or_none,
)
from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.parameters import UnreadParameter

Function = ast.FunctionDef | ast.AsyncFunctionDef
MAX_FOUND = 20


def unread_parameters(changes: Iterable[FileChange], read_base: Callable[[str], str | None],
                      head_texts: dict[str, str]) -> list[UnreadParameter]:
    """Unread parameters the change adds, in added or modified Python files that are not tests."""
    found: list[UnreadParameter] = []
    for change in changes:
        if change.binary or change.status not in ("added", "modified", "renamed") or not change.path.endswith(".py"):
            continue
        if TEST_PATH.search(change.path):
            continue
        head_text = head_texts.get(change.path)
        base_text = None if change.status == "added" else read_base(change.old_path or change.path)
        # Once per content of the file's two sides: a push re-reads only the files it changed.
        key = digest(change.content_key(), head_text or "\0absent", base_text or "\0absent")
        found += [UnreadParameter(path=change.path, function=name, parameter=parameter, line=line,
                                  new_function=new_function)
                  for name, parameter, line, new_function in remembered(
                      "unread-parameters", key, functools.partial(_file_unread, change.path, head_text, base_text))]
        if len(found) >= MAX_FOUND:
            return found[:MAX_FOUND]
    return found


def _file_unread(path: str, head_text: str | None, base_text: str | None) -> tuple[tuple[str, str, int, bool], ...]:
    """(function, parameter, line, whether the function is new) of each unread parameter the change adds."""
    head = parse_or_none(head_text, path)
    if head is None:
        return ()
    base = parse_or_none(base_text, path) if base_text is not None else None
    before = {name: function for name, function in _functions(base)} if base is not None else {}
    out: list[tuple[str, str, int, bool]] = []
    for name, function in _functions(head):
        old = before.get(name)
        had = set(_parameters(old)) if old is not None else set()
        added = [p for p in _parameters(function) if p not in had]
        if not added or _unsure(function):
            continue
        used = _names_used(function)
        out += [(name, p, function.lineno, old is None) for p in added if p not in used]
    return tuple(out)


def _functions(tree: ast.Module) -> Iterator[tuple[str, Function]]:
    """Module-level functions and the methods of module-level classes (nested classes too), by qualified name."""
    def walk(body: list[ast.stmt], prefix: str) -> Iterator[tuple[str, Function]]:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield f"{prefix}{node.name}", node
            elif isinstance(node, ast.ClassDef):
                yield from walk(node.body, f"{prefix}{node.name}.")
    yield from walk(tree.body, "")


def _parameters(function: Function) -> list[str]:
    """Named parameters, not `self`/`cls`, not `*args`/`**kwargs`, not private (`_unused`)."""
    args = function.args
    named = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
    return [n for n in named if n not in ("self", "cls") and not n.startswith("_")]


def _unsure(function: Function) -> bool:
    if {decorator_name(d) for d in function.decorator_list} & {"abstractmethod", "overload"}:
        return True
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if not body or all(is_stub_statement(s) for s in body):
        return True
    return any(isinstance(node, ast.Call) and called_name(node) in GENERIC_ARGUMENTS | {"vars"}
               for node in ast.walk(function))


def _names_used(function: Function) -> set[str]:
    """Every name the function's body (nested functions and default values of its own inner functions included)
    mentions, in any context: a parameter rebound or deleted counts as used, to stay on the quiet side."""
    names: set[str] = set()
    for statement in function.body:
        names |= {n.id for n in ast.walk(statement) if isinstance(n, ast.Name)}
    return names
