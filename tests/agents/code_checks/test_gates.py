"""Gates that always pass, in Python and in configuration, on examples of my own."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.gates import config_gates, python_gates, vacuous


def test_vacuous_thresholds() -> None:
    assert vacuous("min_auc", 0.0)
    assert vacuous("MIN_ACCURACY", 0)
    assert vacuous("max_error", float("inf"))
    assert vacuous("max_fpr", 1.0)
    assert vacuous("min_auc", 0.75) is None
    assert vacuous("min_r2", 0.0) is None  # r2 can be negative: 0 is a real floor
    assert vacuous("min_delta", 0.0) is None
    assert vacuous("max_depth", float("inf")) is None
    assert vacuous("min_improvement", 0.0) is None


def test_python_defaults_and_argparse() -> None:
    text = textwrap.dedent("""
        import math
        from dataclasses import dataclass

        @dataclass
        class Gate:
            min_auc: float = 0.0
            max_latency_ms: float = 35.0

        def check_promotion(metrics, min_accuracy=0, max_loss=math.inf):
            return metrics["acc"] >= min_accuracy

        def precision_at_fixed_recall(preds, min_recall=0.0):
            return preds

        parser.add_argument("--min-f1", type=float, default=0.0)
        gate = evaluate(run, max_error=float("inf"))
    """)
    found = [(h.subject, h.line) for h in python_gates("g.py", ast.parse(text), set(range(1, 30)))]
    assert sorted(found) == sorted([("min_auc", 7), ("min_accuracy", 10), ("max_loss", 10), ("min-f1", 16),
                                    ("max_error", 17)])


def test_config_lines() -> None:
    lines = [(1, "gate:"), (2, "  min_auc: 0.0"), (3, "  max_error: .inf"), (4, "  min_auc_ok: 0.8"),
             (5, '  "min_precision": 0,')]
    assert [(h.subject, h.line) for h in config_gates("params.yaml", lines)] == [
        ("min_auc", 2), ("max_error", 3), ("min_precision", 5)]
    assert [h.line for h in config_gates("conf/gate.json", lines)] == [2, 3, 5]
    assert list(config_gates("README.md", lines)) == []


def test_running_bests_and_local_variables_are_not_gates() -> None:
    text = textwrap.dedent("""
        def search(scores):
            min_auc = 0.0
            best_f1_threshold = 0.0
            return {"best_f1_threshold": 0.0}
    """)
    assert list(python_gates("g.py", ast.parse(text), set(range(1, 10)))) == []
