"""Small helpers over Python's `ast` shared by the code checks: names, scopes, calls."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.digest import digest

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
TEST_PATH = re.compile(r"(^|/)(tests?/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)")


def parse(text: str | None, path: str) -> ast.Module | None:
    """The module, or None when it is not Python this interpreter can parse."""
    if text is None or not path.endswith(".py"):
        return None
    try:
        return parse_python(text, path)
    except (SyntaxError, ValueError):
        return None


def parses(text: str | None, path: str) -> bool:
    """Whether `parse` gives a module, once per content and process (a push re-parses only what it changed)."""
    if text is None or not path.endswith(".py"):
        return False
    return remembered("python-parses", digest(text), lambda: parse(text, path) is not None)


def tokens(identifier: str) -> list[str]:
    """`valSpecificityScore` / `val_specificity_score` -> ['val', 'specificity', 'score']."""
    return [t for t in _CAMEL.sub("_", identifier).lower().split("_") if t]


def dotted(node: ast.AST) -> str | None:
    """`np.random.seed` for the expression `np.random.seed`, None for anything not a plain name path."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def call_name(call: ast.Call) -> str:
    """The last name of what is called: `fit_transform` for `self.scaler.fit_transform(X)`."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def root_name(node: ast.AST) -> str | None:
    """The variable an expression is rooted at: `X_test` for `X_test.iloc[:, 1:].values`."""
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value  # X_test.copy() / X_test.drop(...)
        else:
            return None


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def scopes(tree: ast.Module) -> Iterator[ast.Module | ast.FunctionDef | ast.AsyncFunctionDef]:
    """The module and every function, each a scope whose own statements run in order."""
    yield tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a scope, nested functions and classes excluded (they are scopes of their own)."""
    stack = list(reversed(list(ast.iter_child_nodes(scope))))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def own_statements(scope: ast.AST) -> list[ast.stmt]:
    """The scope's statements (nested blocks included), in source order."""
    found = [n for n in own_nodes(scope) if isinstance(n, ast.stmt)]
    return sorted(found, key=lambda s: (s.lineno, s.col_offset))


def assigned_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in assigned_names(elt)]
    if isinstance(target, ast.Starred):
        return assigned_names(target.value)
    return []


def const_str(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def source(node: ast.AST, limit: int = 80) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[: limit - 1] + "…"
