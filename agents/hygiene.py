"""The hygiene agent: what the diff alone shows (secrets, pins, seeds, disabled tests, defects)."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from custody.agents import code_checks
from custody.agents.code_checks import Hit
from custody.agents.code_checks.averaging import batch_average_hits
from custody.agents.code_checks.build_steps import RULE as BUILD_STEP_PATH
from custody.agents.code_checks.build_steps import stranded_outputs
from custody.agents.code_checks.dispatch import override_keywords
from custody.agents.code_checks.gates import config_gates, python_gates
from custody.agents.code_checks.leakage import fit_before_split_hits, fit_on_eval_hits
from custody.agents.code_checks.leftover_attributes import leftover_attribute_hits
from custody.agents.code_checks.metric_formulas import formula_hits
from custody.agents.code_checks.node_outputs import DISCARDED_OUTPUT, discarded_output_hits
from custody.agents.code_checks.order import shuffled_predictions
from custody.agents.code_checks.protocols import static_protocol_checks
from custody.agents.code_checks.pyast import parse, parses
from custody.agents.code_checks.repo_files import clock_seeds, committed_artifacts, local_paths
from custody.agents.code_checks.row_columns import row_columns
from custody.agents.code_checks.slips import (
    and_validation,
    argparse_names,
    broken_urls,
    bypassed_parameters,
    env_names,
    metric_argument_order,
    stranded_branch_use,
)
from custody.agents.code_checks.wrong_split import eval_with_train_transform, metric_on_train, target_in_features
from custody.reviewer.gather.content_cache import cache, code_version
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers import notebooks
from custody.reviewer.gather.readers.mlproject import undeclared_placeholders
from custody.reviewer.gather.readers.notebooks import notebook_code
from custody.reviewer.gather.snapshot import glob_match
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped, file_locator
from custody.reviewer.model.evidence.config_reads import StaleConfigRead
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.secrets import SHAPES, SOURCES, Shape, credential_name, entropy
from custody.reviewer.rules.book import RuleBook, RuleGuard

# A finding must be sure: the shapes as the providers issue them, full length, word-bounded.
SURE: list[tuple[Shape, dict[str, int]]] = [
    (SHAPES["aws-access-key-id"], {}),
    (SHAPES["github-token"], {"min": 36}),
    (SHAPES["github-fine-grained-token"], {"min": 40}),
    (SHAPES["anthropic-api-key"], {"min": 20}),
    (SHAPES["openai-api-key"], {"min": 32}),
    (SHAPES["slack-token"], {"min": 10}),
    (SHAPES["google-api-key"], {}),
    (SHAPES["private-key"], {}),  # the BEGIN line is enough: hygiene reads one added line at a time
    (SHAPES["hugging-face-token"], {"min": 34}),
]
SECRET_PATTERNS = [(shape.label, shape.compile(**tuning)) for shape, tuning in SURE]
CREDENTIAL = credential_name("password", "secret", "api_key", "access_key", "token", "auth")
# A credential-named assignment with a long literal value: `api_key = "3f9a..."`.
ASSIGNED_SECRET = re.compile(
    rf"""(?ix)
    {CREDENTIAL}\w*   # a credential-ish name
    \s*[:=]\s*
    ["']([^"'\s]{{16,}})["']                                             # a long quoted literal
    """
)
PLACEHOLDER = re.compile(
    r"(?i)(x{4,}|\*{4,}|changeme|example|dummy|placeholder|your[_-]|<|\$\{|\{\{|os\.environ|getenv)"
)
PLACEHOLDER_WORDS = re.compile(r"(?i)(changeme|example|dummy|placeholder|your[_-]|<|\$\{|\{\{)")
FILLER = re.compile(r"(?i)x{4,}|\*{4,}|0{6,}|\.{4,}")

# Part of every per-file cache key: this module's own source (and the secret shapes it tunes), so an edit
# retires old entries.
HYGIENE_VERSION = code_version(
    __file__, notebooks.__file__, *SOURCES,
    *sorted(str(p) for p in Path(code_checks.__file__).parent.glob("*.py")),
)
REQUIREMENT_FILES = ["requirements*.txt", "**/requirements*.txt", "constraints*.txt", "**/constraints*.txt"]
# A requirement line: a distribution name, then an optional specifier.
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._\-\[\],]*)\s*(.*?)\s*(?:#.*)?$")
PINNED = re.compile(r"==|===|@\s*\S+|--hash")

SEED_CALLS = re.compile(
    r"(?:random\.seed|np\.random\.seed|numpy\.random\.seed|torch\.manual_seed|tf\.random\.set_seed"
    r"|set_seed|seed_everything|default_rng\(\s*\w|random_state\s*=|RandomState\(\s*\w|seed\s*=)"
)
RANDOMIZED_CALLS = re.compile(
    r"\b(train_test_split|KFold|StratifiedKFold|ShuffleSplit|RandomForest\w+|ExtraTrees\w+|"
    r"GradientBoosting\w+|HistGradientBoosting\w+|RandomizedSearchCV|\.sample)\("
)
TEST_SKIP = re.compile(
    r"""(?x)
      ^\s*@pytest\.mark\.skip\b(?!if)  # unconditional skip marker
    | ^\s*@unittest\.skip\(             # unittest's skip decorator
    | ^\s*pytest\.skip\(                # a skip call in test code
    | \b(?:xit|xdescribe|it\.skip|describe\.skip)\(
    """
)
CI_WEAKENED = re.compile(r"^\s*(?:continue-on-error:\s*true|if:\s*false\b)")
TEST_PATH = re.compile(r"(^|/)(tests?/|test_[^/]*\.py$|[^/]*_test\.py$)")
FIT_ON_TEST = re.compile(
    r"\.(fit|fit_transform|partial_fit)\(\s*(?:[A-Za-z_]\w*\.)?(\w*(?:test|holdout)\w*)\b", re.IGNORECASE
)


def _added(change: FileChange) -> Iterator[tuple[int, str]]:
    for hunk in change.hunks:
        for line in hunk.added:
            yield line.number, line.text


def secrets(change: FileChange) -> Iterator[Hit]:
    for number, text in _added(change):
        for label, pattern in SECRET_PATTERNS:
            match = pattern.search(text)
            if match and not _placeholder(match.group(0)):
                yield Hit("hygiene.secret", label, f"{change.path} adds what looks like a {label}; "
                          "rotate it and load it from the environment or a secret store.",
                          change.path, number)
                break
        else:
            pattern = ASSIGNED_SECRET_UNQUOTED if CONFIG_FILE.search(change.path) else ASSIGNED_SECRET
            assigned = pattern.search(text)
            url = URL_CREDENTIALS.search(text)
            if (assigned and not PLACEHOLDER.search(text) and not DOCTEST.match(text)
                    and entropy(assigned.group(1)) >= 3.5
                    and _credential_name(assigned.group(0)) and not NOT_A_SECRET.search(assigned.group(1))):
                yield Hit("hygiene.secret", "hard-coded credential",
                          f"{change.path} assigns a literal credential; load it from the "
                          "environment or a secret store.", change.path, number)
            elif url and not PLACEHOLDER.search(url.group(0)) and entropy(url.group("password")) >= 2.5 and (
                url.group("password").lower() not in {"password", "passwd", "secret", "changeme", "pass"}
            ):
                yield Hit("hygiene.secret", "password in a URL",
                          f"{change.path} adds a URL with a user name and password in it (a database or "
                          "tracking-server URI); load the credentials from the environment or a secret store.",
                          change.path, number)


CONFIG_FILE = re.compile(r"(^|/)\.env[^/]*$|\.(env|ini|cfg|conf|properties|ya?ml|toml)$", re.IGNORECASE)
# In .env and config files values are often unquoted: `WANDB_API_KEY=4f9c...`.
ASSIGNED_SECRET_UNQUOTED = re.compile(
    rf"""(?ix) ^\s*(?:export\s+)?
    (?:[\w.-]*{CREDENTIAL}[\w.-]*)
    \s*[:=]\s*["']?([^"'\s#]{{16,}})["']?\s*(?:\#.*)?$"""
)
URL_CREDENTIALS = SHAPES["url-credentials"].compile()
CREDENTIAL_WORDS = {"password", "passwd", "pwd", "secret", "token", "auth", "apikey", "credential", "credentials"}
NOT_A_SECRET = re.compile(
    r"://|^[\w.+-]+@[\w-]+\.[\w.]+$|^[./~]|/"  # URLs, e-mail addresses, paths
    r"|^[A-Z][A-Z0-9_]+$"  # the NAME of an environment variable: ENV_API_KEY = "ANTHROPIC_API_KEY"
    r"|^[A-Za-z]+(?:[-_:.][A-Za-z]+)+$"  # words joined by separators: urn:ietf:params:oauth:...
    r"|(?:\.\.\.|…)$"  # a truncated example: "eyJhbGciOi..."
)
DOCTEST = re.compile(r"^\s*(>>>|\.\.\.)\s")


def _credential_name(assignment: str) -> bool:
    """`api_key = ...`, `AUTH_TOKEN = ...` name a credential; `AUTHOR_WEBSITE` and `__author_email__` do not."""
    name = re.split(r"\s*[:=]", assignment.strip(), maxsplit=1)[0].split()[-1]
    parts = re.split(r"[_.\-]", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower())
    words = {p for p in parts if p}
    return bool(words & CREDENTIAL_WORDS) or ("key" in words and bool(words & {"api", "access", "secret", "private"}))


def _placeholder(token: str) -> bool:
    """Documentation keys (AKIA…EXAMPLE) and X-filled templates are not secrets; a token that is
    mostly real characters with some filler at the end is a partly masked real one."""
    if PLACEHOLDER_WORDS.search(token) or "EXAMPLE" in token or entropy(token) < 3.0:
        return True
    filler = sum(len(run) for run in FILLER.findall(token))
    return filler * 2 >= len(token)


def unpinned(change: FileChange, head_text: str | None, min_share: float) -> Iterator[Hit]:
    if not any(glob_match(change.path, p) for p in REQUIREMENT_FILES) or head_text is None:
        return
    added = {n: t for n, t in _added(change)}
    others = [ln for ln in head_text.splitlines() if _is_requirement(ln) and ln not in added.values()]
    pinned_share = sum(1 for ln in others if PINNED.search(ln)) / len(others) if others else 0.0
    if pinned_share < min_share:
        return  # this file does not pin: asking for pins here would be noise
    for number, text in added.items():
        if _is_requirement(text) and not PINNED.search(text):
            name = REQUIREMENT.match(text)
            dist = name.group(1) if name else text.strip()
            yield Hit("hygiene.unpinned-dependency", dist,
                      f"`{dist}` is added without an exact version while {pinned_share:.0%} of "
                      f"{change.path} is pinned; pin it (`{dist}==X.Y.Z`).", change.path, number)


def _is_requirement(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(("#", "-", "git+", "http")) and bool(
        REQUIREMENT.match(stripped)
    )


def unseeded(change: FileChange, head_text: str | None) -> Iterator[Hit]:
    if not change.path.endswith(".py") or head_text is None or TEST_PATH.search(change.path):
        return
    if SEED_CALLS.search(head_text):
        return  # the file seeds somewhere; per-call checks would be noise
    for number, text in _added(change):
        match = RANDOMIZED_CALLS.search(text)
        if match:
            call = match.group(1).lstrip(".")
            yield Hit("hygiene.unseeded-randomness", call,
                      f"`{call}` is called without a seed and {change.path} sets none; pass "
                      "random_state (or seed once) so the run can be reproduced.", change.path, number)
            return


def _inside_condition(lines: list[str], number: int) -> bool:
    """Whether line `number` (1-based) sits in an if/else/except/with block rather than directly in
    its function: `pytest.skip()` under `except ImportError:` is a conditional skip."""
    if not 0 < number <= len(lines):
        return False
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    for line in reversed(lines[: number - 1]):
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#") or len(line) - len(stripped) >= indent:
            continue
        return not stripped.startswith(("def ", "async def ", "class ", "@"))
    return False


def disabled_tests(change: FileChange, head_text: str | None = None) -> Iterator[Hit]:
    if change.status == "deleted" and TEST_PATH.search(change.path) and change.path.endswith(".py"):
        yield Hit("hygiene.disabled-test", change.path,
                  f"The test file {change.path} is deleted; say which tests replace it.",
                  change.path, None)
        return
    is_ci = change.path.startswith(".github/workflows/") or change.path.endswith(
        (".gitlab-ci.yml", "Jenkinsfile")
    )
    lines = (head_text or "").splitlines()
    for number, text in _added(change):
        if text.lstrip().startswith("pytest.skip(") and _inside_condition(lines, number):
            continue
        if TEST_SKIP.search(text) and (TEST_PATH.search(change.path) or "pytest" in text):
            yield Hit("hygiene.disabled-test", "skip marker",
                      f"A test is skipped unconditionally in {change.path}; fix it or skip it with "
                      "a condition and a linked ticket.", change.path, number)
        elif is_ci and CI_WEAKENED.search(text):
            yield Hit("hygiene.disabled-test", "ci step",
                      f"A CI step in {change.path} can no longer fail (`{text.strip()}`).",
                      change.path, number)


def fit_on_test(change: FileChange) -> Iterator[Hit]:
    """By the name of what is fitted, for notebooks whose code does not parse (the others get the
    data-flow check)."""
    if not change.path.endswith(".ipynb") or TEST_PATH.search(change.path):
        return
    for number, text in _added(change):
        match = FIT_ON_TEST.search(text)
        if match:
            yield Hit("hygiene.fit-on-test", match.group(2),
                      f"`{match.group(1)}` is called on `{match.group(2)}` in {change.path}: test "
                      "data leaks into the model and its metrics become optimistic.",
                      change.path, number)


def python_checks(change: FileChange, head_text: str | None) -> Iterator[Hit]:
    """The `ast` checks of `code_checks` on the lines this change adds to a Python file or to the
    code cells of a notebook."""
    if TEST_PATH.search(change.path) or head_text is None:
        return
    added = {n for n, _ in _added(change)}
    if change.path.endswith(".ipynb"):
        yield from _notebook_checks(change, head_text, added)
        return
    tree = parse(head_text, change.path)
    if tree is not None:
        yield from _ast_checks(change.path, tree, added)


def _ast_checks(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    yield from fit_on_eval_hits(path, tree, added)
    yield from fit_before_split_hits(path, tree, added)
    yield from target_in_features(path, tree, added)
    yield from metric_on_train(path, tree, added)
    yield from eval_with_train_transform(path, tree, added)
    yield from formula_hits(path, tree, added)
    yield from clock_seeds(path, tree, added)
    yield from batch_average_hits(path, tree, added)
    yield from python_gates(path, tree, added)
    yield from argparse_names(path, tree, added)
    yield from and_validation(path, tree, added)
    yield from env_names(path, tree, added)
    yield from metric_argument_order(path, tree, added)
    yield from shuffled_predictions(path, tree, added)
    yield from bypassed_parameters(path, tree, added)
    yield from stranded_branch_use(path, tree, added)
    yield from override_keywords(path, tree, added)
    yield from row_columns(path, tree, added)


def _notebook_checks(change: FileChange, text: str, added: set[int]) -> Iterator[Hit]:
    code = notebook_code(text)
    tree = parse(code.source, change.path + ".py") if code is not None else None
    if code is None or tree is None:
        yield from fit_on_test(change)  # not parseable: fall back to names on the added lines
        return
    module_added = {m for m, n in code.lines.items() if n in added}
    for hit in _ast_checks(change.path, tree, module_added):
        line = code.notebook_line(hit.line)
        message = re.sub(rf"{re.escape(change.path)}:(\d+)",
                         lambda m: f"{change.path}:{code.notebook_line(int(m.group(1))) or m.group(1)}", hit.message)
        message = re.sub(r"\bline (\d+)", lambda m: f"line {code.notebook_line(int(m.group(1))) or m.group(1)}",
                         message)
        yield Hit(hit.rule, hit.subject, message, hit.path, line)


def python_defects(change: FileChange, head_text: str | None) -> Iterator[Hit]:
    if not change.path.endswith(".py") or head_text is None:
        return
    try:
        tree = parse_python(head_text, change.path)
    except (SyntaxError, ValueError):
        return
    added = {n for n, _ in _added(change)}
    on_request = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
                  and re.search(r"debug|pdb|trace", ast.unparse(node.test), re.IGNORECASE)
                  for stmt in node.body for inner in ast.walk(stmt)}
    for node in ast.walk(tree):
        line = getattr(node, "lineno", None)
        if line not in added or id(node) in on_request:
            continue
        found = _defect(node)
        if found:
            subject, message = found
            yield Hit("hygiene.python-defect", subject, f"{message} ({change.path}).", change.path, line)


def _defect(node: ast.AST) -> tuple[str, str] | None:
    if isinstance(node, ast.Compare):
        for op, right in zip(node.ops, node.comparators, strict=False):
            literal = isinstance(right, ast.Constant) and type(right.value) in (str, int, float, bytes)
            if isinstance(op, (ast.Is, ast.IsNot)) and literal:
                return "identity comparison", "`is` compares identity, not value, with a literal; use `==`"
    if isinstance(node, ast.Assert) and isinstance(node.test, ast.Tuple) and node.test.elts:
        return "assert on tuple", "This assert tests a non-empty tuple and can never fail"
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        positional = [*node.args.posonlyargs, *node.args.args]
        pairs = [*zip(positional[len(positional) - len(node.args.defaults):], node.args.defaults, strict=True),
                 *((a, d) for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True) if d is not None)]
        for arg, default in pairs:
            if isinstance(default, (ast.List, ast.Dict, ast.Set)) and _mutated(node, arg.arg):
                return "mutable default", (f"`{node.name}` changes its mutable default `{arg.arg}`, which is "
                                           "shared across calls")
    if isinstance(node, ast.ExceptHandler) and node.type is None and all(
        isinstance(stmt, (ast.Pass, ast.Continue)) for stmt in node.body
    ):
        return "bare except", "A bare `except:` that passes swallows every error, KeyboardInterrupt included"
    if isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == "breakpoint")
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "set_trace"
            and isinstance(node.func.value, ast.Name) and node.func.value.id in {"pdb", "ipdb", "pudb"})
    ):
        return "debugger call", "A debugger call is left in; a scheduled or CI run stops here and waits for input"
    return None


