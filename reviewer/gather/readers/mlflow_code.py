"""MLflow as changed code uses it: the registered models and aliases its model URIs name
(`models:/churn@champion`, also built as `f"models:/{name}@champion"` from a name the function or
module assigns once), and the aliases the repository's code sets (`alias="champion"`); and models one
run logs twice under the same artifact path, in a project on MLflow 2, where the second overwrites the
first."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator

from custody.reviewer.gather.content_cache import remembered_for_file
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.code_changes import added_lines
from custody.reviewer.gather.readers.markdown_blocks import is_markdown
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.registry import DocModelSlip, ModelUri, SharedArtifactPath

# A registered model name and an alias, as MLflow parses `models:/<name>@<alias>`; a name with a path
# (`models:/<name>/<stage or version>`) is another form, and `{…}` marks what is left to the code.
MODEL_URI = re.compile(r"models:/(?P<name>[^\s/@'\"`<>]+)@(?P<alias>[\w-]+)")
PLACEHOLDER = re.compile(r"[{}<>$]|\.\.\.")
DOC_SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".txt", ".sh", ".yaml", ".yml", ".toml", ".cfg", ".ini")
MAX_PLACES = 5


def model_uris(files: list[FileChange], texts: dict[str, str], python: dict[str, str]) -> list[ModelUri]:
    """The alias URIs on the changed lines of `files` (`texts`: path -> head text), each with where the
    head tree's Python code (`python`: path -> text) sets an alias of exactly that name."""
    out: list[ModelUri] = []
    for change in files:
        text = texts.get(change.path)
        if change.binary or change.status == "deleted" or text is None:
            continue
        if not change.path.endswith(".py") and not change.path.lower().endswith(DOC_SUFFIXES):
            continue
        for line, name, alias in remembered_for_file("mlflow-model-uris", change, text,
                                                     functools.partial(_file_uris, change, text)):
            code = text.splitlines()[line - 1].strip()[:160]
            out.append(ModelUri(path=change.path, line=line, code=code, name=name, alias=alias,
                                alias_set_at=_alias_set(alias, python)))
    return out


def _file_uris(change: FileChange, text: str) -> tuple[tuple[int, str, str], ...]:
    """(line, model, alias) of the alias URIs on the change's added lines; once per file content."""
    added = set(added_lines(change))
    if change.path.endswith(".py"):
        return tuple(_python_uris(change.path, text, added))
    return tuple(_text_uris(text, added))


def _text_uris(text: str, added: set[int]) -> Iterator[tuple[int, str, str]]:
    for number, line in enumerate(text.splitlines(), 1):
        if number in added:
            for match in MODEL_URI.finditer(line):
                if not PLACEHOLDER.search(match.group(0)):
                    yield number, match["name"], match["alias"]


def _python_uris(path: str, text: str, added: set[int]) -> Iterator[tuple[int, str, str]]:
    try:
        tree = parse_python(text, path)
    except (SyntaxError, ValueError):
        return
    module_names = _constants(tree.body)
    yield from _scope_uris(tree, module_names, {}, added)


def _scope_uris(scope: ast.AST, module: dict[str, set[str]], local: dict[str, set[str]],
                added: set[int]) -> Iterator[tuple[int, str, str]]:
    """URIs of the scope's own strings; a nested function or class is its own scope (its own names)."""
    for node in ast.iter_child_nodes(scope):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _scope_uris(node, module, _constants(list(ast.walk(node))), added)
        elif isinstance(node, ast.JoinedStr):
            text = _render(node, local, module)
            if text is not None and node.lineno in added:
                yield from ((node.lineno, n, a) for _, n, a in _text_uris(text, {1}) if "\n" not in text)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.lineno in added and "\n" not in node.value:
                yield from ((node.lineno, n, a) for _, n, a in _text_uris(node.value, {1}))
        else:
            yield from _scope_uris(node, module, local, added)


def _constants(nodes: list[ast.AST] | list[ast.stmt]) -> dict[str, set[str]]:
    """name -> the string literals assigned to it (`name = "x"`, `name: str = "x"`) among `nodes`."""
    out: dict[str, set[str]] = {}
    for node in nodes:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                literal = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
                out.setdefault(target.id, set()).add(literal if literal is not None else "\0")
    return out


