"""Delivery hygiene visible in the changed files themselves: build output and editor state that
got committed, one developer's home directory hard-coded in code or config, and random generators
seeded from the clock."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from custody.agents.code_checks import Hit
from custody.agents.code_checks.pyast import assigned_names, call_name, own_statements, parse, scopes, source

ARTIFACT = "hygiene.committed-artifact"
LOCAL_PATH = "hygiene.local-path"
CLOCK_SEED = "hygiene.clock-seed"

ARTIFACTS: list[tuple[str, re.Pattern[str]]] = [
    ("compiled Python byte-code (.pyc)", re.compile(r"(^|/)__pycache__/|\.py[cod]$")),
    ("Jupyter checkpoint copy", re.compile(r"(^|/)\.ipynb_checkpoints/")),
    ("macOS folder metadata (.DS_Store)", re.compile(r"(^|/)\.DS_Store$")),
    ("Windows thumbnail cache", re.compile(r"(^|/)(Thumbs\.db|desktop\.ini)$")),
    ("JetBrains IDE state (.idea)", re.compile(r"(^|/)\.idea/")),
    ("VS Code workspace settings (.vscode)", re.compile(r"(^|/)\.vscode/(?!extensions\.json$)")),
    ("packaging build output", re.compile(r"(^|/)[^/]+\.egg-info/|(^|/)(build/lib|dist)/[^/]+\.(whl|tar\.gz)$")),
    ("tool cache", re.compile(r"(^|/)\.(pytest_cache|mypy_cache|ruff_cache|tox|nox|hypothesis)/")),
    ("editor swap or backup file", re.compile(r"(^|/)\.[^/]+\.sw[op]$|[^/]~$")),
]

# A home directory with a real user name: /home/alice/..., /Users/bob/..., C:\Users\carol\...
HOME_PATH = re.compile(
    r"""(?ix)
    (?<![\w.$~{])
    (?:
        /(?:home|Users)/(?P<posix>[a-z][\w.\-]*)(?=/)
      | [a-z]:(?:\\{1,2}|/)(?:Users|Documents\ and\ Settings)(?:\\{1,2}|/)(?P<win>[^\\/"'\s<>%$]+)(?:\\|/)
    )
    """
)
GENERIC_USERS = {"user", "username", "users", "you", "yourname", "your_name", "your-name", "me", "name", "runner",
                 "jovyan", "circleci", "ubuntu", "ec2-user", "vscode", "app", "appuser", "admin", "root", "shared",
                 "public", "default", "docker", "jenkins", "travis", "gitpod", "codespace", "coder", "example",
                 "foo", "bar", "john", "jdoe", "johndoe", "someone", "myuser", "myname", "username1", "xxx"}
CONFIG_OR_CODE = re.compile(
    r"\.(py|pyx|r|jl|scala|java|ts|js|sh|bash|zsh|ps1|bat|cmd|ya?ml|json|toml|cfg|ini|conf|env|properties|"
    r"mk|make|sql|xml)$|(^|/)(Makefile|\.env[^/]*)$",
    re.IGNORECASE,
)
SHARED_PLACES = re.compile(r"(^|/)(\.github/|\.gitlab-ci|Dockerfile|docker-compose|\.devcontainer/|docs?/)", re.I)
COMMENT = re.compile(r"^\s*(#|//|;|--|\*|rem\s)", re.IGNORECASE)

SEEDERS = {"seed", "manual_seed", "manual_seed_all", "set_seed", "seed_everything", "set_random_seed",
           "default_rng", "RandomState", "PCG64", "Generator", "SeedSequence", "Random"}
CLOCK = {"time", "time_ns", "now", "utcnow", "today", "perf_counter", "perf_counter_ns", "monotonic",
         "monotonic_ns", "timestamp", "process_time"}


def committed_artifacts(changes: Iterable[tuple[str, str]]) -> Iterator[Hit]:
    """(path, status) of every changed file -> one hit per kind of artifact the change adds."""
    found: dict[str, list[str]] = {}
    for path, status in changes:
        if status not in {"added", "renamed"}:
            continue
        label = next((label for label, pattern in ARTIFACTS if pattern.search(path)), None)
        if label:
            found.setdefault(label, []).append(path)
    for label, paths in found.items():
        more = f" and {len(paths) - 1} more file(s) like it" if len(paths) > 1 else ""
        yield Hit(ARTIFACT, paths[0],
                  f"The change commits {label}: `{paths[0]}`{more}. It is a machine- or user-specific "
                  "build artifact, not source; remove it and add its pattern to .gitignore.", paths[0], None)


def local_paths(path: str, added: Iterable[tuple[int, str]], head_text: str | None = None) -> Iterator[Hit]:
    if not CONFIG_OR_CODE.search(path) or SHARED_PLACES.search(path) or re.search(r"(^|/)tests?/", path):
        return
    documented = _docstring_lines(head_text, path)
    hits = [(n, m) for n, text in added if not COMMENT.match(text) and n not in documented
            for m in [_home(text)] if m]
    if hits:
        number, home = hits[0]
        more = f" (and {len(hits) - 1} more line(s))" if len(hits) > 1 else ""
        yield Hit(LOCAL_PATH, home,
                  f"{path}:{number} hard-codes an absolute path in one developer's home directory `{home}`{more}; "
                  "it does not exist on anyone else's machine or in CI. Use a relative path, a setting or an "
                  "environment variable.",
                  path, number)


def _docstring_lines(text: str | None, path: str) -> set[int]:
    """Lines of a Python file's docstrings and other bare string statements: examples, not code."""
    tree = parse(text, path)
    if tree is None:
        return set()
    return {line for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)}


def _home(text: str) -> str | None:
    for match in HOME_PATH.finditer(text):
        user = match.group("posix") or match.group("win") or ""
        if user.lower() not in GENERIC_USERS and not user.startswith(("<", "{", "$", "%")):
            return match.group(0)
    return None


def clock_seeds(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    for scope in scopes(tree):
        from_clock: set[str] = set()
        for stmt in own_statements(scope):
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None and _clocked(
                stmt.value, from_clock
            ):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                from_clock |= {n for t in targets for n in assigned_names(t)}
            if stmt.lineno not in added or isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
                continue
            for node in ast.walk(stmt):
                if not isinstance(node, ast.Call):
                    continue
                seeds = [*node.args[:1]] if call_name(node) in SEEDERS else []
                seeds += [k.value for k in node.keywords if k.arg in {"seed", "random_state", "random_seed"}]
                if any(_clocked(s, from_clock) for s in seeds):
                    yield Hit(CLOCK_SEED, call_name(node),
                              f"`{source(node)}` seeds the random generator from the clock, so no run can be "
                              f"reproduced; use a fixed seed and log it ({path}:{node.lineno}).", path, node.lineno)
                    break


def _clocked(node: ast.AST, from_clock: set[str]) -> bool:
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call) and call_name(inner) in CLOCK:
            return True
        if isinstance(inner, ast.Name) and inner.id in from_clock:
            return True
    return False
