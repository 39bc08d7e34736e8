"""Slips that break code which looks fine: an argparse option read under another name, an argument
check joined with `and` that lets wrong values through, an environment variable name no shell can
set, and a GitHub release *page* used as a download URL."""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterator

from custody.agents.code_checks import Hit
from custody.agents.code_checks.pyast import (
    assigned_names,
    call_name,
    const_str,
    dotted,
    names_in,
    own_nodes,
    own_statements,
    scopes,
    source,
)

RULE = "hygiene.python-defect"
URL_RULE = "hygiene.broken-url"
STRAY_IN_ENV_NAME = re.compile(r"[`'\"$={}\s]")
RELEASE_PAGE = re.compile(r"https?://github\.com/[\w.\-]+/[\w.\-]+/releases/tag/[^/\s\"'`]+/[^\s\"'`)]+")
BLOB_FILE = re.compile(
    r"https?://github\.com/[\w.\-]+/[\w.\-]+/blob/[^\s\"'`)]+\.(?:csv|tsv|json|jsonl|parquet|pt|pth|ckpt|bin|pkl|"
    r"joblib|h5|onnx|zip|gz|npz|npy|safetensors|txt|yaml|yml)\b(?!\?raw=true)"
)
DOWNLOADERS = re.compile(r"(read_|load|download|urlretrieve|urlopen|get\(|fetch|wget|curl)", re.IGNORECASE)


def argparse_names(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`parser.add_argument("--ckeckpoint")` but `args.checkpoint`: an AttributeError at run time."""
    dests: dict[str, int] = {}
    namespaces: set[str] = set()
    rebound: set[str] = set()  # names also bound to something else than parse_args()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = call_name(node)
            if name in {"add_subparsers", "parse_known_args"} or any(k.arg == "parents" for k in node.keywords):
                return  # sub-commands, parent parsers, extra arguments: what exists is not all written here
            if name == "set_defaults":
                if any(k.arg is None for k in node.keywords):
                    return
                dests.update({k.arg: node.lineno for k in node.keywords if k.arg})
            elif name == "add_argument":
                dest = _dest(node)
                if dest is None:
                    return  # an option built at run time: nothing to compare with
                dests[dest] = node.lineno
            if name == "setattr" or (name == "update" and isinstance(node.func, ast.Attribute) and (
                    (isinstance(node.func.value, ast.Call) and call_name(node.func.value) == "vars")
                    or (isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "__dict__"))):
                return  # attributes added at run time
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and call_name(node.value) == "parse_args":
            namespaces |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.Assign):
            rebound |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            dests.setdefault(node.attr, node.lineno)  # args.extra = ...: set by the program itself
    namespaces -= rebound
    if not dests or not namespaces:
        return
    for scope in scopes(tree):
        local: set[str] = set()
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            local = {a.arg for a in [*scope.args.args, *scope.args.kwonlyargs, *scope.args.posonlyargs]}
        for node in own_nodes(scope):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in namespaces and node.value.id not in local
                    and isinstance(node.ctx, ast.Load) and node.attr not in dests and not node.attr.startswith("_")):
                continue
            near = difflib.get_close_matches(node.attr, list(dests), n=1)
            if node.lineno not in added and not (near and dests[near[0]] in added):
                continue
            hint = f" (the parser declares `{near[0]}`, line {dests[near[0]]})" if near else ""
            yield Hit(RULE, node.attr,
                      f"`{node.value.id}.{node.attr}` is read but no argument defines `{node.attr}`{hint}; "
                      f"this raises AttributeError when it runs ({path}:{node.lineno}).", path, node.lineno)
            return


def _dest(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "dest":
            return const_str(keyword.value)
    flags = [const_str(a) for a in call.args]
    if not flags or None in flags:
        return None
    names = [f for f in flags if f]
    long = next((f for f in names if f.startswith("--")), None)
    chosen = long or names[0]
    return chosen.lstrip("-").replace("-", "_")


def and_validation(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`if not isinstance(x, float) and not 0 <= x <= 1: raise` lets every float through."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.If) and node.lineno in added and isinstance(node.test, ast.BoolOp)
                and isinstance(node.test.op, ast.And) and any(isinstance(s, ast.Raise) for s in node.body)):
            continue
        typed: set[str] = set()
        ranged: set[str] = set()
        for value in node.test.values:
            inner = value.operand if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not) else None
            if isinstance(inner, ast.Call) and call_name(inner) == "isinstance" and inner.args:
                typed |= names_in(inner.args[0])
            elif isinstance(inner, ast.Compare) and any(
                isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in inner.ops
            ):
                ranged |= names_in(inner)
        both = sorted(typed & ranged)
        if both:
            yield Hit(RULE, both[0],
                      f"The check of `{both[0]}` joins the type test and the range test with `and` "
                      f"(`{source(node.test)}`): a value of the right type is never range-checked; use `or` "
                      f"({path}:{node.lineno}).", path, node.lineno)


def env_names(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`os.environ.get("`ASK_ASTRO_ENV")`: no shell sets such a name, the default always wins."""
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Call, ast.Subscript)) or node.lineno not in added:
            continue
        key: str | None = None
        if isinstance(node, ast.Call) and node.args:
            owner = dotted(node.func) or ""
            if owner.endswith(("environ.get", "getenv", "environ.setdefault", "environ.pop")):
                key = const_str(node.args[0])
        elif isinstance(node, ast.Subscript) and (dotted(node.value) or "").endswith("environ"):
            key = const_str(node.slice)
        if key and STRAY_IN_ENV_NAME.search(key):
            yield Hit(RULE, key,
                      f"The environment variable name {key!r} is not a valid variable name (stray character?); "
                      f"it is never set, so the lookup always falls back ({path}:{node.lineno}).",
                      path, node.lineno)