# The rules whose checks run on one parse of a changed Python file or notebook (`python_checks`).
AST_RULES = ("hygiene.fit-on-test", "hygiene.fit-before-split", "hygiene.metric-formula", "hygiene.clock-seed",
             "hygiene.batch-averaged-metric", "hygiene.target-in-features", "hygiene.permissive-gate",
             "hygiene.python-defect")
MUTATORS = {"append", "extend", "insert", "update", "add", "setdefault", "pop", "popitem", "remove", "clear",
            "discard", "sort", "reverse"}


def _mutated(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether the function body changes the object `name` refers to (a default only bites then)."""
    for node in ast.walk(function):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == name):
            return True
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name:
                    return True
                if isinstance(node, ast.AugAssign) and isinstance(target, ast.Name) and target.id == name:
                    return True
    return False


def file_hits(change: FileChange, text: str | None, min_share: float, guard: RuleGuard | None = None) -> list[Hit]:
    """Every hit in one changed file, from the content cache when this exact file and patch were
    checked before (a re-review after a push re-checks only what the push changed). Under a guard, a
    check that raises costs its own rule only."""
    key = digest("hygiene-file", HYGIENE_VERSION, str(min_share), change.content_key(), text or "\x00")
    store = cache()
    cached = store.get(key)
    if cached is not None:
        return [Hit(**h) for h in json.loads(cached)]
    run = guard or RuleGuard()
    failed_before = len(run.failed)
    added = list(_added(change))
    hits = [*run("hygiene.secret", lambda: secrets(change)),
            *run("hygiene.local-path", lambda: local_paths(change.path, added, text)),
            *run("hygiene.broken-url", lambda: broken_urls(change.path, added)),
            *run("hygiene.permissive-gate", lambda: config_gates(change.path, added)),
            *run("hygiene.unpinned-dependency", lambda: unpinned(change, text, min_share)),
            *run("hygiene.unseeded-randomness", lambda: unseeded(change, text)),
            *run("hygiene.disabled-test", lambda: disabled_tests(change, text)),
            *run("hygiene.python-defect", lambda: python_defects(change, text))]
    with run.of(*AST_RULES):  # the ast checks share one parse: a failure there costs each of their rules
        hits += list(python_checks(change, text))
    if guard is None and run.failed:
        raise RuntimeError(next(iter(run.failed.values())))
    if len(run.failed) == failed_before:
        store.put(key, json.dumps([asdict(h) for h in hits]).encode())
    return hits


def _replaced_test(hit: Hit, files: list[FileChange]) -> bool:
    """A deleted test file is not a disabled test when the change adds tests, or deletes the module
    the file tested (a rename or a removal of both)."""
    if hit.rule != "hygiene.disabled-test" or hit.line is not None:
        return False
    if any(f.status in {"added", "renamed"} and TEST_PATH.search(f.path) and f.path.endswith(".py") for f in files):
        return True
    stem = re.sub(r"^test_|_test$", "", hit.path.rsplit("/", 1)[-1].removesuffix(".py"))
    return any(f.status == "deleted" and f.path.rsplit("/", 1)[-1] == f"{stem}.py" for f in files)


DELETED_KEY = "hygiene.deleted-config-key"


def deleted_key_hits(evidence: Evidence) -> Iterator[Hit]:
    """One hit per deleted configuration key that head-tree code still reads: at a read in a file the
    change edits when there is one, naming how many other reads there are."""
    grouped: dict[tuple[str, str], list[StaleConfigRead]] = {}
    for read in evidence.stale_config_reads:
        grouped.setdefault((read.config, read.key), []).append(read)
    for (config, key), reads in grouped.items():
        first = sorted(reads, key=lambda r: (not r.changed, r.path, r.line))[0]
        others = sorted({f"{r.path}:{r.line}" for r in reads if r is not first})
        more = f"; also read at {', '.join(others)}" if others else ""
        yield Hit(DELETED_KEY, key,
                  f"The change deletes `{key}` from {config}, but `{first.expression}` still reads it "
                  f"({first.path}:{first.line}{more}); the read fails at run time. Keep the key, or update "
                  "every read of it.", first.path, first.line)


def protocol_hits(evidence: Evidence) -> Iterator[Hit]:
    """Added `isinstance` checks against a static `typing.Protocol` of the changed Python files."""
    python = [c for c in evidence.diff.files if c.path.endswith(".py") and c.status != "deleted"
              and not (c.binary or c.generated or c.vendored) and c.path in evidence.head_texts]
    yield from static_protocol_checks({c.path: evidence.head_texts[c.path] for c in python},
                                      {c.path: {n for n, _ in _added(c)} for c in python})


PROJECT_COMMAND = "hygiene.project-command"


def project_command_hits(evidence: Evidence) -> Iterator[Hit]:
    """A placeholder in an MLflow project entry point's command that no parameter of the entry point
    declares, where the change makes it so (the base project did not already have it)."""
    changed = {c.path for c in evidence.diff.files if c.status != "deleted"}
    for graph in evidence.shipped_pipelines:
        if graph.format != "mlflow_project" or graph.source not in changed:
            continue
        base = next((b for b in evidence.base_pipelines if b.source == graph.source), None)
        lines = evidence.head_texts.get(graph.source, "").splitlines()
        for stage in graph.stages:
            before = next((s for s in base.stages if s.name == stage.name), None) if base else None
            old = set(undeclared_placeholders(before)) if before else set()
            for name in undeclared_placeholders(stage):
                if name in old:
                    continue
                line = next((n for n, text in enumerate(lines, 1) if "{" + name + "}" in text), None)
                declared = ", ".join(f"`{p}`" for p in stage.params) or "none"
                yield Hit(PROJECT_COMMAND, name,
                          f"The `{stage.name}` entry point of {graph.source} puts `{{{name}}}` in its command but "
                          f"declares no parameter `{name}` (it declares {declared}); MLflow fills the command "
                          f"from the declared parameters only, so every `mlflow run` stops with KeyError: "
                          f"'{name}'.", graph.source, line)


def build_step_hits(evidence: Evidence) -> Iterator[Hit]:
    """A Cloud Build configuration the change edits, whose later step reads an earlier step's output from
    another folder (`stranded_outputs`)."""
    repository = set(evidence.head_files)
    for change in evidence.diff.files:
        text = evidence.head_texts.get(change.path)
        if change.status == "deleted" or change.binary or text is None:
            continue
        yield from stranded_outputs(change.path, text, {n for n, _ in _added(change)}, repository)


ENDPOINT_SCHEME = "hygiene.endpoint-scheme"


def endpoint_scheme_hits(evidence: Evidence) -> Iterator[Hit]:
    """Code the change points at a local address with the other scheme, while the repository's docs, task
    runners or configuration name that address only with the old one (the server it starts speaks that)."""
    for flip in evidence.scheme_flips:
        if not flip.old_elsewhere or flip.new_elsewhere:
            continue
        places = ", ".join(flip.old_elsewhere[:3])
        yield Hit(ENDPOINT_SCHEME, flip.new,
                  f"{flip.path} line {flip.line} (`{flip.code}`) now reaches `{flip.new}` where it reached "
                  f"`{flip.old}`, but the repository names "
                  f"that address only as `{flip.old}` ({places}), and nowhere as `{flip.new}`: a client using "
                  f"this value speaks {flip.new.split(':')[0].upper()} to a server the repository starts with "
                  f"{flip.old.split(':')[0].upper()}, and cannot connect.", flip.path, flip.line)


ENDPOINT_PORT = "hygiene.endpoint-port"


def endpoint_port_hits(evidence: Evidence) -> Iterator[Hit]:
    """Code the change points at a local address on another port, while the repository serves or reaches
    the old port (docs, run files, the file's own docstring) and names the new port nowhere."""
    for move in evidence.port_moves:
        if not move.old_served or move.new_named:
            continue
        places = ", ".join(move.old_served[:3])
        port = move.new.rsplit(":", 1)[1]
        yield Hit(ENDPOINT_PORT, port,
                  f"{move.path} line {move.line} (`{move.code}`) now reaches `{move.new}` where it reached "
                  f"`{move.old}`, but the repository serves or reaches that service on the old port ({places}) "
                  f"and nowhere names port {port}: nothing it starts listens there, so the client cannot "
                  "connect.", move.path, move.line)


ALIAS_CASE = "hygiene.model-alias-case"


def alias_case_hits(evidence: Evidence) -> Iterator[Hit]:
    """A changed line loading `models:/<name>@<alias>` where the registry's record of that model holds the
    alias only in another case, and no code of the repository sets it as written: MLflow looks an alias
    up by its exact name, so the load fails."""
    registry = evidence.registry
    if registry is None:
        return
    for uri in evidence.model_uris:
        model = registry.model(uri.name)
        if model is None or uri.alias_set_at:
            continue
        held = dict(model.aliases)
        for version in registry.versions_of(uri.name):
            held.update({alias: version.version for alias in version.aliases})
        same = sorted(a for a in held if a.lower() == uri.alias.lower() and a != uri.alias)
        if uri.alias in held or len(same) != 1:
            continue
        alias = same[0]
        yield Hit(ALIAS_CASE, uri.alias,
                  f"{uri.path} line {uri.line} (`{uri.code}`) loads `models:/{uri.name}@{uri.alias}`, but the "
                  f"registry's `{uri.name}` has the alias `{alias}` (version {held[alias]}), not `{uri.alias}`, "
                  f"and no code of the repository sets `{uri.alias}`. MLflow looks an alias up by its exact "
                  f"name, so the load fails (RESOURCE_DOES_NOT_EXIST): write `@{alias}`.", uri.path, uri.line,
                  [Citation(artifact="registry", locator=f"{registry.source}#/registered_models/{uri.name}/aliases/"
                                                         f"{alias}")])


SHARED_ARTIFACT_PATH = "hygiene.shared-artifact-path"


def shared_artifact_path_hits(evidence: Evidence) -> Iterator[Hit]:
    """Two models one run logs under the same artifact path, on MLflow 2: the second overwrites the first."""
    for shared in evidence.shared_artifact_paths:
        registered = (f"; both register that one location (as {' and '.join(f'`{r}`' for r in shared.registered)}), "
                      "so the two registered versions serve the same, second model"
                      if len(shared.registered) == 2 else "")
        yield Hit(SHARED_ARTIFACT_PATH, "artifact_path",
                  f"{shared.path} logs two models in one run under the same `artifact_path=\"{shared.artifact_path}\"` "
                  f"(`{shared.calls[0]}` line {shared.first_line}, `{shared.calls[1]}` line {shared.line}). The "
                  f"project pins MLflow 2 ({shared.pin}), which writes a model into the run's artifacts at that "
                  f"path: the second call overwrites the first model's files{registered}. Give each call its own "
                  "artifact_path.", shared.path, shared.line)


DOC_MODEL_URI = "hygiene.doc-model-uri"


def doc_model_uri_hits(evidence: Evidence) -> Iterator[Hit]:
    """A doc section about one registered model whose added command loads another section's model."""
    for slip in evidence.doc_model_slips:
        yield Hit(DOC_MODEL_URI, slip.uri_model,
                  f"{slip.path} line {slip.line} (`{slip.code}`) uses `{slip.uri_model}` in the section "
                  f"\"{slip.section}\", which is about `{slip.section_model}` (line {slip.section_line}); "
                  f"`{slip.uri_model}` is the model of another section (line {slip.other_line}). Followed as "
                  f"written, the command serves or loads the other model: name `{slip.section_model}`.",
                  slip.path, slip.line)


SNIPPET_NAME = "hygiene.doc-snippet-name"


def snippet_name_hits(evidence: Evidence) -> Iterator[Hit]:
    """A Python example in a changed doc that uses a name of the repository's module it imports from, without
    importing it: whoever copies the example gets NameError."""
    for slip in evidence.snippet_names:
        yield Hit(SNIPPET_NAME, slip.name,
                  f"The example in {slip.path} uses `{slip.name}` (line {slip.line}: `{slip.code}`) but imports "
                  f"only other names from `{slip.module}` (line {slip.import_line}), and nothing in the example "
                  f"or an earlier one binds `{slip.name}`; `{slip.module}` exports it ({slip.exported_at}). "
                  f"Copied as written, the example raises NameError: add `{slip.name}` to its import.",
                  slip.path, slip.line)


SNIPPET_CALL = "hygiene.doc-snippet-call"


def snippet_call_hits(evidence: Evidence) -> Iterator[Hit]:
    """A Python example in a changed doc that calls the repository's own class in a way its code refuses."""
    for slip in evidence.snippet_calls:
        yield Hit(SNIPPET_CALL, slip.name,
                  f"The example in {slip.path} (line {slip.line}: `{slip.code}`) cannot run against the code: "
                  f"{slip.problem} ({slip.defined_at}). Copied as written, it raises {slip.error}; fix the example "
                  "or the code so they agree.",
                  slip.path, slip.line)


DEAD_PARAMETER = "hygiene.dead-parameter"


def dead_parameter_hits(evidence: Evidence) -> Iterator[Hit]:
    """Parameters of changed functions that the change leaves without effect (`evidence.dead_parameters`)."""
    for dead in evidence.dead_parameters:
        name, function = f"`{dead.parameter}`", f"`{dead.function}`"
        kept = f"it is stored as `{dead.stored_as}`, which nothing reads, and" if dead.stored_as else "it is"
        if dead.how == "added":
            message = (f"{function} takes {name}, which this change adds, but never uses it: {kept} passed to no "
                       f"call, so a caller setting {name} changes nothing ({dead.path}:{dead.line}). Pass it on "
                       "where it should take effect, or drop it.")
            line = dead.line
        else:
            now = (f"; the head builds `{dead.head_use}` (line {dead.head_line}) without it"
                   if dead.head_use else "")
            message = (f"{function} still takes {name}, but the change removed its last use: the base used it in "
                       f"`{dead.base_use}` (base line {dead.base_line}){now}. Now {kept} read nowhere, so a caller's "
                       f"{name} has no effect ({dead.path}:{dead.head_line or dead.line}).")
            line = dead.head_line or dead.line
        yield Hit(DEAD_PARAMETER, dead.parameter, message, dead.path, line)


class HygieneAgent:
    name = "hygiene"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        min_share = float(rules.param("hygiene.unpinned-dependency", "min_pinned_share", 0.5))
        guard = rules.guard()
        hits: list[Hit] = guard("hygiene.committed-artifact",
                                lambda: committed_artifacts((c.path, c.status) for c in evidence.diff.files))
        for change in evidence.diff.files:
            if change.binary or change.generated or change.vendored:
                continue
            hits += file_hits(change, evidence.head_texts.get(change.path), min_share, guard)
            if change.truncated:
                result.skipped.append(
                    Skipped(what=f"{change.path} (part)", why="the diff is too large to check whole")
                )
        hits = [h for h in hits if not _replaced_test(h, evidence.diff.files)]
        hits += guard(DELETED_KEY, lambda: list(deleted_key_hits(evidence)))
        hits += guard(PROJECT_COMMAND, lambda: list(project_command_hits(evidence)))
        hits += guard(ENDPOINT_SCHEME, lambda: list(endpoint_scheme_hits(evidence)))
        hits += guard(ENDPOINT_PORT, lambda: list(endpoint_port_hits(evidence)))
        hits += guard(ALIAS_CASE, lambda: list(alias_case_hits(evidence)))
        hits += guard(SHARED_ARTIFACT_PATH, lambda: list(shared_artifact_path_hits(evidence)))
        hits += guard(DOC_MODEL_URI, lambda: list(doc_model_uri_hits(evidence)))
        hits += guard(BUILD_STEP_PATH, lambda: list(build_step_hits(evidence)))
        hits += guard(SNIPPET_NAME, lambda: list(snippet_name_hits(evidence)))
        hits += guard(SNIPPET_CALL, lambda: list(snippet_call_hits(evidence)))
        hits += guard("hygiene.python-defect", lambda: list(protocol_hits(evidence)))
        hits += guard(DEAD_PARAMETER, lambda: list(dead_parameter_hits(evidence)))
        hits += guard("hygiene.python-defect", lambda: list(leftover_attribute_hits(evidence)))
        hits += guard(DISCARDED_OUTPUT, lambda: list(discarded_output_hits(
            evidence.shipped_pipelines, evidence.base_pipelines, evidence.head_texts, evidence.diff.files)))
        python = [c.path for c in evidence.diff.files
                  if c.path.endswith((".py", ".ipynb")) and c.status != "deleted" and not TEST_PATH.search(c.path)]
        unparsed = [p for p in python if p.endswith(".py") and not parses(evidence.head_texts.get(p), p)]
        for path in unparsed:
            result.skipped.append(Skipped(what=f"{path} (code checks)", why="not parseable as Python 3"))
        if python:
            result.checked.append(
                f"hygiene: {len(python) - len(unparsed)} changed Python file(s) and notebook(s) for "
                "evaluation-data leakage, metric formulas, per-batch averaging, permissive gates, clock seeds "
                "and argument slips (added lines only)"
            )
        for hit in hits:
            finding = rules.finding(
                hit.rule, subject=hit.subject, message=hit.message,
                citations=[Citation(artifact="diff", locator=file_locator(hit.path, hit.line)), *hit.also],
                path=hit.path, line=hit.line, claim=rules.get(hit.rule).title,
                intent_source="hygiene rule pack", shipped=hit.message,
            )
            if finding is not None:
                result.findings.append(finding)
        result.checked.append(f"hygiene: {len(evidence.diff.files)} changed file(s)")
        guard.report(result)
        return result


AGENT = HygieneAgent()
