"""Target column among the features, training scores named as test scores; my own examples."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.wrong_split import metric_on_train, target_in_features


def run(check: object, source: str) -> list[tuple[str, int | None]]:
    text = textwrap.dedent(source)
    lines = set(range(1, text.count("\n") + 2))
    return [(h.subject, h.line) for h in check("m.py", ast.parse(text), lines)]  # type: ignore[operator]


def test_target_left_in_the_features() -> None:
    assert run(target_in_features, """
        y = df["churned"]
        X = df.drop(columns=["customer_id"])
        X_train, X_test, y_train, y_test = train_test_split(X, y)
    """) == [("churned", 4)]


def test_target_dropped_or_features_unknown_is_quiet() -> None:
    assert run(target_in_features, """
        y = df["churned"]
        X = df.drop(["churned", "customer_id"], axis=1)
        model.fit(X, y)
        X2 = df.drop(columns=cols)
        model.fit(X2, y)
        X3 = other.drop(columns=["id"])
        model.fit(X3, y)
    """) == []


def test_validation_score_computed_on_training_rows() -> None:
    assert run(metric_on_train, """
        model.fit(X_train, y_train)
        val_acc = accuracy_score(y_train, model.predict(X_train))
        test_score = model.score(X_train, y_train)
        train_acc = accuracy_score(y_train, model.predict(X_train))
        val_f1 = f1_score(y_val, model.predict(X_val))
    """) == [("val_acc", 3), ("test_score", 4)]


def test_evaluation_split_with_the_training_transform() -> None:
    from custody.agents.code_checks.wrong_split import eval_with_train_transform

    assert run(eval_with_train_transform, """
        train_ds = ImageFolder(train_dir, transform=train_transform)
        val_ds = ImageFolder(val_dir, transform=train_transform)
        test_ds = ImageFolder(test_dir, transform=self.transform_train)
        ok_ds = ImageFolder(test_dir, transform=test_transform)
        eval_ds = ImageFolder(val_dir, transform=transform)
    """) == [("val_ds", 3), ("test_ds", 4)]
