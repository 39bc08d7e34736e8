"""Checkpoint addresses a change adds to code, against the docs that list the repository's released checkpoints.

Research repositories publish their weights as files under one folder of a download host, and list them in a
model zoo (a README table with a link per checkpoint). A change that adds a checkpoint address to the code
(`"https://dl.fbaipublicfiles.com/convnext/convnext_tiny_22k_224.pth"`, or the start of one the code completes
with a weight file's name: `'https://dl.fbaipublicfiles.com/deit/deit_3_medium_' + ... + '1k.pth'`) releases a
model; when the docs list the folder's other checkpoints but no doc names this address, the model zoo is stale.
Read statically: string literals of the added lines, never run.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator

from custody.reviewer.gather.model_changes import WEIGHT_FILE
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.code_changes import added_lines
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.model_changes import UnlistedCheckpoint

URL = re.compile(r"""https?://[^\s)\]>"'`<]+""")
WEIGHTS_AT_END = re.compile(rf"(?i){WEIGHT_FILE}(?:\?[^/\s]*)?$")
NOT_CODE = re.compile(r"(?i)(?:^|/)(?:tests?|docs?|examples?)/|(?:^|/)test_[^/]*\.py$|_test\.py$")
MIN_LISTED = 2  # a doc that links two checkpoints of a folder lists that folder's releases


def _folder(address: str) -> str:
    return address.rsplit("/", 1)[0] + "/"


def _strings(node: ast.AST) -> Iterator[tuple[str, int]]:
    """String literals under the node, with their lines; an f-string gives its leading literal part."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            yield inner.value, inner.lineno
        elif isinstance(inner, ast.JoinedStr) and inner.values and isinstance(inner.values[0], ast.Constant):
            head = inner.values[0].value
            tail = inner.values[-1].value if isinstance(inner.values[-1], ast.Constant) else ""
            if isinstance(head, str) and isinstance(tail, str):
                yield head + ("{}" + tail if len(inner.values) > 1 else ""), inner.lineno


def _scopes(tree: ast.Module) -> Iterator[ast.AST]:
    """Each function, and the module's own statements: where an address is completed."""
    yield ast.Module(body=[s for s in tree.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                        ast.ClassDef))], type_ignores=[])
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def added_addresses(path: str, text: str, added: set[int]) -> Iterator[tuple[str, int]]:
    """Checkpoint addresses on the added lines: a literal weight-file URL, or a URL literal whose scope also
    holds the weight file's name it is completed with."""
    try:
        tree = parse_python(text, path)
    except (SyntaxError, ValueError):
        return
    seen: set[str] = set()
    for scope in _scopes(tree):
        strings = list(_strings(scope))
        completes = any(WEIGHTS_AT_END.search(value) and not URL.match(value) for value, _ in strings)
        for value, line in strings:
            url = URL.fullmatch(value.split("{}", 1)[0])
            if line not in added or url is None or value in seen:
                continue
            address = url.group(0)
            if WEIGHTS_AT_END.search(value.replace("{}", "")) or (completes and "{}" not in value):
                seen.add(value)
                yield address, line


def _listed(docs: dict[str, str]) -> dict[str, dict[str, tuple[int, int]]]:
    """For each folder, the docs that link its weight files: doc path -> (how many, first line)."""
    folders: dict[str, dict[str, tuple[int, int]]] = {}
    for path, text in docs.items():
        for number, line in enumerate(text.splitlines(), start=1):
            for found in URL.finditer(line):
                if WEIGHTS_AT_END.search(found.group(0)):
                    count, first = folders.setdefault(_folder(found.group(0)), {}).get(path, (0, number))
                    folders[_folder(found.group(0))][path] = (count + 1, first)
    return folders


def unlisted_checkpoints(changes: list[FileChange], texts: dict[str, str], read_base: Callable[[str], str | None],
                         docs: Callable[[], dict[str, str]], *, docs_complete: bool) -> list[UnlistedCheckpoint]:
    """Checkpoint addresses the change adds to Python code (new to the file) that no doc names, where docs list
    at least two other checkpoints of the same folder. Nothing is found unless `docs` are all of the tree's
    docs (`docs_complete`): a doc not read may name the address."""
    candidates: list[tuple[str, str, int]] = []
    for change in changes:
        text = texts.get(change.path)
        if (change.status == "deleted" or change.binary or not change.path.endswith(".py") or text is None
                or NOT_CODE.search(change.path)):
            continue
        added = added_lines(change)
        if not any("http" in line for line in added.values()):
            continue
        base = "" if change.status == "added" else (read_base(change.old_path or change.path) or "")
        candidates += [(change.path, address, line) for address, line in added_addresses(change.path, text, set(added))
                       if address not in base]
    if not candidates or not docs_complete:
        return []
    texts_of_docs = docs()
    folders = _listed(texts_of_docs)
    found: list[UnlistedCheckpoint] = []
    for path, address, line in candidates:
        listing = {doc: seen for doc, seen in folders.get(_folder(address), {}).items() if seen[0] >= MIN_LISTED}
        if not listing or any(address in text for text in texts_of_docs.values()):
            continue
        found.append(UnlistedCheckpoint(
            path=path, line=line, address=address, folder=_folder(address),
            docs=[f"{doc}#L{first}" for doc, (_, first) in sorted(listing.items())],
            listed=sum(count for count, _ in listing.values())))
    return found