def broken_urls(path: str, added: list[tuple[int, str]]) -> Iterator[Hit]:
    """A `/releases/tag/<tag>/<file>` page or a `/blob/` page used where a file is downloaded."""
    if path.lower().endswith((".md", ".rst", ".txt", ".html", ".ipynb")):
        return
    for number, text in added:
        match = RELEASE_PAGE.search(text)
        if match:
            yield Hit(URL_RULE, "download url",
                      f"{path}:{number} points at a GitHub release page (`/releases/tag/`), not at the asset "
                      f"(`/releases/download/<tag>/<file>`): downloading it returns HTML or 404 "
                      f"(`{match.group(0)}`).", path, number)
            continue
        blob = BLOB_FILE.search(text)
        if blob and DOWNLOADERS.search(text):
            yield Hit(URL_RULE, "download url",
                      f"{path}:{number} downloads a GitHub `/blob/` page, which is HTML, not the file; use "
                      f"raw.githubusercontent.com or `?raw=true` (`{blob.group(0)}`).", path, number)


# sklearn.metrics functions whose arguments are (y_true, y_pred) and whose value changes when the two
# are swapped (accuracy and F1 are symmetric, so they are not here).
ASYMMETRIC_SKLEARN = {"precision_score", "recall_score", "roc_auc_score", "average_precision_score", "log_loss",
                      "r2_score", "explained_variance_score", "mean_absolute_percentage_error",
                      "classification_report", "confusion_matrix", "brier_score_loss", "precision_recall_curve",
                      "roc_curve", "fbeta_score", "mean_squared_log_error", "balanced_accuracy_score"}
PREDICTION = re.compile(r"^(y_?)?(pred|preds|predicted|predictions?|hat|yhat|y_hat|scores?|probs?|proba|"
                        r"prob(?:abilitie)?s|outputs?)(_\w+)?$|^(pred|preds|predictions?)_\w+$", re.IGNORECASE)
TRUTH = re.compile(r"^(y|y_?true|y_?test|y_?val|y_?valid|labels?|targets?|gold|truth|ground_?truth|y_?eval)$",
                   re.IGNORECASE)


