"""Literal values a Python file sets, read statically (never imported): `name = 0.1`,
`name: int = 8`, and function argument defaults `def train(lr: float = 3e-4)`. Comparing the base
and head files gives the values a pull request changes."""

from __future__ import annotations

import ast

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.evidence.design import ChangedDefault

Values = dict[str, list[tuple[str, int]]]  # name -> (value as text, line) for every literal it is given


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        inner = _literal(node.operand)
        return f"-{inner}" if inner is not None and not isinstance(node.operand.value, (str, bool)) else None
    if not isinstance(node, ast.Constant) or node.value is None or isinstance(node.value, bytes):
        return None
    if isinstance(node.value, bool):
        return "true" if node.value else "false"
    if isinstance(node.value, (int, float)):
        return repr(node.value)
    if isinstance(node.value, str) and "\n" not in node.value and len(node.value) <= 200:
        return node.value
    return None


def _defaults(args: ast.arguments) -> list[tuple[ast.arg, ast.expr | None]]:
    positional = [*args.posonlyargs, *args.args]
    padded: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    return [*zip(positional, padded, strict=True), *zip(args.kwonlyargs, args.kw_defaults, strict=True)]


def literal_values(text: str) -> Values:
    """Every literal a name is given in the file; an unparsable file gives none."""
    try:
        tree = parse_python(text)
    except (SyntaxError, ValueError):
        return {}
    out: Values = {}

    def add(name: str, node: ast.expr | None, line: int) -> None:
        value = _literal(node)
        if value is not None:
            out.setdefault(name, []).append((value, line))

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            add(node.targets[0].id, node.value, node.lineno)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            add(node.target.id, node.value, node.lineno)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for arg, default in _defaults(node.args):
                add(arg.arg, default, arg.lineno)
    return out


def changed_defaults(path: str, base_text: str, head_text: str) -> list[ChangedDefault]:
    """Names whose one literal value the PR replaces by one other: `x = 5` -> `x = 1`. A name given
    several values that change in several ways is left out (which old value became which is unknown)."""
    base, head = literal_values(base_text), literal_values(head_text)
    out: list[ChangedDefault] = []
    for name in sorted(set(base) & set(head)):
        before = {v for v, _ in base[name]}
        after = {v for v, _ in head[name]}
        old, new = before - after, after - before
        if len(old) == 1 and len(new) == 1:
            new_value = next(iter(new))
            line = next(ln for v, ln in head[name] if v == new_value)
            out.append(ChangedDefault(path=path, name=name, old=next(iter(old)), new=new_value, line=line))
    return out
