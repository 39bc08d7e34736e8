"""What a changed file adds, read from its diff and head text: names, test functions, config keys.

Everything here is static: Python is parsed (never imported), other files are read line by line.
A file that does not parse falls back to the added lines alone, never to an error.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.evidence.diff import FileChange, Hunk

TEST_PATH = re.compile(r"(?i)(^|/)(tests?|testing|specs?|__tests__)/|(^|/)test_[^/]*$|_test\.\w+$|\.(test|spec)\.\w+$|"
                       r"(^|/)conftest\.py$")
SKIP_MARKER = re.compile(
    r"@pytest\.mark\.(?:skip|skipif|xfail)\b|@(?:unittest\.)?skip(?:If|Unless)?\b|\bpytest\.(?:skip|xfail)\(|"
    r"\bself\.skipTest\(|\b(?:it|describe|test)\.skip\(|\bxit\(|\bskip\(\s*[\"']"
)
DEF_LINE = re.compile(r"^\s*(?:async\s+)?def\s+(\w+)")
CLASS_LINE = re.compile(r"^\s*class\s+(\w+)")
COLUMN_PATTERNS = (
    re.compile(r"\[\s*[\"']([\w\-. ]{1,60})[\"']\s*\]\s*="),  # df["name"] = ...
    re.compile(r"\.withColumn\(\s*[\"']([\w\-. ]{1,60})[\"']"),  # spark
    re.compile(r"\.alias\(\s*[\"']([\w\-. ]{1,60})[\"']"),
    re.compile(r"\.assign\(\s*(\w+)\s*="),
)
MAX_LINE = 400  # longer lines (minified JSON, data) are not read for keys or literals
CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".ini", ".cfg", ".conf", ".env", ".properties")
# `key: value`, `key = value`, `"key": value`, `key=value,` with a scalar value.
KEY_VALUE = re.compile(
    r"""^\s*(?:-\s+)?["']?(?P<key>[A-Za-z_][\w.\-]{0,60})["']?\s*(?P<sep>[:=])\s*(?P<value>[^\s#{\[][^#]*?)?\s*,?\s*(?:\#.*)?$"""
)
SECTION = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*$")
JSON_PARENT = re.compile(r"""^\s*["'](?P<key>[^"']{1,60})["']\s*:\s*[{\[]\s*$""")
YAML_PARENT = re.compile(r"""^\s*(?:-\s+)?["']?(?P<key>[A-Za-z_][\w.\-]{0,60})["']?\s*:\s*(?:#.*)?$""")
PY_ASSIGN = re.compile(r"^(?P<key>[A-Za-z_]\w{0,60})\s*(?::\s*[\w\[\], .]+)?=\s*(?P<value>[^=].*?)\s*(?:#.*)?$")


@dataclass(frozen=True)
class AddedName:
    kind: str  # "function", "method", "class", "column", "file", "key"
    name: str
    path: str
    line: int


@dataclass(frozen=True)
class ChangedTest:
    name: str
    path: str
    line: int
    added: bool  # the function itself is new, not only edited


@dataclass(frozen=True)
class SkipMarker:
    path: str
    line: int
    text: str


@dataclass(frozen=True)
class KeyChange:
    path: str
    line: int  # head line of the new value; base line when the key was removed
    key: str  # dotted path: `model.cv_folds`, `thresholds.min_auc`, `MIN_AUC`
    old: str | None  # None: the key was added
    new: str | None  # None: the key was removed
    compared: bool = False  # a literal a comparison tests against (`if auc < 0.8`): a threshold by use

    @property
    def leaf(self) -> str:
        return self.key.rsplit(".", 1)[-1]


def is_test_path(path: str) -> bool:
    return bool(TEST_PATH.search(path))


def is_config_path(path: str) -> bool:
    lower = path.lower()
    return lower.endswith(CONFIG_SUFFIXES) or lower.rsplit("/", 1)[-1] in {".env", "params"}


def added_lines(change: FileChange) -> dict[int, str]:
    return {line.number: line.text for hunk in change.hunks for line in hunk.added}