def metric_argument_order(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`precision_score(y_pred, y_test)`: sklearn takes (y_true, y_pred); swapped, precision is recall."""
    imported = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                and (n.module or "").startswith("sklearn") for a in n.names}
    modules = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
               and n.module == "sklearn" for a in n.names if a.name == "metrics"}
    modules |= {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
                for a in n.names if a.name == "sklearn.metrics"}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.lineno in added and len(node.args) >= 2):
            continue
        name = call_name(node)
        owner = dotted(node.func.value) if isinstance(node.func, ast.Attribute) else None
        from_sklearn = (isinstance(node.func, ast.Name) and name in imported) or (owner in modules) or (
            owner == "sklearn.metrics")
        if name not in ASYMMETRIC_SKLEARN or not from_sklearn:
            continue
        first, second = (dotted(a) or "" for a in node.args[:2])
        if PREDICTION.match(first.split(".")[-1]) and TRUTH.match(second.split(".")[-1]):
            yield Hit(RULE, name,
                      f"`{source(node)}` passes the predictions first; sklearn's `{name}` takes (y_true, y_pred), "
                      f"so the result is a different metric (precision and recall trade places) "
                      f"({path}:{node.lineno}).", path, node.lineno)


def bypassed_parameters(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`def pipeline(data_path: str = DATA_PATH)` whose body still passes `data_path=DATA_PATH`: the
    module constant the parameter defaults to, where the same keyword elsewhere gets the parameter, so
    a caller's value reaches some calls and not that one."""
    module_names = {name for stmt in tree.body if isinstance(stmt, (ast.Assign, ast.AnnAssign))
                    for target in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
                    for name in assigned_names(target)}
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        defaults = _constant_defaults(function, module_names)
        if not defaults:
            continue
        body = [node for stmt in function.body for node in (stmt, *own_nodes(stmt))]
        rebound = {n for node in body if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For))
                   for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                   for n in assigned_names(t)}
        rebound |= {n for node in body if isinstance(node, (ast.Global, ast.Nonlocal)) for n in node.names}
        passed: dict[str, list[int]] = {}  # keyword -> lines where the parameter itself is passed
        for node in body:
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg and isinstance(kw.value, ast.Name) and kw.value.id in defaults:
                        passed.setdefault(kw.arg, []).append(kw.value.lineno)
        for node in body:
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:
                if not (kw.arg and isinstance(kw.value, ast.Name) and kw.value.id not in rebound):
                    continue
                parameter = next((p for p, constant in defaults.items() if constant[0] == kw.value.id
                                  and p not in rebound and (kw.arg == p or kw.arg in passed)), None)
                if parameter is None:
                    continue
                elsewhere = [line for line in passed.get(kw.arg, []) if line != kw.value.lineno]
                if kw.arg != parameter and not elsewhere:
                    continue
                declared = defaults[parameter][1]
                if kw.value.lineno not in added and declared not in added:
                    continue  # neither the parameter nor the call is new: not this change's doing
                also = (f"; line {elsewhere[0]} passes `{kw.arg}={parameter}`" if elsewhere else "")
                yield Hit(RULE, parameter,
                          f"`{function.name}` takes `{parameter}` (default `{kw.value.id}`, line {declared}), but "
                          f"line {kw.value.lineno} passes the module constant `{kw.arg}={kw.value.id}`{also}: a "
                          f"value given for `{parameter}` is ignored there ({path}:{kw.value.lineno}).",
                          path, kw.value.lineno)


def _constant_defaults(function: ast.FunctionDef | ast.AsyncFunctionDef,
                       module_names: set[str]) -> dict[str, tuple[str, int]]:
    """Parameter -> (the module-level name it defaults to, the parameter's line)."""
    positional = [*function.args.posonlyargs, *function.args.args]
    pairs = [*zip(positional[len(positional) - len(function.args.defaults):], function.args.defaults, strict=True),
             *((a, d) for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults, strict=True)
               if d is not None)]
    return {arg.arg: (default.id, arg.lineno) for arg, default in pairs
            if isinstance(default, ast.Name) and default.id in module_names and default.id != arg.arg}


def _binds_call(statements: list[ast.stmt], name: str) -> ast.Assign | None:
    """The branch's own statement `name = Something(...)`, if it has one."""
    for statement in statements:
        if (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)
                and [n for t in statement.targets for n in assigned_names(t)] == [name]
                and isinstance(statement.targets[0], ast.Name)):
            return statement
    return None


def _reads(nodes: list[ast.stmt], name: str) -> list[ast.Name]:
    return [n for s in nodes for n in ast.walk(s) if isinstance(n, ast.Name) and n.id == name
            and isinstance(n.ctx, ast.Load)]


def stranded_branch_use(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    """`if v2: runner = V2Runner() else: runner = V1Runner(); runner.run(p)`: both branches build the object,
    but the one call that uses it closes only one branch, so the other branch's object is never used and that
    path does nothing (the call was indented one level too deep). Judged in functions, for a name nothing
    else in the function reads, where the PR wrote the call or a binding."""
    for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        if any(isinstance(n, (ast.Global, ast.Nonlocal)) for n in own_nodes(function)):
            continue
        for node in own_nodes(function):
            if not isinstance(node, ast.If) or not node.orelse:
                continue
            for used, other, where in ((node.body, node.orelse, "if"), (node.orelse, node.body, "else")):
                last = used[-1]
                if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
                        and isinstance(last.value.func, ast.Attribute)
                        and isinstance(last.value.func.value, ast.Name)):
                    continue
                name = last.value.func.value.id
                mine, theirs = _binds_call(used, name), _binds_call(other, name)
                if mine is None or theirs is None or not {last.lineno, theirs.lineno} & added:
                    continue
                everywhere = _reads(list(own_statements(function)), name)
                inside = {id(n) for n in _reads(used, name)}
                if any(id(n) not in inside for n in everywhere):
                    continue  # the other branch's object is used somewhere: not stranded
                test = source(node.test, 60)
                yield Hit(RULE, name,
                          f"`{name}` is built in both branches of `if {test}:` (lines {theirs.lineno} and "
                          f"{mine.lineno}), but its only use, `{source(last, 60)}` (line {last.lineno}), closes "
                          f"the {'`if`' if where == 'if' else '`else:`'} branch: the object the other branch builds "
                          f"is never used, so that path does nothing. The call is likely indented one level too "
                          f"deep.", path, last.lineno)
