"""Python examples in Markdown docs that use a name of the repository's own package without importing it.

A README's example (`from segment_anything import build_sam, SamPredictor` then
`sam = sam_model_registry["<model_type>"](...)`) that imports from the project's package, and uses another name
that package exports but the example never imports nor binds, raises NameError for everyone who copies it.
Read statically: the example is parsed, never run; `<placeholders>` are read as names.
"""

from __future__ import annotations

import ast
import builtins
import re
import textwrap
from collections.abc import Callable, Iterator

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.code_changes import added_lines
from custody.reviewer.gather.readers.markdown_blocks import Fence, is_markdown, parse_blocks
from custody.reviewer.model.evidence.design import SnippetName
from custody.reviewer.model.evidence.diff import FileChange

PYTHON_FENCES = {"", "python", "py", "python3"}
# `<your_image>`, `</path/to/model.pth>`: a value the reader fills in, read as a name that is defined.
PLACEHOLDER = re.compile(r"<[^<>\n]{1,80}>")
FILLED = "__custody_placeholder__"
KNOWN = set(dir(builtins)) | {FILLED, "__file__", "__name__", "display", "get_ipython"}
MAX_DOCS = 50


def _parse(fence: Fence, path: str) -> ast.Module | None:
    source = PLACEHOLDER.sub(FILLED, textwrap.dedent("\n".join(fence.lines)))
    try:
        return parse_python(source, path)
    except (SyntaxError, ValueError):
        return None


def _bound(tree: ast.AST) -> set[str]:
    """Every name the code binds anywhere: imports, assignments, definitions, parameters, loop and with targets."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names |= set(node.names)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
    return names


def _exports(init: str, path: str, package: str) -> dict[str, int]:
    """The names a package's `__init__.py` exports, by line: its `__all__` when that is a literal list of
    names, else what it defines or assigns at its top level and what it imports from its own package
    (`from .models import Model`, `from mypkg.models import Model`). A plain `import torch` or a
    third-party `from numpy import array` binds a name there, but the package does not offer it."""
    try:
        tree = parse_python(init, path)
    except (SyntaxError, ValueError):
        return {}
    found: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and _own(node, package):
            for alias in node.names:
                if alias.name != "*":
                    found.setdefault(alias.asname or alias.name, node.lineno)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.setdefault(node.name, node.lineno)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        found.setdefault(name.id, node.lineno)
    listed = _listed(tree)
    if listed is None:
        return found
    return {name: found.get(name, line) for name, line in listed.items()}


def _own(node: ast.ImportFrom, package: str) -> bool:
    """Whether an import in the package's `__init__.py` takes from the package itself."""
    module = node.module or ""
    return node.level > 0 or module == package or module.startswith(f"{package}.")


def _listed(tree: ast.Module) -> dict[str, int] | None:
    """The names a module's top-level `__all__ = [...]` lists, with its line; None without a literal one."""
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and any(
                isinstance(t, ast.Name) and t.id == "__all__"
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])):
            value = node.value
            if isinstance(value, (ast.List, ast.Tuple)) and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
                return {str(e.value): node.lineno for e in value.elts if isinstance(e, ast.Constant)}
            return None
    return None


def _module_file(module: str, head_paths: set[str]) -> str | None:
    """The repository's file for an imported module (`a.b`: `a/b/__init__.py` or `a/b.py`, also under `src/`)."""
    stem = module.replace(".", "/")
    for root in ("", "src/"):
        for candidate in (f"{root}{stem}/__init__.py", f"{root}{stem}.py"):
            if candidate in head_paths:
                return candidate
    return None


def _unbound_uses(tree: ast.Module, known: set[str]) -> dict[str, int]:
    """The names the code reads and never binds, with the first line that reads each."""
    uses: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in known:
            uses[node.id] = min(uses.get(node.id, node.lineno), node.lineno)
    return uses


def _doc_names(path: str, text: str, added: set[int], head_paths: set[str],
               read_head: Callable[[str], str | None], exports: dict[str, dict[str, int]]) -> Iterator[SnippetName]:
    earlier: set[str] = set()  # a doc's examples run in order: a name an earlier one binds is defined
    for fence in parse_blocks(text).fences:
        if fence.lang not in PYTHON_FENCES:
            continue
        tree = _parse(fence, path)
        if tree is None:
            # an example that does not parse still defines what it seems to: every word in it counts as bound
            earlier |= set(re.findall(r"[A-Za-z_]\w*", "\n".join(fence.lines)))
            continue
        bound = _bound(tree)
        span = set(range(fence.first_line, fence.first_line + len(fence.lines)))
        modules = {node.module: (node.lineno, file) for node in tree.body
                   if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                   and (file := _module_file(node.module, head_paths))}
        if not modules or not span & added or "*" in bound | earlier:  # a star import may bind any name
            earlier |= bound
            continue
        for name, line in sorted(_unbound_uses(tree, bound | earlier | KNOWN).items(), key=lambda u: u[1]):
            for module, (import_line, file) in modules.items():
                if not {fence.first_line + line - 1, fence.first_line + import_line - 1} & added:
                    continue  # neither the use nor the import is the change's: an older example's slip
                if file not in exports:
                    source = read_head(file)
                    exports[file] = _exports(source, file, module.split(".")[0]) if source is not None else {}
                if name in exports[file]:
                    yield SnippetName(path=path, line=fence.first_line + line - 1, name=name, module=module,
                                      import_line=fence.first_line + import_line - 1,
                                      exported_at=f"{file}:{exports[file][name]}",
                                      code=fence.lines[line - 1].strip()[:160])
                    break
        earlier |= bound


def unimported_snippet_names(changes: list[FileChange], texts: dict[str, str], head_paths: list[str],
                             read_head: Callable[[str], str | None]) -> list[SnippetName]:
    """Names that a Python example in a changed Markdown doc uses, that the repository's package it imports from
    exports, and that neither the example nor an earlier example in the doc binds; only examples with an
    added line."""
    paths = set(head_paths)
    exports: dict[str, dict[str, int]] = {}
    found: list[SnippetName] = []
    for path, text, added in changed_docs(changes, texts):
        found += _doc_names(path, text, added, paths, read_head, exports)
    return found


def changed_docs(changes: list[FileChange], texts: dict[str, str]) -> Iterator[tuple[str, str, set[int]]]:
    """(path, head text, added line numbers) of the changed Markdown docs that have a fenced block."""
    docs = [c for c in changes if is_markdown(c.path) and c.status != "deleted" and not c.binary][:MAX_DOCS]
    for change in docs:
        text = texts.get(change.path)
        if text is None or ("```" not in text and "~~~" not in text):
            continue
        yield change.path, text, set(added_lines(change))
