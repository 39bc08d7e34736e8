"""A one-row frame built from a dict, then cut to a list of columns the dict does not have: a KeyError.

The training/serving skew of a feature list: `MODEL_FEATURES` gains `hour_of_day`, the offline builder
writes it, and the online path still builds `row = {...}` without it before `pd.DataFrame([row])[MODEL_FEATURES]`,
so every request fails. Judged only when everything is literal: the list is a module-level list or tuple of
strings bound once and never changed in the file, each row is a dict literal with string keys (no `**`) bound
once in the function and never written to afterwards. Reported when the change adds the selecting line, the
row, or a listed name the row lacks.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from custody.agents.code_checks import Hit

RULE = "hygiene.python-defect"
MUTATORS = {"append", "extend", "insert", "remove", "pop", "update", "setdefault", "clear", "__setitem__"}


def _string_list(node: ast.expr) -> list[tuple[str, int]] | None:
    if not isinstance(node, (ast.List, ast.Tuple)) or not node.elts:
        return None
    out = []
    for element in node.elts:
        if not (isinstance(element, ast.Constant) and isinstance(element.value, str)):
            return None
        out.append((element.value, element.lineno))
    return out


def _changed(tree: ast.AST) -> set[str]:
    """Names written to after binding: `x.append(...)`, `x[k] = ...`, `x += ...`, `x |= ...`, `del x[k]`."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS \
                and isinstance(node.func.value, ast.Name):
            out.add(node.func.value.id)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and isinstance(node.value, ast.Name):
            out.add(node.value.id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            out.add(node.target.id)
    return out


def _bindings(statements: list[ast.stmt] | ast.AST) -> dict[str, list[ast.expr]]:
    out: dict[str, list[ast.expr]] = {}
    nodes = ast.walk(statements) if isinstance(statements, ast.AST) else statements
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        out.setdefault(name.id, []).append(node.value if target is name else ast.Constant(None))
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            out.setdefault(node.target.id, []).append(node.value or ast.Constant(None))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.NamedExpr)):
            targets = [node.target] if isinstance(node, (ast.For, ast.AsyncFor, ast.NamedExpr)) else \
                [i.optional_vars for i in node.items if i.optional_vars is not None]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        out.setdefault(name.id, []).append(ast.Constant(None))
    return out


def _row_keys(element: ast.expr, rows: dict[str, list[ast.expr]], changed: set[str]) -> tuple[set[str], int] | None:
    if isinstance(element, ast.Name):
        bound = rows.get(element.id, [])
        if len(bound) != 1 or element.id in changed:
            return None
        element = bound[0]
    if not isinstance(element, ast.Dict) or any(k is None for k in element.keys):
        return None
    keys = [k.value for k in element.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return (set(keys), element.lineno) if len(keys) == len(element.keys) else None


def row_columns(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`pd.DataFrame([row])[FEATURES]` where the literal `row` lacks a name the literal `FEATURES` lists."""
    module = _bindings(tree.body)
    changed_in_file = _changed(tree)
    lists = {name: listed for name, values in module.items()
             if len(values) == 1 and name not in changed_in_file and (listed := _string_list(values[0])) is not None}
    if not lists:
        return
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        rows, changed = _bindings(function), _changed(function)
        for node in ast.walk(function):
            if not (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
                    and isinstance(node.slice, ast.Name) and node.slice.id in lists and node.slice.id not in rows
                    and isinstance(node.value, ast.Call) and _is_frame(node.value)):
                continue
            call = node.value
            if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.List) or not call.args[0].elts:
                continue
            built = [_row_keys(e, rows, changed) for e in call.args[0].elts]
            known = [b for b in built if b is not None]
            if len(known) != len(built):
                continue
            keys: set[str] = set.intersection(*(b[0] for b in known))
            missing = [(name, line) for name, line in lists[node.slice.id] if name not in keys]
            lines = {node.lineno} | {b[1] for b in known} | {line for _, line in missing}
            if not missing or not lines & added:
                continue
            shown = ", ".join(f"`{name}` (line {line})" for name, line in missing[:3])
            yield Hit(RULE, missing[0][0],
                      f"`{function.name}` builds a one-row frame from a dict that has no {shown}, then selects "
                      f"`{node.slice.id}` from it (line {node.lineno}), which lists "
                      f"{'it' if len(missing) == 1 else 'them'}: the selection raises KeyError on every call. "
                      "Build every listed column in this path too, or take it off the list.",
                      path, node.lineno)


def _is_frame(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "DataFrame") or \
        (isinstance(func, ast.Attribute) and func.attr == "DataFrame")
