"""`isinstance(x, P)` where `P` is a `typing.Protocol` not marked `@runtime_checkable`: Python raises
`TypeError` at that line every time it runs. The protocol may be defined in another changed file, so
each file's facts (the static protocols it defines, what it imports, the checks it makes) are read
once per content, and joined over the change."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from custody.agents.code_checks import Hit
from custody.agents.code_checks.pyast import dotted, parse
from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.model.digest import digest

RULE = "hygiene.python-defect"
PROTOCOL_BASES = {"Protocol", "typing.Protocol", "t.Protocol", "typing_extensions.Protocol", "te.Protocol"}
RUNTIME = "runtime_checkable"


@dataclass(frozen=True)
class ProtocolFacts:
    static: tuple[tuple[str, int], ...]  # protocols defined here without @runtime_checkable: (name, line)
    imports: tuple[tuple[str, str, str], ...]  # `from module import name as alias`: (alias, module, name)
    checks: tuple[tuple[str, str, int], ...]  # isinstance/issubclass(x, Name): (function, name, line)


def _is_static_protocol(node: ast.ClassDef) -> bool:
    if not any(dotted(b.value if isinstance(b, ast.Subscript) else b) in PROTOCOL_BASES for b in node.bases):
        return False
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = dotted(target) or ""
        if name.rsplit(".", 1)[-1] == RUNTIME:
            return False
    return True


def protocol_facts(text: str, path: str) -> ProtocolFacts | None:
    """A module's protocol facts, or None when it does not parse; once per content and process."""
    def compute() -> ProtocolFacts | None:
        tree = parse(text, path)
        if tree is None:
            return None
        static = tuple((n.name, n.lineno) for n in tree.body if isinstance(n, ast.ClassDef) and _is_static_protocol(n))
        imports: list[tuple[str, str, str]] = []
        checks: list[tuple[str, str, int]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level == 0 and node.module:  # relative imports are not resolved
                    imports += [(a.asname or a.name, node.module, a.name) for a in node.names]
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in {"isinstance", "issubclass"} and len(node.args) == 2):
                kinds = node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [node.args[1]]
                checks += [(node.func.id, k.id, node.lineno) for k in kinds if isinstance(k, ast.Name)]
        return ProtocolFacts(static, tuple(imports), tuple(checks))
    return remembered("protocol-facts", digest(path, text), compute)


def _module_path(module: str, paths: Sequence[str]) -> str | None:
    """The changed file a dotted module names (`ragas.metrics.base` -> `src/ragas/metrics/base.py`)."""
    tail = module.replace(".", "/")
    return next((p for p in paths if p == f"{tail}.py" or p.endswith(f"/{tail}.py")), None)


def static_protocol_checks(texts: Mapping[str, str], added: Mapping[str, set[int]]) -> Iterator[Hit]:
    """An added `isinstance`/`issubclass` against a protocol, defined in the same file or imported from
    another file of the head tree read here, that has no `@runtime_checkable`."""
    facts = {p: f for p, t in texts.items() if p.endswith(".py") and (f := protocol_facts(t, p)) is not None}
    paths = sorted(facts)
    for path, mine in facts.items():
        lines = added.get(path, set())
        if not lines or not mine.checks:
            continue
        visible = {name: (path, line) for name, line in mine.static}
        for alias, module, name in mine.imports:
            source = _module_path(module, paths)
            defined = dict(facts[source].static) if source else {}
            if name in defined:
                visible[alias] = (source or path, defined[name])
        for function, name, line in mine.checks:
            if line not in lines or name not in visible:
                continue
            where, defined_at = visible[name]
            yield Hit(RULE, name,
                      f"`{function}(..., {name})` raises TypeError every time it runs: `{name}` is a "
                      f"`typing.Protocol` ({where}:{defined_at}) without `@runtime_checkable` "
                      f"({path}:{line}). Decorate the protocol with `@typing.runtime_checkable`, or test "
                      "for the attributes instead.", path, line)