def _python(text: str | None, path: str) -> ast.Module | None:
    if not text or not path.endswith(".py"):
        return None
    try:
        return parse_python(text, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def added_names(change: FileChange, head_text: str | None) -> list[AddedName]:
    """Functions, classes and data columns the change defines anew, and the file itself when added."""
    if change.status == "deleted" or change.binary:
        return []
    added = added_lines(change)
    names: list[AddedName] = []
    if change.status == "added":
        stem = change.path.rsplit("/", 1)[-1].split(".", 1)[0]
        names.append(AddedName("file", stem, change.path, 1))
    tree = _python(head_text, change.path)
    if tree is not None:
        methods = {id(f) for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for f in c.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.lineno in added:
                kind = "class" if isinstance(node, ast.ClassDef) else "method" if id(node) in methods else "function"
                names.append(AddedName(kind, node.name, change.path, node.lineno))
    elif change.path.endswith(".py"):
        for number, text in added.items():
            for kind, pattern in (("function", DEF_LINE), ("class", CLASS_LINE)):
                match = pattern.match(text)
                if match:
                    names.append(AddedName(kind, match[1], change.path, number))
    if change.path.endswith((".py", ".sql", ".scala", ".r", ".R")):
        for number, text in added.items():
            for pattern in COLUMN_PATTERNS:
                names += [AddedName("column", m, change.path, number) for m in pattern.findall(text)]
    return sorted(set(names), key=lambda n: (n.line, n.kind, n.name))


def _test_functions(tree: ast.Module) -> list[tuple[str, int, int, int]]:
    """(name, first line with decorators, def line, last line) of every test function and method."""
    out: list[tuple[str, int, int, int]] = []

    def visit(body: list[ast.stmt], in_test_class: bool) -> None:
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                out.append((node.name, first, node.lineno, node.end_lineno or node.lineno))
            elif isinstance(node, ast.ClassDef):
                visit(node.body, node.name.startswith("Test") or in_test_class)

    visit(tree.body, False)
    return out


def _meaningful(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#") and not SKIP_MARKER.search(stripped)


def added_doctests(change: FileChange) -> list[ChangedTest]:
    """Doctest examples (`>>> ...`) the change adds to a docstring: tests that live in the code."""
    if change.status == "deleted" or change.binary or not change.path.endswith((".py", ".md", ".rst")):
        return []
    lines = [n for n, t in sorted(added_lines(change).items()) if t.lstrip().startswith(">>> ")]
    return [ChangedTest("doctest", change.path, lines[0], True)] if lines else []


def changed_tests(change: FileChange, head_text: str | None) -> tuple[list[ChangedTest], list[SkipMarker]]:
    """Test functions the change adds or edits (parametrize cases included), and skip markers it adds.

    An edit that only adds a skip, skipif or xfail marker (or blank lines and comments) changes no test."""
    if change.status == "deleted" or change.binary or not is_test_path(change.path):
        return [], []
    added = added_lines(change)
    skips = [SkipMarker(change.path, n, t.strip()) for n, t in sorted(added.items()) if SKIP_MARKER.search(t)]
    tree = _python(head_text, change.path)
    tests: list[ChangedTest] = []
    if tree is not None:
        for name, first, def_line, last in _test_functions(tree):
            # Decorator lines count (a parametrize case is a test case); a skip marker does not.
            if any(n in added and _meaningful(added[n]) for n in range(first, last + 1)):
                tests.append(ChangedTest(name, change.path, def_line, def_line in added))
    elif not change.path.endswith(".py"):  # R, JS and other suites: any real added line counts
        lines = [n for n, t in sorted(added.items()) if _meaningful(t)]
        if lines:
            tests.append(ChangedTest(change.path.rsplit("/", 1)[-1], change.path, lines[0], change.status == "added"))
    else:
        for number, text in sorted(added.items()):
            match = DEF_LINE.match(text)
            if match and match[1].startswith("test"):
                tests.append(ChangedTest(match[1], change.path, number, True))
    return tests, skips


def _scalar(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().rstrip(",").strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value or None


def _parents(lines: list[str], index: int, style: str) -> list[str]:
    """The keys enclosing line `index` (0-based): YAML/JSON by indentation, INI/TOML by section."""
    if style == "section":
        for i in range(index - 1, -1, -1):
            match = SECTION.match(lines[i])
            if match:
                return [match[1].strip().strip("\"'")]
        return []
    indent = len(lines[index]) - len(lines[index].lstrip())
    parents: list[str] = []
    pattern = JSON_PARENT if style == "json" else YAML_PARENT
    for i in range(index - 1, -1, -1):
        text = lines[i]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        level = len(text) - len(text.lstrip())
        if level < indent:
            match = pattern.match(text)
            if match:
                parents.insert(0, match["key"])
            indent = level
            if level == 0:
                break
    return parents


def _style(path: str) -> str:
    lower = path.lower()
    if lower.endswith((".toml", ".ini", ".cfg", ".conf", ".properties")):
        return "section"
    if lower.endswith(".json"):
        return "json"
    return "yaml"


def _key_values(lines: dict[int, str], python: bool) -> dict[str, tuple[int, str | None]]:
    out: dict[str, tuple[int, str | None]] = {}
    for number, text in sorted(lines.items()):
        if len(text) > MAX_LINE:
            continue  # minified or generated: no key worth reading, and a long line is slow to match
        if python:
            match = PY_ASSIGN.match(text)  # module level only: no indentation
            if match:
                out.setdefault(match["key"], (number, _scalar(match["value"])))
            continue
        match = KEY_VALUE.match(text)
        if match and match["value"] is not None:
            out.setdefault(match["key"], (number, _scalar(match["value"])))
    return out


def key_changes(change: FileChange, head_text: str | None) -> list[KeyChange]:
    """Config keys (and Python module constants) whose value the change sets, changes or removes.

    Keys are paired by name within a hunk: a removed `min_auc: 0.8` and an added `min_auc: 0.75` are
    one change; the same value removed and re-added (a move or a re-indent) is none."""
    python = change.path.endswith(".py")
    config = is_config_path(change.path)
    if change.binary:
        return []
    if not (python or config):  # other code: only literals a comparison tests against (`rate > 0.05`)
        return [k for h in change.hunks for k in _literal_edits(change.path, h) if k.compared]
    head_lines = (head_text or "").splitlines()
    style = _style(change.path)
    out: list[KeyChange] = []
    for hunk in change.hunks:
        new = _key_values({d.number: d.text for d in hunk.added}, python)
        old = _key_values({d.number: d.text for d in hunk.removed}, python)
        for key, (number, value) in new.items():
            before = old.get(key)
            if before is not None and before[1] == value:
                continue
            dotted = key
            if not python and 0 < number <= len(head_lines):
                dotted = ".".join([*_parents(head_lines, number - 1, style), key])
            out.append(KeyChange(change.path, number, dotted, before[1] if before else None, value))
        for key, (number, value) in old.items():
            if key not in new:
                out.append(KeyChange(change.path, number, key, value, None))
        literal = _literal_edits(change.path, hunk)
        compared = {k.line for k in literal if k.compared}  # `expr: rate > 0.05`: the comparison names it
        out = [k for k in out if k.line not in compared]
        seen = {k.line for k in out}
        out += [k for k in literal if k.compared or (python and k.line not in seen)]
    return out


NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e-?\d+)?(?![\w.])")
KWARG_BEFORE = re.compile(r"(\w+)\s*=\s*$")
COMPARED_BEFORE = re.compile(r"([\w.\]\[\"']+?)\s*(?:[<>]=?|==)\s*$")
COMPARED_AFTER = re.compile(r"^\s*(?:[<>]=?|==)\s*([\w.]+)")


def _expression_name(expr: str) -> str:
    """`metrics["auc"]` → `auc`, `self.cfg.min_auc` → `min_auc`."""
    keyed = re.findall(r"""\[\s*["']([\w.\-]+)["']\s*\]""", expr)
    if keyed:
        return str(keyed[-1])
    words = re.findall(r"\w+", expr)
    return words[-1] if words else expr


def _literal_edits(path: str, hunk: Hunk) -> list[KeyChange]:
    """A line rewritten with only a number changed: `threshold=0.5` → `0.6`, `if auc < 0.8` → `0.7`.

    Named by the keyword or the compared expression; an indented `name = 0.5` by its name."""
    out: list[KeyChange] = []
    if len(hunk.added) != len(hunk.removed):
        return out
    for before, after in zip(hunk.removed, hunk.added, strict=True):
        if len(after.text) > MAX_LINE or len(before.text) > MAX_LINE:
            continue
        if NUMBER.sub("#", before.text).strip() != NUMBER.sub("#", after.text).strip():
            continue
        olds, news = list(NUMBER.finditer(before.text)), list(NUMBER.finditer(after.text))
        for old, new in zip(olds, news, strict=True):
            if old[0] == new[0]:
                continue
            head = after.text[: new.start()]
            kwarg, compared = KWARG_BEFORE.search(head), COMPARED_BEFORE.search(head)
            follows = COMPARED_AFTER.match(after.text[new.end():])
            name = kwarg[1] if kwarg else compared[1] if compared else follows[1] if follows else None
            if name:
                out.append(KeyChange(path, after.number, _expression_name(name), old[0], new[0],
                                     compared=bool(compared or follows) and not kwarg))
    return out
