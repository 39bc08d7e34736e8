"""Argparse names, and-joined argument checks, environment variable names and release URLs."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.slips import and_validation, argparse_names, broken_urls, env_names


def run(check: object, source: str) -> list[tuple[str, int | None]]:
    text = textwrap.dedent(source)
    lines = set(range(1, text.count("\n") + 2))
    return [(h.subject, h.line) for h in check("m.py", ast.parse(text), lines)]  # type: ignore[operator]


def test_option_read_under_another_name() -> None:
    source = """
        import argparse

        def main():
            load(ARGS.checkpoint, ARGS.device)

        if __name__ == "__main__":
            parser = argparse.ArgumentParser()
            parser.add_argument("--ckeckpoint", type=str)
            parser.add_argument("-d", "--device", default="cpu")
            ARGS = parser.parse_args()
            main()
    """
    assert run(argparse_names, source) == [("checkpoint", 5)]
    assert run(argparse_names, source.replace("--ckeckpoint", "--checkpoint")) == []
    assert run(argparse_names, source.replace('"--ckeckpoint"', '"--ck", dest="checkpoint"')) == []


def test_subcommands_and_function_parameters_are_not_guessed() -> None:
    assert run(argparse_names, """
        parser.add_argument("--a")
        sub = parser.add_subparsers()
        args = parser.parse_args()
        print(args.b)
    """) == []
    assert run(argparse_names, """
        parser.add_argument("--a")
        args = parser.parse_args()

        def f(args):
            return args.b
    """) == []


def test_type_and_range_check_joined_with_and() -> None:
    assert run(and_validation, """
        def check(min_sensitivity):
            if not isinstance(min_sensitivity, float) and not (0 <= min_sensitivity <= 1):
                raise ValueError("bad")
    """) == [("min_sensitivity", 3)]
    assert run(and_validation, """
        def check(p):
            if not isinstance(p, float) or not (0 <= p <= 1):
                raise ValueError("bad")
            if not isinstance(p, float) and not isinstance(p, int):
                raise TypeError("bad")
    """) == []


def test_environment_variable_names() -> None:
    assert run(env_names, """
        env = os.environ.get("`ASK_ASTRO_ENV", "dev")
        ok = os.getenv("ASK_ASTRO_ENV", "dev")
        other = os.environ["MY VAR"]
    """) == [("`ASK_ASTRO_ENV", 2), ("MY VAR", 4)]


def test_release_page_and_blob_urls() -> None:
    lines = [
        (1, 'URL = "https://github.com/o/r/releases/tag/v0.4/model-0b5.ckpt"'),
        (2, 'URL = "https://github.com/o/r/releases/download/v0.4/model-0b5.ckpt"'),
        (3, 'df = pd.read_csv("https://github.com/o/r/blob/main/data/train.csv")'),
        (4, 'SEE = "https://github.com/o/r/blob/main/docs/setup.md"'),
        (5, 'df = pd.read_csv("https://github.com/o/r/blob/main/data/train.csv?raw=true")'),
    ]
    assert [h.line for h in broken_urls("src/m.py", lines)] == [1, 3]
    assert list(broken_urls("README.md", lines)) == []


def test_namespaces_filled_at_run_time_are_not_guessed() -> None:
    assert run(argparse_names, """
        parser.add_argument("--a")
        args = parser.parse_args()
        vars(args).update(load_config())
        print(args.b)
    """) == []
    assert run(argparse_names, """
        parser.add_argument("--a")
        args = parser.parse_args()
        args = merge(args, config)
        print(args.b)
    """) == []


def test_sklearn_metric_arguments_swapped() -> None:
    from custody.agents.code_checks.slips import metric_argument_order

    assert run(metric_argument_order, """
        from sklearn.metrics import precision_score, accuracy_score
        from sklearn import metrics
        p = precision_score(y_pred, y_test)
        a = accuracy_score(y_pred, y_test)
        r = metrics.recall_score(preds, labels)
        ok = precision_score(y_test, y_pred)
    """) == [("precision_score", 4), ("recall_score", 6)]
    assert run(metric_argument_order, """
        from torchmetrics.functional import precision
        def precision_score(preds, target):
            return precision(preds, target)
        p = precision_score(preds, target)
    """) == []
