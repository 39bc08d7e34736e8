"""Argparse names, and-joined argument checks, environment variable names and release URLs."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from custody.agents.code_checks.slips import (
    and_validation,
    argparse_names,
    broken_urls,
    bypassed_parameters,
    env_names,
    stranded_branch_use,
)

KUBEFLOW = Path(__file__).parents[2] / "fixtures" / "ml" / "kubeflow"
TFX = Path(__file__).parents[2] / "fixtures" / "ml" / "tfx"


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


def test_a_pipeline_parameter_bypassed_by_the_constant_it_defaults_to() -> None:
    """mlops-on-gcp 99236da: the tuning step still passes `validation_file_path=VALIDATION_FILE_PATH`."""
    text = (KUBEFLOW / "mlops_on_gcp_99236da_pipeline.py").read_text()
    tree = ast.parse(text)
    lines = text.splitlines()
    signature = {n for n, line in enumerate(lines, 1) if "validation_file_path: str=" in line}
    hits = list(bypassed_parameters("pipeline.py", tree, signature))
    assert [(h.subject, h.line) for h in hits] == [("validation_file_path", 82)]
    assert "validation_file_path=VALIDATION_FILE_PATH" in hits[0].message and "line 98" in hits[0].message
    # neither the parameter nor the call changed: an old wrinkle, not this change's
    assert list(bypassed_parameters("pipeline.py", tree, {1})) == []
    fixed = (KUBEFLOW / "mlops_on_gcp_6442c2d_pipeline.py").read_text()
    assert list(bypassed_parameters("pipeline.py", ast.parse(fixed), set(range(1, 200)))) == []


def test_a_constant_passed_under_another_keyword_or_rebound_is_not_a_bypass() -> None:
    source = """
        DATA = "gs://b/data.csv"
        OTHER = "gs://b/other.csv"

        def pipeline(data: str = DATA, other: str = OTHER):
            load(path=data)
            load(reference=DATA)
            compare(other=other)
    """
    assert run(bypassed_parameters, source) == []  # `reference` never receives the parameter
    assert run(bypassed_parameters, source.replace("load(reference=DATA)", "load(data=DATA)")) == [("data", 7)]
    assert run(bypassed_parameters, source.replace("load(reference=DATA)", "load(path=DATA)")) == [("data", 7)]
    rebound = source.replace("load(path=data)", "DATA = data\n            load(path=data)")
    assert run(bypassed_parameters, rebound.replace("load(reference=DATA)", "load(path=DATA)")) == []
    local = source.replace('DATA = "gs://b/data.csv"', "").replace("load(reference=DATA)", "load(path=DATA)")
    assert run(bypassed_parameters, local) == []  # DATA is no module constant here


def test_a_call_closing_one_branch_strands_the_object_the_other_branch_builds() -> None:
    # TFX 6df5a496e: `dag_runner.run(...)` sits in the `else:` of `if use_vertex:`, so the V2 runner never runs.
    head = (TFX / "penguin_pipeline_kubeflow_6df5a49.py").read_text()
    assert run(stranded_branch_use, head) == [("dag_runner", 511)]
    assert run(stranded_branch_use, (TFX / "penguin_pipeline_kubeflow_6df5a49_parent.py").read_text()) == []


def test_an_object_used_after_the_branches_or_in_both_is_not_stranded() -> None:
    after = """
        def main(v2):
            if v2:
                runner = V2()
            else:
                runner = V1()
                runner.configure()
            runner.run()
    """
    both = """
        def main(v2):
            if v2:
                runner = V2()
                runner.run()
            else:
                runner = V1()
                runner.run()
    """
    one_binding = """
        def main(v2):
            if v2:
                log("v2")
            else:
                runner = V1()
                runner.run()
    """
    assert run(stranded_branch_use, after) == run(stranded_branch_use, both) == []
    assert run(stranded_branch_use, one_binding) == []
