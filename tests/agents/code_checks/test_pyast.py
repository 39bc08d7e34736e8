"""The `ast` helpers the code checks share: parsing that never raises, names, scopes and calls, on real code."""

from __future__ import annotations

import ast

import pytest
from custody.agents.code_checks.pyast import (
    TEST_PATH,
    assigned_names,
    call_name,
    const_str,
    dotted,
    names_in,
    own_nodes,
    own_statements,
    parse,
    root_name,
    scopes,
    source,
    tokens,
)

# A training script as ML repositories write it (scikit-learn's own examples look like this).
TRAIN = '''\
import numpy as np
from sklearn.preprocessing import StandardScaler

np.random.seed(0)


def load(path):
    return np.loadtxt(path)


class Trainer:
    def fit(self, X_train, X_test):
        self.scaler = StandardScaler()
        X_train, (a, *rest) = self.scaler.fit_transform(X_train), (1, 2, 3)

        def inner():
            return X_test.copy()

        if X_train is not None:
            score = (lambda x: x)(X_test.iloc[:, 1:].values)
        return score
'''


def tree() -> ast.Module:
    module = parse(TRAIN, "train.py")
    assert module is not None
    return module


def test_parse_gives_none_for_anything_that_is_not_python_it_can_read() -> None:
    assert parse(TRAIN, "train.py") is not None
    assert parse(TRAIN, "train.txt") is None
    assert parse(None, "train.py") is None
    assert parse("def broken(:\n", "train.py") is None
    assert parse("x = 1\0\n", "train.py") is None  # a NUL byte: ValueError from the parser


@pytest.mark.parametrize(("identifier", "words"), [
    ("valSpecificityScore", ["val", "specificity", "score"]),
    ("val_specificity_score", ["val", "specificity", "score"]),
    ("__init__", ["init"]), ("AUC2Score", ["auc2", "score"]), ("", []),
])
def test_tokens_split_camel_and_snake_case(identifier: str, words: list[str]) -> None:
    assert tokens(identifier) == words


def test_dotted_names_and_call_names() -> None:
    calls = [n for n in ast.walk(tree()) if isinstance(n, ast.Call)]
    assert dotted(calls[0].func) == "np.random.seed"
    names = [call_name(c) for c in calls]
    assert "fit_transform" in names and "StandardScaler" in names and "" in names  # a lambda called: no name
    assert dotted(ast.parse("f().x", mode="eval").body) is None
    starred = ast.parse("f(*rows)", mode="eval").body
    assert isinstance(starred, ast.Call) and root_name(starred.args[0]) == "rows"


@pytest.mark.parametrize(("text", "root"), [
    ("X_test.iloc[:, 1:].values", "X_test"), ("X_test.copy()", "X_test"),
    ("X_test.drop(columns=['y']).values", "X_test"),
    ("load(p).x", None), ("(a + b).sum()", None), ("42", None),
])
def test_the_variable_an_expression_is_rooted_at(text: str, root: str | None) -> None:
    assert root_name(ast.parse(text, mode="eval").body) == root


def test_scopes_are_the_module_and_every_function_and_own_nodes_stop_at_nested_ones() -> None:
    module = tree()
    names = [getattr(s, "name", "<module>") for s in scopes(module)]
    assert names == ["<module>", "load", "fit", "inner"]
    fit = next(s for s in scopes(module) if getattr(s, "name", "") == "fit")
    own = list(own_nodes(fit))
    assert not any(isinstance(n, ast.Return) and isinstance(n.value, ast.Call) and call_name(n.value) == "copy"
                   for n in own)  # inner's return belongs to inner
    assert [type(s).__name__ for s in own_statements(fit)] == ["Assign", "Assign", "FunctionDef", "If", "Assign",
                                                               "Return"]
    assert "X_test" in names_in(fit)


def test_assigned_names_unpack_tuples_lists_and_stars() -> None:
    target = ast.parse("X_train, (a, *rest), [b] = value").body[0]
    assert isinstance(target, ast.Assign)
    assert assigned_names(target.targets[0]) == ["X_train", "a", "rest", "b"]
    assert assigned_names(ast.parse("self.scaler = 1").body[0].targets[0]) == []  # type: ignore[attr-defined]


def test_constant_strings_and_short_source() -> None:
    assert const_str(ast.parse("'auc'", mode="eval").body) == "auc"
    assert const_str(ast.parse("3", mode="eval").body) is None and const_str(None) is None
    long = ast.parse("f(" + ", ".join(f"x{i}" for i in range(40)) + ")", mode="eval").body
    shown = source(long, limit=30)
    assert len(shown) == 30 and shown.endswith("…")
    assert source(ast.parse("a + b", mode="eval").body) == "a + b"


@pytest.mark.parametrize(("path", "is_test"), [
    ("tests/test_model.py", True), ("src/pkg/test/helpers.py", True), ("model_test.py", True),
    ("conftest.py", True), ("pkg/test_utils.py", True), ("src/attest.py", False), ("src/contest/run.py", False),
])
def test_test_paths(path: str, is_test: bool) -> None:
    assert bool(TEST_PATH.search(path)) is is_test
