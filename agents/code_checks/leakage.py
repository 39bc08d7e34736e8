"""Evaluation data leaking into what is fitted.

Two defects, found with Python's `ast` in one module:
- fitting on the evaluation split: `.fit(X_test)`, `.fit_transform(X_val)` on a preprocessor,
  `cross_val_score(model, X_test, y_test)`, also through aliases (`X_fit = X_test`), swaps
  (`X_train, X_test = X_test, X_train`) and combinations (`pd.concat([X_train, X_test])`);
- fitting on all rows before the split: a scaler, encoder, imputer, selector or model fitted (in
  this function or in a helper of the same module it calls) on data that only afterwards goes
  through `train_test_split`, so test rows shape what the model is trained on.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from custody.agents.code_checks import Hit
from custody.agents.code_checks.pyast import (
    assigned_names,
    call_name,
    dotted,
    names_in,
    own_statements,
    root_name,
    scopes,
    source,
    tokens,
)

FIT_ON_EVAL = "hygiene.fit-on-test"
FIT_BEFORE_SPLIT = "hygiene.fit-before-split"

TEST_WORDS = {"test", "tst", "testing", "holdout", "heldout", "oot"}
VAL_WORDS = {"val", "valid", "validation", "dev"}
TRAIN_WORDS = {"train", "training", "trn"}
NOT_DATA = {"size", "ratio", "split", "fraction", "frac", "pct", "percent", "idx", "index", "indices", "ids",
            "mask", "score", "scores", "loss", "acc", "accuracy", "metric", "metrics", "auc", "r2", "mae",
            "mse", "rmse", "pred", "preds", "prediction", "predictions", "path", "file", "dir", "url", "name",
            "step", "steps", "freq", "every", "interval", "batch", "case", "cases", "mode", "fn", "func",
            "result", "results", "report", "time", "count", "len", "n", "num"}
FITS = {"fit", "fit_transform", "partial_fit", "fit_resample", "fit_predict"}
CROSS_VALIDATION = {"cross_val_score", "cross_validate", "cross_val_predict", "learning_curve",
                    "validation_curve", "permutation_test_score"}
SPLITS = {"train_test_split", "random_split"}
COMBINE = {"concat", "vstack", "hstack", "concatenate", "append", "cat", "stack", "row_stack", "merge"}
PASS_THROUGH = {"transform", "DataFrame", "array", "asarray", "copy", "deepcopy", "tensor", "Tensor",
                "as_tensor", "from_numpy", "TensorDataset", "DataLoader", "values", "to_numpy", "drop",
                "dropna", "fillna", "reset_index", "astype", "reshape", "Series", "float", "to"}
PREPROCESSOR = re.compile(
    r"(scaler|encoder|imputer|vectori[sz]er|normali[sz]er|selector|pca|svd|transformer|preprocessor|"
    r"binarizer|discretizer|tfidf|threshold|selectkbest|selectfrommodel|rfe|pipeline|featurizer)",
    re.IGNORECASE,
)
LABEL_ENCODER = re.compile(r"(^|_)(label|target|class|y)(_|$)|^Label|^MultiLabel", re.IGNORECASE)


def split_role(identifier: str) -> str | None:
    """'test', 'val' or 'train' for a variable named after a data split, else None."""
    lowered = identifier.lower()
    squashed = re.fullmatch(r"[xy]?(test|val|valid|train)[xy]?", lowered)
    if squashed:
        word = squashed.group(1)
        return "test" if word == "test" else "val" if word in {"val", "valid"} else "train"
    parts = tokens(identifier)
    if any(p in NOT_DATA for p in parts) or any(p.startswith("pytest") for p in parts):
        return None
    roles = {("test" if p in TEST_WORDS else "val" if p in VAL_WORDS else "train")
             for p in parts if p in TEST_WORDS | VAL_WORDS | TRAIN_WORDS}
    return roles.pop() if len(roles) == 1 else None


@dataclass
class Flow:
    """What each variable of one scope holds, as the statements run in order."""

    role: dict[str, str | None] = field(default_factory=dict)
    ctor: dict[str, str] = field(default_factory=dict)  # variable -> the class it was built from

    def of(self, node: ast.AST | None) -> str | None:
        if node is None:
            return None
        if isinstance(node, (ast.List, ast.Tuple)):
            return _combined({self.of(e) for e in node.elts})
        if isinstance(node, ast.Call):
            name = call_name(node)
            if name in COMBINE and node.args:
                roles = {self.of(a) for a in node.args}
                if isinstance(node.func, ast.Attribute):
                    roles.add(self.of(node.func.value))
                return _combined(roles)
            if name in PASS_THROUGH and node.args:
                return self.of(node.args[0])
            if isinstance(node.func, ast.Attribute) and name not in FITS:
                return self.of(node.func.value)  # X_test.copy(), X_test.drop(columns=...)
            return None
        root = root_name(node)
        if root is None:
            return None
        if root in self.role:
            return self.role[root]
        return split_role(root)

    def assign(self, targets: list[ast.expr], value: ast.expr) -> None:
        pairs: list[tuple[ast.expr, ast.expr | None]] = []
        for target in targets:
            if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) and len(
                target.elts
            ) == len(value.elts):
                pairs += list(zip(target.elts, value.elts, strict=True))
            else:
                pairs += [(t, value if isinstance(target, ast.Name) else None)
                          for t in ([target] if isinstance(target, ast.Name) else _names(target))]
        updates: dict[str, str | None] = {}
        for target, source_node in pairs:
            for name in assigned_names(target):
                found = self.of(source_node)
                updates[name] = found if found else split_role(name)
        self.role.update(updates)
        if len(targets) == 1 and isinstance(targets[0], ast.Name) and isinstance(value, ast.Call):
            self.ctor[targets[0].id] = call_name(value)


def _combined(roles: set[str | None]) -> str | None:
    """Training and evaluation rows put together are "all"; one role stays itself."""
    known = roles - {None}
    if "train" in known and known & {"test", "val", "all"}:
        return "all"
    return known.pop() if len(known) == 1 else None


def _names(target: ast.expr) -> list[ast.expr]:
    return [ast.Name(id=n) for n in assigned_names(target)]


def _data_args(call: ast.Call) -> list[ast.expr]:
    args = [a for a in call.args if not isinstance(a, ast.Starred)]
    args += [k.value for k in call.keywords if k.arg in {"X", "x", "y", "X_train", "y_train"}]
    return args


def _receiver(call: ast.Call) -> str:
    """`self.scaler` for `self.scaler.fit(X)`, `StandardScaler` for `StandardScaler().fit(X)`."""
    if not isinstance(call.func, ast.Attribute):
        return ""
    owner = call.func.value
    if isinstance(owner, ast.Call):
        return call_name(owner)
    return dotted(owner) or ""


def _is_preprocessor(receiver: str, flow: Flow) -> bool:
    last = receiver.split(".")[-1]
    return bool(PREPROCESSOR.search(receiver) or PREPROCESSOR.search(flow.ctor.get(last, "")))


def _is_label_encoder(receiver: str, flow: Flow) -> bool:
    last = receiver.split(".")[-1]
    return bool(LABEL_ENCODER.search(last) or LABEL_ENCODER.search(flow.ctor.get(last, "")))


def fit_on_eval_hits(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    for scope in scopes(tree):
        flow = Flow()
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # A parameter named X_test holds test data; nothing else is known about parameters.
            for arg in [*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs]:
                flow.role[arg.arg] = split_role(arg.arg)
        statements = own_statements(scope)
        for index, stmt in enumerate(statements):
            if stmt.lineno in added:
                for hit in _eval_fits(path, stmt, flow):
                    if not _final_refit(hit.subject, statements[:index], statements[index + 1:]):
                        yield hit
            if isinstance(stmt, ast.Assign):
                flow.assign(stmt.targets, stmt.value)
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                flow.assign([stmt.target], stmt.value)
            elif isinstance(stmt, (ast.For, ast.AsyncFor)):
                for name in assigned_names(stmt.target):
                    flow.role[name] = split_role(name)


EVALUATES = {"score", "predict", "predict_proba", "evaluate", "decision_function", "accuracy_score", "r2_score",
             "roc_auc_score", "f1_score", "classification_report", "mean_squared_error", "mean_absolute_error"}


def _final_refit(data: str, before: list[ast.stmt], after: list[ast.stmt]) -> bool:
    """Evaluated on that test data first and never again: the model is refitted on everything to
    ship it, after its score was taken (`print(clf.score(X_test, y_test)); clf.partial_fit(X_test, ...)`)."""
    def evaluated(statements: list[ast.stmt]) -> bool:
        return any(isinstance(n, ast.Call) and call_name(n) in EVALUATES
                   and any(source(a, 40) == data for a in n.args)
                   for stmt in statements for n in ast.walk(stmt))
    return evaluated(before) and not evaluated(after)


def _eval_fits(path: str, stmt: ast.stmt, flow: Flow) -> Iterator[Hit]:
    if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.FunctionDef, ast.ClassDef)):
        return  # their inner statements come on their own
    for node in ast.walk(stmt):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node)
        if name in FITS and isinstance(node.func, ast.Attribute):
            receiver = _receiver(node) or source(node.func.value, 40)
            if len(node.args) >= 3 and any(flow.of(arg) == "train" for arg in node.args):
                continue  # an API that takes both splits (fit(X_train, y_train, X_val, y_val))
            for arg in _data_args(node):
                role = flow.of(arg)
                if role in {"test", "all"} or (
                    role == "val" and (name == "fit_transform" or _is_preprocessor(receiver, flow))
                ):
                    what = {"all": "training and evaluation rows together", "val": "the validation split"}.get(
                        role or "", "the test split")
                    yield Hit(FIT_ON_EVAL, source(arg, 40),
                              f"`{source(node)}` fits `{receiver}` on `{source(arg, 40)}`, "
                              f"which holds {what}: data leakage, evaluation data shapes what is learned and "
                              f"its metrics become optimistic ({path}:{node.lineno}).", path, node.lineno)
                    break
            monitored = _test_for_model_selection(node, flow)
            if monitored:
                yield Hit(FIT_ON_EVAL, monitored,
                          f"`{source(node)}` monitors `{monitored}`, the test split, to stop training or pick the "
                          f"best checkpoint: data leakage, the test set chooses the model and its score is no longer "
                          f"held out; monitor a validation split ({path}:{node.lineno}).", path, node.lineno)
        elif name in CROSS_VALIDATION and len(node.args) >= 2:
            data = node.args[1]
            if flow.of(data) == "test":
                yield Hit(FIT_ON_EVAL, source(data, 40),
                          f"`{name}` refits the model on folds of `{source(data, 40)}`, the test split; the "
                          f"score is neither cross-validation on training data nor a held-out score "
                          f"({path}:{node.lineno}).", path, node.lineno)


MONITOR_KEYWORDS = {"eval_set", "validation_data", "eval_dataset", "valid_sets", "val_dataloaders", "eval_data"}
SELECTION = re.compile(r"early_?stopping|EarlyStopping|ModelCheckpoint|best_model|load_best", re.IGNORECASE)


def _test_for_model_selection(call: ast.Call, flow: Flow) -> str | None:
    """The test-split variable a fit monitors for early stopping or checkpoint selection, if any."""
    selects = any(SELECTION.search(k.arg or "") or SELECTION.search(ast.unparse(k.value)) for k in call.keywords)
    if not selects:
        return None
    for keyword in call.keywords:
        if keyword.arg in MONITOR_KEYWORDS:
            for node in ast.walk(keyword.value):
                if isinstance(node, (ast.Name, ast.Attribute)) and flow.of(node) == "test":
                    return source(node, 40)
    return None


# ---- fitted on all rows before the split ---------------------------------------------------------

@dataclass(frozen=True)
class Fit:
    what: str  # "scaler (RobustScaler)"
    name: str  # "scaler"
    line: int
    where: str  # "" or "in `preprocess_data`"


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    found: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, []).append(node)
    return {name: defs[0] for name, defs in found.items() if len(defs) == 1}


def _fit_of(call: ast.Call, flow: Flow, where: str) -> Fit | None:
    receiver = _receiver(call)
    if not receiver or _is_label_encoder(receiver, flow):
        return None
    if not _data_args(call) or flow.of(_data_args(call)[0]) is not None:
        return None  # already a split (X_train, X_test): not all rows
    last = receiver.split(".")[-1]
    ctor = flow.ctor.get(last)
    return Fit(f"{last} ({ctor})" if ctor and ctor != last else last, last, call.lineno, where)


class Helpers:
    """What each function of the module fits on its own parameters (computed once, on demand)."""

    def __init__(self, tree: ast.Module) -> None:
        self.functions = _functions(tree)
        self.summaries: dict[str, list[Fit]] = {}

    def fits(self, name: str, depth: int = 0) -> list[Fit]:
        if name in self.summaries:
            return self.summaries[name]
        self.summaries[name] = []  # recursion guard
        function = self.functions.get(name)
        if function is None or depth > 3:
            return []
        params = {a.arg for a in [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]}
        derived = params - {"self", "cls"}
        flow = Flow()
        for arg in params:
            flow.role[arg] = split_role(arg)
        found: list[Fit] = []
        for stmt in own_statements(function):
            for node in ast.walk(stmt) if not isinstance(stmt, (ast.If, ast.For, ast.While, ast.With)) else []:
                if isinstance(node, ast.Call) and call_name(node) in FITS and _data_args(node):
                    if names_in(_data_args(node)[0]) & derived:
                        fit = _fit_of(node, flow, f"in `{function.name}`")
                        if fit:
                            found.append(fit)
                elif isinstance(node, ast.Call) and names_in(node) & derived:
                    callee = call_name(node)
                    if callee in self.functions and callee != name:
                        found += self.fits(callee, depth + 1)
            if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and stmt.value is not None:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                if names_in(stmt.value) & derived:
                    derived |= {n for t in targets for n in assigned_names(t)}
                if isinstance(stmt, ast.Assign):
                    flow.assign(stmt.targets, stmt.value)
            elif isinstance(stmt, (ast.For, ast.AsyncFor)) and names_in(stmt.iter) & derived:
                derived |= set(assigned_names(stmt.target))
        self.summaries[name] = found
        return found


def fit_before_split_hits(path: str, tree: ast.Module, added: set[int]) -> Iterator[Hit]:
    helpers = Helpers(tree)
    for scope in scopes(tree):
        yield from _before_split(path, scope, helpers, added)


def _before_split(path: str, scope: ast.AST, helpers: Helpers, added: set[int]) -> Iterator[Hit]:
    statements = own_statements(scope)
    split = next((c for s in statements for c in _calls(s) if call_name(c) in SPLITS), None)
    if split is None:
        return
    flow = Flow()
    tainted: dict[str, list[tuple[Fit, int]]] = {}  # variable -> (fit, line of the call that fitted)
    fitted: dict[str, list[tuple[Fit, int]]] = {}  # receiver fitted on all rows -> that fit
    for stmt in statements:
        if stmt.lineno >= split.lineno:
            break
        if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
            continue
        fits: list[tuple[Fit, int]] = []
        for call in _calls(stmt):
            name = call_name(call)
            if name in FITS:
                fit = _fit_of(call, flow, "")
                if fit:
                    fits.append((fit, call.lineno))
                    if name in {"fit", "partial_fit"}:
                        fitted.setdefault(_receiver(call), []).append((fit, call.lineno))
            elif name in {"transform"} and _receiver(call) in fitted:
                fits += fitted[_receiver(call)]
            elif name in helpers.functions and name not in SPLITS and not all(
                flow.of(a) is not None for a in call.args
            ):
                fits += [(fit, call.lineno) for fit in helpers.fits(name)]
        value = getattr(stmt, "value", None)
        if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            carried = [t for n in names_in(value) for t in tainted.get(n, [])]
            for target in targets:
                for name in assigned_names(target):
                    tainted[name] = _unique(fits + carried)
            if isinstance(stmt, ast.Assign):
                flow.assign(stmt.targets, stmt.value)
    leaks = _unique([t for arg in split.args for n in names_in(arg) for t in tainted.get(n, [])])
    groups: dict[str, list[tuple[Fit, int]]] = {}
    for leak in sorted(leaks, key=lambda t: t[0].line):
        groups.setdefault(leak[0].where, []).append(leak)
    for group in groups.values():
        yield from _leak_hit(path, group, split, added)


def _leak_hit(path: str, leaks: list[tuple[Fit, int]], split: ast.Call, added: set[int]) -> Iterator[Hit]:
    cited = next((f.line for f, _ in leaks if f.line in added), None) or next(
        (at for _, at in leaks if at in added), None) or (split.lineno if split.lineno in added else None)
    if cited is None:
        return
    described = ", ".join(
        f"`{f.what}` {f.where + ' ' if f.where else ''}(line {f.line}{f', via line {at}' if at != f.line else ''})"
        for f, at in leaks
    )
    yield Hit(FIT_BEFORE_SPLIT, ", ".join(dict.fromkeys(f.name for f, _ in leaks)),
              f"{described} {'is' if len(leaks) == 1 else 'are'} fitted on all rows before `{call_name(split)}` "
              f"(line {split.lineno}) splits them: data leakage, test-set statistics reach training; split first "
              f"and fit on the training rows only ({path}:{cited}).", path, cited)


def _calls(stmt: ast.stmt) -> list[ast.Call]:
    if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.FunctionDef, ast.AsyncFunctionDef,
                         ast.ClassDef)):
        return []
    calls = [n for n in ast.walk(stmt) if isinstance(n, ast.Call)]
    return sorted(calls, key=lambda c: (c.lineno, c.col_offset))


def _unique(items: list[tuple[Fit, int]]) -> list[tuple[Fit, int]]:
    return list(dict.fromkeys(items))
