"""Keys a change deletes from a YAML configuration file, and head-tree Python that still reads them.

A deleted key is a leaf path of the base file (`train.img_size`) that the head file no longer has at
any depth under the same parent name. A read is an attribute or subscript chain in Python code that
ends in the key's last two names (`params.train.img_size`, `cfg["train"]["img_size"]`) in a file
that names the configuration file (or is run with it by a pipeline command). Reads with a fallback
(`.get("img_size", 256)`) are not chains and so never count.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.safe_yaml import load_yaml
from custody.reviewer.model.evidence.config_reads import StaleConfigRead
from custody.reviewer.model.evidence.diff import FileChange

CONFIG_FILE = re.compile(r"\.ya?ml$", re.IGNORECASE)
# YAML that configures tools, CI or deployment rather than the project's own code.
NOT_CONFIG = re.compile(
    r"(^|/)(\.github/|\.gitlab-ci|\.circleci/|\.pre-commit|docker-compose|compose\.ya?ml$|k8s/|kubernetes/|"
    r"helm/|charts/|dvc\.(yaml|lock)$|mkdocs\.ya?ml$|environment\.ya?ml$|conda[^/]*\.ya?ml$|\.readthedocs|"
    r"codecov|dependabot|\.?mergify|renovate|\.?golangci|\.?yamllint|\.?markdownlint|openapi|swagger)",
    re.IGNORECASE,
)
KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
RUNNERS = re.compile(r"(^|/)(dvc\.yaml|Makefile|[^/]*\.sh|MLproject|[^/]*\.cfg|tox\.ini)$", re.IGNORECASE)
MAX_READS = 20

Path = tuple[str, ...]


def stale_config_reads(
    changes: Iterable[FileChange],
    read_base: Callable[[str], str | None],
    head_texts: dict[str, str],
    python_texts: dict[str, str],
    head_configs: Callable[[], dict[str, str]] = dict,
) -> list[StaleConfigRead]:
    """Reads in `python_texts` of keys the change deletes from a modified YAML configuration file.
    A key another YAML configuration file of the head tree (`head_configs`, read only when a key is
    deleted) still has under the same parent may be merged in from there (defaults, overrides) and
    is left alone."""
    changed = {c.path for c in changes if not c.binary and c.status != "deleted"}
    out: list[StaleConfigRead] = []
    elsewhere: dict[str, set[Path]] | None = None
    for change in changes:
        if change.binary or change.status != "modified" or not CONFIG_FILE.search(change.path):
            continue
        if NOT_CONFIG.search(change.path):
            continue
        base_text, head_text = read_base(change.path), head_texts.get(change.path)
        if base_text is None or head_text is None:
            continue
        gone, kept = deleted_keys(base_text, head_text, change.path)
        if gone and elsewhere is None:
            elsewhere = {p: _pairs(t, p) for p, t in head_configs().items() if CONFIG_FILE.search(p)}
        gone = [k for k in gone if not any(k[-2:] in pairs for p, pairs in (elsewhere or {}).items()
                                           if p != change.path)]
        if not gone:
            continue
        runners = {p: t for p, t in head_texts.items() if RUNNERS.search(p)}
        for path, text in runners.items():
            if PurePosixPath(path).name == "dvc.yaml":
                for key, line, expression in dvc_reads(path, text, change.path, gone):
                    out.append(StaleConfigRead(config=change.path, key=".".join(key), path=path, line=line,
                                               expression=expression, changed=path in changed))
        for path, text in python_texts.items():
            if not _uses_config(change.path, path, text, runners):
                continue
            for key, line, expression in key_reads(text, path, gone, kept):
                out.append(StaleConfigRead(config=change.path, key=".".join(key), path=path, line=line,
                                           expression=expression, changed=path in changed))
                if len(out) >= MAX_READS:
                    return out
    return out


def deleted_keys(base_text: str, head_text: str, what: str) -> tuple[list[Path], list[Path]]:
    """(leaf paths of the base file the head file lacks, every path the head file has)."""
    try:
        base, head = load_yaml(base_text, what), load_yaml(head_text, what)
    except Exception:
        return [], []
    if not isinstance(base, dict) or not isinstance(head, dict):
        return [], []
    kept = list(_paths(head, (), leaves_only=False))
    pairs = {p[-2:] for p in kept if len(p) >= 2}
    gone = [p for p in _paths(base, (), leaves_only=True) if len(p) >= 2 and p[-2:] not in pairs]
    return gone, kept


def _pairs(text: str, what: str) -> set[Path]:
    """Every (parent, key) pair of a YAML file; none when it is not a mapping or not readable."""
    try:
        data = load_yaml(text, what)
    except Exception:
        return set()
    if not isinstance(data, dict):
        return set()
    return {p[-2:] for p in _paths(data, (), leaves_only=False) if len(p) >= 2}


def _paths(data: dict[Any, Any], prefix: Path, leaves_only: bool) -> Iterator[Path]:
    for key, value in data.items():
        if not isinstance(key, str) or not KEY.match(key):
            continue
        path = (*prefix, key)
        if isinstance(value, dict) and value:
            if not leaves_only:
                yield path
            yield from _paths(value, path, leaves_only)
        else:
            yield path


def key_reads(text: str, path: str, gone: list[Path], kept: list[Path]) -> Iterator[tuple[Path, int, str]]:
    """(deleted key, line, expression) for each read of a deleted key in one Python file; a file that
    also writes the key (sets a default for it) reads its own value and is left alone."""
    try:
        tree = parse_python(text, path)
    except (SyntaxError, ValueError, RecursionError):
        return
    wanted = {key[-2:]: key for key in gone}
    reads: list[tuple[Path, int, str]] = []
    written: set[Path] = set()
    inner: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Attribute, ast.Subscript)) or id(node) in inner:
            continue
        chain, nodes = _chain(node)
        inner.update(id(n) for n in nodes[1:])
        for end in range(len(chain), 1, -1):
            key = wanted.get((chain[end - 2], chain[end - 1]))
            if key is None:
                continue
            if isinstance(nodes[len(chain) - end].ctx, ast.Load):  # type: ignore[attr-defined]
                reads.append((key, node.lineno, ".".join(chain[:end])))
            else:
                written.add(key)
            break
    seen: set[Path] = set()
    for key, line, expression in reads:
        if key in written or key in seen:
            continue
        seen.add(key)
        yield key, line, expression


def dvc_reads(path: str, text: str, config: str, gone: list[Path]) -> Iterator[tuple[Path, int, str]]:
    """Deleted keys a DVC pipeline still names: a stage's `params:` entry (`train.img_size`, or under
    `{config: [...]}`) or a `${train.img_size}` interpolation; `dvc repro` stops on either. Bare entries
    and interpolations name the `params.yaml` beside dvc.yaml."""
    try:
        data = load_yaml(text, path)
    except Exception:
        return
    if not isinstance(data, dict) or not isinstance(data.get("stages"), dict):
        return
    folder = PurePosixPath(path).parent
    default = str(folder / "params.yaml") if str(folder) != "." else "params.yaml"
    dotted = {".".join(key): key for key in gone}
    named: list[str] = []
    for stage in data["stages"].values():
        entries = stage.get("params") if isinstance(stage, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, str) and config == default:
                named.append(entry)
            elif isinstance(entry, dict):
                for name, keys in entry.items():
                    target = str(folder / str(name)) if str(folder) != "." else str(name)
                    if target == config and isinstance(keys, list):
                        named += [str(k) for k in keys]
    if config == default:
        named += re.findall(r"\$\{\s*([A-Za-z_][\w.]*)\s*\}", text)
    lines = text.splitlines()
    for entry in dict.fromkeys(named):
        key = dotted.get(entry)
        if key is not None:
            line = next((n for n, body in enumerate(lines, 1) if entry in body), 1)
            yield key, line, entry


def _chain(node: ast.AST) -> tuple[list[str], list[ast.AST]]:
    """The names of an attribute/subscript chain, outermost node first in `nodes` and last in names:
    `cfg["train"].img_size` -> (["cfg", "train", "img_size"], [<.img_size>, <["train"]>])."""
    names: list[str] = []
    nodes: list[ast.AST] = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(
            node.slice.value, str
        ):
            names.append(node.slice.value)
        else:
            break
        nodes.append(node)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    names.reverse()
    if not isinstance(node, ast.Name):
        names.insert(0, "")
    return names, nodes


def _uses_config(config: str, path: str, text: str, runners: dict[str, str]) -> bool:
    """The Python file names the configuration file (its name, or its stem as a whole string), or a
    pipeline command runs the file with it."""
    name = PurePosixPath(config).name
    stem = PurePosixPath(config).stem
    if name in text or re.search(rf"""["']{re.escape(stem)}["']""", text):
        return True
    script = PurePosixPath(path).name
    return any(script in line and name in line for body in runners.values() for line in body.splitlines())