def _render(node: ast.JoinedStr, local: dict[str, set[str]], module: dict[str, set[str]]) -> str | None:
    """The f-string's text when every `{name}` in it is a name its function (else its module) assigns one
    string literal only; None otherwise."""
    parts: list[str] = []
    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            parts.append(value.value)
        elif (isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.Name)
              and value.format_spec is None and value.conversion == -1):
            values = local.get(value.value.id) or module.get(value.value.id) or set()
            if len(values) != 1 or "\0" in values:
                return None
            parts.append(next(iter(values)))
        else:
            return None
    return "".join(parts)


def _alias_set(alias: str, python: dict[str, str]) -> list[str]:
    """Where the code passes exactly this alias as `alias=` (to `set_registered_model_alias` or a helper)."""
    pattern = re.compile(r"\balias\s*=\s*[\"']" + re.escape(alias) + r"[\"']")
    out: list[str] = []
    for path, text in python.items():
        out += [file_locator(path, n) for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    return out[:MAX_PLACES]


# The MLflow a project installs, where it caps it under 3: `mlflow==2.20.1`, `mlflow = "2.20.1"` or
# `"^2.9"` (Poetry), `mlflow~=2.9`, `mlflow>=2.3,<3`. MLflow 3 logs each model under its own LoggedModel;
# MLflow 2 writes it into the run's artifacts at `artifact_path`.
MLFLOW_PIN = re.compile(r"""(?im)^\s*(?:-\s*)?["']?mlflow(?:\[[\w,\s-]*\])?["']?\s*"""
                        r"""(?P<spec>(?:=\s*["'][^"'\n]*["']|[=<>~!^].*))$""")
PIN_FILES = re.compile(r"(^|/)(pyproject\.toml|requirements[^/]*\.txt|setup\.cfg|conda\.ya?ml|environment\.ya?ml|"
                       r"python_env\.ya?ml)$")


def mlflow_below_3(texts: dict[str, str]) -> str | None:
    """Where the project pins MLflow under 3 (a locator), when every pin it states does; None otherwise."""
    capped: list[str] = []
    for path, text in texts.items():
        if not PIN_FILES.search(path):
            continue
        for match in MLFLOW_PIN.finditer(text):
            spec = match["spec"].strip().lstrip("=").strip().strip("\"'").split("#")[0].strip()
            if not _under_3(spec):
                return None
            capped.append(file_locator(path, text.count("\n", 0, match.start()) + 1))
    return capped[0] if capped else None


def _under_3(spec: str) -> bool:
    exact = re.fullmatch(r"(?:==\s*|\^\s*|~=?\s*)?([0-2])(?:\.[\w.*]+)?", spec)
    upper = re.search(r"<\s*=?\s*(\d+)", spec)
    return bool(exact) or (upper is not None and (int(upper[1]) < 3 or ("=" not in upper[0] and upper[1] == "3")))


def shared_artifact_paths(files: list[FileChange], texts: dict[str, str]) -> list[SharedArtifactPath]:
    """Two `mlflow.<flavor>.log_model(...)` calls of one `with mlflow.start_run()` block that name the same
    `artifact_path` literal, one of them on a changed line, in a project that pins MLflow under 3."""
    pin = None
    out: list[SharedArtifactPath] = []
    for change in files:
        text = texts.get(change.path)
        if change.binary or change.status == "deleted" or text is None or not change.path.endswith(".py"):
            continue
        for second_line, first_line, artifact_path, calls, registered in remembered_for_file(
                "mlflow-shared-artifact-paths", change, text, functools.partial(_file_same_paths, change, text)):
            pin = pin or mlflow_below_3(texts)
            if pin is None:
                return []
            out.append(SharedArtifactPath(path=change.path, line=second_line, first_line=first_line,
                                          artifact_path=artifact_path, calls=list(calls), registered=list(registered),
                                          pin=pin))
    return out


SamePath = tuple[int, int, str, tuple[str, ...], tuple[str, ...]]


def _file_same_paths(change: FileChange, text: str) -> tuple[SamePath, ...]:
    """(line, first line, artifact path, callees, registered names) of each pair; once per file content."""
    try:
        tree = parse_python(text, change.path)
    except (SyntaxError, ValueError):
        return ()
    return tuple((second.lineno, first.lineno, path, (_callee(first), _callee(second)),
                  tuple(r for r in (_registered(first), _registered(second)) if r))
                 for first, second, path in _same_paths(tree, set(added_lines(change))))


def _same_paths(tree: ast.Module, added: set[int]) -> Iterator[tuple[ast.Call, ast.Call, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, (ast.With, ast.AsyncWith)) or not any(
                isinstance(item.context_expr, ast.Call) and _callee(item.context_expr).endswith("start_run")
                for item in node.items):
            continue
        seen: dict[str, ast.Call] = {}
        for statement in node.body:  # the block's own statements: no branch, loop or nested run between
            call = statement.value if isinstance(statement, (ast.Expr, ast.Assign)) else None
            if not isinstance(call, ast.Call) or not _is_log_model(call):
                continue
            path = _artifact_path(call)
            if path is None:
                continue
            if path in seen and (call.lineno in added or seen[path].lineno in added):
                yield seen[path], call, path
            seen.setdefault(path, call)


def _callee(call: ast.Call) -> str:
    parts: list[str] = []
    node: ast.expr = call.func
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _is_log_model(call: ast.Call) -> bool:
    name = _callee(call)
    return name.startswith("mlflow.") and name.endswith(".log_model")


def _artifact_path(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "artifact_path":
            value = keyword.value
            return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
    return None


def _registered(call: ast.Call) -> str | None:
    """The registered model name, as written (a literal, or the expression's source)."""
    for keyword in call.keywords:
        if keyword.arg == "registered_model_name":
            value = keyword.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
            return ast.unparse(value)
    return None


# A name the code registers a model under: `registered_model_name="churn"`, `registered_model_name = "churn"`,
# `mlflow.register_model(uri, "churn")` is left out (its name is positional and often computed).
REGISTERED_NAME = re.compile(r"""\bregistered_model_name\s*=\s*["']([^"'{}\s]+)["']""")
ANY_MODEL_URI = re.compile(r"models:/(?P<name>[^\s/@'\"`<>]+)[@/]")


def registered_names(python: dict[str, str], registry_names: list[str]) -> set[str]:
    """The registered model names the registry holds and the repository's code registers under a literal."""
    return set(registry_names) | {m[1] for text in python.values() for m in REGISTERED_NAME.finditer(text)}


def section_uri_slips(files: list[FileChange], texts: dict[str, str], known: set[str]) -> list[DocModelSlip]:
    """Model URIs a changed Markdown doc adds in a section that is about another registered model: the
    section (from its heading to the next one) names exactly one registered model outside URIs, not the
    URI's, while another section of the doc names the URI's model as its own (a command copied from it)."""
    out: list[DocModelSlip] = []
    for change in files:
        text = texts.get(change.path)
        if change.binary or change.status == "deleted" or text is None or not is_markdown(change.path):
            continue
        added = set(added_lines(change))
        sections = _sections(text)
        for start, end, heading in sections:
            lines = text.splitlines()[start - 1:end]
            own = _named(lines, known)
            if len(own) != 1:
                continue
            [(model, model_line)] = own.items()
            for number, line in enumerate(lines, start):
                for match in ANY_MODEL_URI.finditer(line) if number in added else ():
                    other = match["name"]
                    if other == model or other not in known:
                        continue
                    elsewhere = [(s, n) for s, e, _ in sections if s != start
                                 for n in [_named(text.splitlines()[s - 1:e], known).get(other)] if n]
                    if elsewhere:
                        out.append(DocModelSlip(
                            path=change.path, line=number, code=line.strip()[:160], uri_model=other,
                            section=heading, section_model=model, section_line=start + model_line,
                            other_line=elsewhere[0][0] + elsewhere[0][1]))
    return out


def _sections(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, heading) of each heading's own text, up to the next heading; fences skipped."""
    heads: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        opened = re.match(r"^\s{0,3}(`{3,}|~{3,})", line)
        if opened:
            fence = None if fence and opened[1].startswith(fence) else (fence or opened[1])
            continue
        heading = re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", line)
        if heading and fence is None:
            heads.append((number, heading[1]))
    total = len(text.splitlines())
    return [(n, (heads[i + 1][0] - 1) if i + 1 < len(heads) else total, h) for i, (n, h) in enumerate(heads)]


def _named(lines: list[str], known: set[str]) -> dict[str, int]:
    """Registered model names the lines name outside model URIs -> the offset of the first line naming each."""
    out: dict[str, int] = {}
    for offset, line in enumerate(lines):
        bare = ANY_MODEL_URI.sub(" ", line)
        for name in known:
            if name not in out and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", bare):
                out[name] = offset
    return out
