"""A keyword a class passes to its own overridable method (`cls.sample(..., random_state=r)`) that an
override in a subclass of the same module does not take: calling that subclass raises TypeError."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from custody.agents.code_checks import Hit

RULE = "hygiene.python-defect"


def _accepts(function: ast.FunctionDef | ast.AsyncFunctionDef, keyword: str) -> bool:
    args = function.args
    if args.kwarg is not None:
        return True
    return keyword in {a.arg for a in [*args.args, *args.kwonlyargs]}


def _methods(node: ast.ClassDef) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {n.name: n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def override_keywords(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`cls.m(..., k=...)` / `self.m(..., k=...)` in class C, and a subclass D of C in this module whose
    own `m` has no parameter `k` and no `**kwargs`: reported where the call or D's `m` is added."""
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    parents = {name: {b.id for b in node.bases if isinstance(b, ast.Name) and b.id in classes}
               for name, node in classes.items()}

    def descends(child: str, ancestor: str, seen: frozenset[str] = frozenset()) -> bool:
        if child in seen:
            return False
        return ancestor in parents.get(child, set()) or any(
            descends(p, ancestor, seen | {child}) for p in parents.get(child, set()))

    methods = {name: _methods(node) for name, node in classes.items()}  # once per class, not per call
    for name in classes:
        for method in methods[name].values():
            own = method.args.args[0].arg if method.args.args else None
            if own not in {"cls", "self"}:
                continue
            for call in ast.walk(method):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and isinstance(call.func.value, ast.Name) and call.func.value.id == own):
                    continue
                target = call.func.attr
                # a subclass that overrides the calling method too never reaches this call
                overrides = [(sub, m) for sub, own_methods in methods.items()
                             if (m := own_methods.get(target)) is not None and descends(sub, name)
                             and method.name not in own_methods]
                for keyword in dict.fromkeys(k.arg for k in call.keywords if k.arg is not None):
                    refusing = [(sub, m) for sub, m in overrides if not _accepts(m, keyword)]
                    if not refusing or (call.lineno not in added and not any(m.lineno in added for _, m in refusing)):
                        continue
                    shown = ", ".join(f"`{sub}.{target}` (line {m.lineno})" for sub, m in refusing[:3])
                    yield Hit(RULE, keyword,
                              f"`{name}.{method.name}` calls `{own}.{target}(..., {keyword}=...)`, but {shown} "
                              f"take{'s' if len(refusing) == 1 else ''} no `{keyword}` and no `**kwargs`: for "
                              f"{'that class' if len(refusing) == 1 else 'those classes'} the call raises "
                              f"TypeError ({path}:{call.lineno}).", path, call.lineno)
