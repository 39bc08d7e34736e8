"""Metric formulas checked against their names, on small sources of my own."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.metric_formulas import canonical, formula_hits


def hits(source: str, added: set[int] | None = None) -> list[tuple[str, int | None]]:
    text = textwrap.dedent(source)
    lines = added if added is not None else set(range(1, text.count("\n") + 2))
    return [(h.subject, h.line) for h in formula_hits("m.py", ast.parse(text), lines)]


def test_names_are_canonicalised() -> None:
    assert canonical("val_specificity") == "specificity"
    assert canonical("compute_tpr") == "recall"
    assert canonical("TruePositiveRate") == "recall"
    assert canonical("mean_squared_error") == "mse"
    assert canonical("specificity_at_sensitivity") is None
    assert canonical("test_loss") is None


def test_specificity_with_the_recall_formula() -> None:
    found = hits("""
        def scores(tp, fp, tn, fn):
            sensitivity = tp / (tp + fn)
            specificity = tp / (tp + fn)
            return sensitivity, specificity
    """)
    assert found == [("specificity", 4)]


def test_correct_spellings_are_quiet() -> None:
    assert hits("""
        def scores(tp, fp, tn, fn, eps=1e-8):
            specificity = tn / (fp + tn + eps)
            tnr = 1 - fp / (fp + tn)
            fpr = 1 - specificity
            precision = _safe_divide(tp, tp + fp)
            recall = tp.sum() / (tp.sum() + fn.sum())
            f1 = 2 * precision * recall / (precision + recall)
            acc = (tp + tn) / (tp + tn + fp + fn)
            iou = tp / (tp + fp + fn)
            return {"npv": tn / (tn + fn), "fnr": fn / (fn + tp)}
    """) == []


def test_function_named_after_a_metric_returns_it() -> None:
    assert hits("""
        def compute_specificity(tp, fp, tn, fn):
            return tp / (tn + fp)
    """) == [("compute_specificity", 3)]
    assert hits("""
        def _specificity_compute(tp, fp, tn, fn):
            return _reduce(numerator=tn, denominator=tn + fp)
    """) == []


def test_metric_named_by_its_branch() -> None:
    source = """
        for metric in metrics:
            if metric in ["sensitivity", "recall", "tpr"]:
                res[metric] = tp / (tp + fn)
            elif metric in ["specificity", "selectivity", "tnr"]:
                res[metric] = {}
    """
    assert hits(source.replace("{}", "tp / (tn + fp)")) == [("specificity", 6)]
    assert hits(source.replace("{}", "tn / (tn + fp)")) == []


def test_library_metric_under_another_name() -> None:
    found = hits("""
        recall = precision_score(y, p)
        rmse = mean_squared_error(y, p)
        rmse_ok = np.sqrt(mean_squared_error(y, p))
        rmse2 = mean_squared_error(y, p, squared=False)
        mae = mean_absolute_error(y, p)
        acc = balanced_accuracy_score(y, p)
    """)
    assert found == [("recall", 2), ("rmse", 3)]


def test_two_metrics_with_one_expression() -> None:
    found = hits("""
        def report(y, p):
            precision = score(y, p, kind="micro")
            recall = score(y, p, kind="micro")
            return precision, recall
    """)
    assert found == [("recall", 4)]


def test_only_added_lines_are_reported() -> None:
    source = """
        specificity = tp / (tp + fn)
        recall = tp / (tp + fn)
    """
    assert hits(source, added={3}) == []


def test_cumulative_roc_counts_are_not_confusion_counts() -> None:
    assert hits("""
        fpr = fps / fps[-1]
        tpr = tps / tps[-1]
    """) == []


def test_initial_values_are_not_copy_paste() -> None:
    assert hits("""
        def init(thres):
            precision = tensor(0.0)
            recall = tensor(0.0)
            fpr = torch.zeros_like(thres)
            tpr = torch.zeros_like(thres)
    """) == []
