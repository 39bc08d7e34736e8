"""An attribute a change stops assigning but a method of the same class still reads: a rename left behind.

`self.sensitive_feature = ...` removed (renamed to `self.sensitive_column = ...`), and one method still
reading `self.sensitive_feature`: the first call raises AttributeError. Judged only when everything that
could still provide the attribute is visible: the class must not define it at class level (a method, a
property, a class variable), assign it anywhere (`self.x =`, `setattr`, `__dict__`), answer unknown names
(`__getattr__`), or guard the read (`hasattr`/`getattr` with the name); no line the change adds anywhere
may assign it (an assignment moved to a base class), and no base class declared in the same file may
provide it.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterator

from custody.agents.code_checks import Hit
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import FileChange

RULE = "hygiene.python-defect"
SELF_ASSIGN = re.compile(r"\bself\.([A-Za-z_]\w*)\s*(?::[^=\n]+)?=(?!=)")
TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*$|_test\.py$|(^|/)conftest\.py$")
DYNAMIC = {"__getattr__", "__getattribute__", "__setattr__", "__slots__"}


def _assigned(cls: ast.ClassDef, added: set[int]) -> set[str] | None:
    """Attributes the class assigns on `self` (or class-level names); None when a line this change adds sets
    attributes dynamically (`setattr(self, name, ...)` with a computed name, `vars()`, `__dict__`): such a line
    may be the rename's replacement. An older dynamic setter was there when the attribute was still assigned
    by name, so it is not what provided it."""
    out: set[str] = set()
    for statement in cls.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(statement.name)
        elif isinstance(statement, ast.Assign):
            out.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            out.add(statement.target.id)
    if out & DYNAMIC:
        return None
    for node in ast.walk(cls):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and isinstance(node.value, ast.Name):
            out.add(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "vars"):
            name = node.args[1] if node.func.id == "setattr" and len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                out.add(name.value)
            elif node.lineno in added:
                return None
        elif isinstance(node, ast.Attribute) and node.attr == "__dict__" and node.lineno in added:
            return None
    return out


def _guarded(cls: ast.ClassDef, name: str) -> bool:
    """`hasattr(self, "x")` / `getattr(self, "x", ...)` somewhere in the class: the read may be intended."""
    for node in ast.walk(cls):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("hasattr", "getattr") \
                and any(isinstance(a, ast.Constant) and a.value == name for a in node.args):
            return True
    return False


def _removed_assignments(change: FileChange) -> dict[str, int]:
    out: dict[str, int] = {}
    for hunk in change.hunks:
        for line in hunk.removed:
            for match in SELF_ASSIGN.finditer(line.text):
                out.setdefault(match.group(1), line.number)
    return out


def _added_assignments(changes: list[FileChange]) -> set[str]:
    return {m.group(1) for change in changes for hunk in change.hunks for line in hunk.added
            for m in SELF_ASSIGN.finditer(line.text)}


def leftover_attribute_hits(evidence: Evidence) -> Iterator[Hit]:
    """Reads of `self.<name>` in a class whose assignments of `<name>` this change removed, with none left."""
    added_anywhere = _added_assignments(evidence.diff.files)
    for change in evidence.diff.files:
        if change.status != "modified" or not change.path.endswith(".py") or TEST_PATH.search(change.path) \
                or change.truncated:
            continue
        removed = {n: line for n, line in _removed_assignments(change).items() if n not in added_anywhere}
        text = evidence.head_texts.get(change.path)
        if not removed or text is None:
            continue
        try:
            tree = parse_python(text, filename=change.path)
        except (SyntaxError, ValueError):
            continue
        classes = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
        new_names = sorted(_added_assignments([change]))
        added = {line.number for hunk in change.hunks for line in hunk.added}
        for cls in classes.values():
            yield from _class_hits(change.path, cls, classes, added, removed, new_names)


def _provided(cls: ast.ClassDef, classes: dict[str, ast.ClassDef], added: set[int],
              seen: frozenset[str] = frozenset()) -> set[str] | None:
    """Names the class and its same-file bases provide; None when any of them sets attributes dynamically."""
    own = _assigned(cls, added)
    if own is None:
        return None
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in classes and base.id not in seen:
            inherited = _provided(classes[base.id], classes, added, seen | {cls.name})
            if inherited is None:
                return None
            own |= inherited
    return own


def _class_hits(path: str, cls: ast.ClassDef, classes: dict[str, ast.ClassDef], added: set[int],
                removed: dict[str, int], new_names: list[str]) -> Iterator[Hit]:
    provided = _provided(cls, classes, added)
    if provided is None:
        return
    reported: set[str] = set()
    for method in cls.body:
        if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or not method.args.args \
                or method.args.args[0].arg != "self" or any(isinstance(d, ast.Name) and d.id == "staticmethod"
                                                            for d in method.decorator_list):
            continue
        for node in ast.walk(method):
            if not (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)
                    and isinstance(node.value, ast.Name) and node.value.id == "self"):
                continue
            name = node.attr
            if name not in removed or name in provided or name in reported or _guarded(cls, name):
                continue
            reported.add(name)
            similar = difflib.get_close_matches(name, new_names, n=1, cutoff=0.5)
            hint = f" (the change assigns `self.{similar[0]}` instead)" if similar else ""
            yield Hit(RULE, name,
                      f"`{cls.name}.{method.name}` reads `self.{name}` (line {node.lineno}), but this change removed "
                      f"the assignment of `self.{name}` (base line {removed[name]}) and nothing in `{cls.name}` "
                      f"assigns it any more{hint}: the read raises AttributeError. Rename the read too, or keep the "
                      "attribute.",
                      path, node.lineno)
