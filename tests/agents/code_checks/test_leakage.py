"""Evaluation data leaking into fits, on small sources of my own."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.leakage import fit_before_split_hits, fit_on_eval_hits, split_role


def on_eval(source: str) -> list[tuple[str, int | None]]:
    text = textwrap.dedent(source)
    lines = set(range(1, text.count("\n") + 2))
    return [(h.subject, h.line) for h in fit_on_eval_hits("m.py", ast.parse(text), lines)]


def before_split(source: str, added: set[int] | None = None) -> list[tuple[str, int | None]]:
    text = textwrap.dedent(source)
    lines = added if added is not None else set(range(1, text.count("\n") + 2))
    return [(h.subject, h.line) for h in fit_before_split_hits("m.py", ast.parse(text), lines)]


def test_split_roles() -> None:
    assert split_role("X_test") == "test"
    assert split_role("Xtest") == "test"
    assert split_role("df_holdout") == "test"
    assert split_role("x_val") == "val"
    assert split_role("X_train") == "train"
    assert split_role("test_size") is None
    assert split_role("latest") is None
    assert split_role("train_test") is None


def test_fit_on_test_directly_and_through_aliases() -> None:
    found = on_eval("""
        scaler.fit(X_test)
        X_fit = X_test
        model.fit(X_fit, y)
        X_train, X_test = X_test, X_train
        model.fit(X_train, y_train)
        model.fit(X_test, y_test)
        train = test
        clf.fit(train)
        enc.fit_transform(pd.concat([X_train, X_test]))
    """)
    assert [line for _, line in found] == [2, 4, 6, 7, 9, 10]


def test_fit_on_train_and_transform_test_is_quiet() -> None:
    assert on_eval("""
        scaler.fit(X_train)
        X_test_s = scaler.transform(X_test)
        model.fit(X_train, y_train, eval_set=[(X_val, y_val)])
        calibrator.fit(X_val, y_val)
        trainer.fit(X_train, y_train, X_val, y_val)
        X_test = X_train.copy()
        model.fit(X_test)
    """) == []


def test_validation_split_only_for_preprocessors() -> None:
    assert on_eval("""
        scaler = StandardScaler()
        scaler.fit(X_val)
        imp.fit_transform(x_valid)
    """) == [("X_val", 3), ("x_valid", 4)]


def test_cross_validation_on_the_test_split() -> None:
    found = on_eval("""
        def evaluate(model, X_test, y_test):
            return cross_val_score(model, X_test, y_test, cv=5)
    """)
    assert found == [("X_test", 3)]


def test_scaler_fitted_before_the_split() -> None:
    found = before_split("""
        X = load()
        X_scaled = StandardScaler().fit_transform(X)
        X_train, X_test, y_train, y_test = train_test_split(X_scaled, y)
    """)
    assert len(found) == 1 and found[0][1] == 3


def test_fitted_in_a_helper_before_the_split() -> None:
    found = before_split("""
        class M:
            def prep(self, X):
                scaler = RobustScaler()
                return scaler.fit_transform(X)

            def pick(self, X, y):
                rf = RandomForestRegressor()
                rf.fit(X.iloc[:100], y.iloc[:100])
                return X[top(rf)]

        def main(m, X, y):
            X1 = m.prep(X)
            X2 = m.pick(X1, y)
            a, b, c, d = train_test_split(X2, y)
    """)
    assert [s for s, _ in found] == ["scaler", "rf"]


def test_split_first_then_fit_is_quiet() -> None:
    assert before_split("""
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        scaler = StandardScaler().fit(X_train)
        X_train = scaler.transform(X_train)
    """) == []
    assert before_split("""
        y = LabelEncoder().fit_transform(y)
        X_train, X_test, y_train, y_test = train_test_split(X, y)
    """) == []
    assert before_split("""
        model = RandomForestClassifier().fit(X, y)
        X_train, X_test, y_train, y_test = train_test_split(X, y)
    """) == []


def test_helper_fitted_on_a_split_is_not_all_rows() -> None:
    assert before_split("""
        def prep(X):
            return StandardScaler().fit_transform(X)

        def main(X_train, y_train):
            Xs = prep(X_train)
            a, b, c, d = train_test_split(Xs, y_train)
    """) == []


def test_refit_on_test_after_the_final_score_is_quiet() -> None:
    assert on_eval("""
        print(clf.score(X_test, y_test))
        clf = clf.partial_fit(X_test, y_test)
    """) == []
    assert on_eval("""
        clf.partial_fit(X_test, y_test)
        print(clf.score(X_test, y_test))
    """) == [("X_test", 2)]


def test_test_split_monitored_for_early_stopping() -> None:
    assert on_eval("""
        model.fit(X_train, y_train, eval_set=[(X_test, y_test)], early_stopping_rounds=50)
        net.fit(x_train, y_train, validation_data=(x_test, y_test), callbacks=[EarlyStopping(patience=3)])
        model.fit(X_train, y_train, eval_set=[(X_val, y_val)], early_stopping_rounds=50)
        model.fit(X_train, y_train, eval_set=[(X_test, y_test)])
    """) == [("X_test", 2), ("x_test", 3)]
