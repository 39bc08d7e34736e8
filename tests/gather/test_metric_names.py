"""Metric names and numbers matched the way the scenario contract says."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.metric_names import (
    abbreviates,
    canonical,
    count_matches,
    digests_match,
    matches,
    matches_either_scale,
    parse_count,
    split_of,
)
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("card", "logged"),
    [
        ("AUC", "val_auc"),
        ("ROC AUC", "holdout_roc_auc"),
        ("roc_auc", "auc"),
        ("Precision at 1% FPR", "precision_at_1pct_fpr"),
        ("Precision @ 0.5% FPR", "val_precision_at_0_5pct_fpr"),
        ("Macro F1", "test_f1_macro"),
        ("NDCG@10", "val_ndcg_at_10"),
        ("Log loss", "eval_log_loss"),
        ("MAPE", "oot_mape"),
        ("Top-1 accuracy", "valid_accuracy"),
        ("acc@1", "acc1"),  # ConvNeXt's README column, and what its training script logs
        ("top-1", "top1"),
        ("acc@1", "accuracy"),
    ],
)
def test_card_names_match_logged_keys(card: str, logged: str) -> None:
    assert canonical(card) == canonical(logged)


@pytest.mark.parametrize(
    ("card", "logged"),
    [("Macro F1", "f1_micro"), ("Precision at 1% FPR", "precision_at_5pct_fpr"), ("AUC", "pr_auc"),
     ("RMSE", "mae"), ("NDCG@10", "ndcg_at_5"), ("acc@5", "acc1"), ("top-5", "top1")],
)
def test_different_metrics_stay_different(card: str, logged: str) -> None:
    assert canonical(card) != canonical(logged)


def test_a_split_word_inside_a_name_is_kept() -> None:
    assert canonical("testing_time") != canonical("time")


@pytest.mark.parametrize(
    ("claimed", "recorded", "decimals", "expected"),
    [(0.913, 0.9134, 3, True), (0.947, 0.9213, 3, False), (0.81, 0.8149, 2, True), (0.81, 0.8151, 2, False),
     (0.081, 0.0943, 3, False), (0.124, 0.1238, 3, True)],
)
def test_numbers_match_at_the_written_precision(claimed: float, recorded: float, decimals: int,
                                                expected: bool) -> None:
    assert matches(claimed, recorded, decimals) is expected


@given(st.floats(min_value=-1e3, max_value=1e3, allow_nan=False), st.integers(min_value=0, max_value=6))
def test_a_value_matches_itself_rounded(recorded: float, decimals: int) -> None:
    assert matches(round(recorded, decimals), recorded, decimals)


@given(st.floats(min_value=0, max_value=1, allow_nan=False), st.integers(min_value=1, max_value=5))
def test_two_units_off_never_matches(recorded: float, decimals: int) -> None:
    off = round(recorded, decimals) + 2 * 10.0**-decimals
    assert not matches(off, recorded, decimals)


@pytest.mark.parametrize(
    ("written", "rows", "expected"),
    [("1.9M", 1_934_210, True), ("2.4M", 1_934_210, False), ("1,934,210", 1_934_210, True),
     ("1,934,000", 1_934_210, False), ("12k", 12_400, True), ("2 million", 1_934_210, True),
     ("1.93M", 1_934_210, True), ("1.94M", 1_934_210, False)],
)
def test_row_counts_match_at_the_written_precision(written: str, rows: int, expected: bool) -> None:
    assert count_matches(written, rows) is expected


@given(st.integers(min_value=0, max_value=10**10))
def test_an_exact_count_matches_only_itself(rows: int) -> None:
    assert count_matches(f"{rows:,}", rows)
    assert not count_matches(f"{rows + 1:,}", rows)


@given(st.text(max_size=30))
def test_parse_count_never_raises(text: str) -> None:
    parsed = parse_count(text)
    assert parsed is None or parsed[1] > 0


@pytest.mark.parametrize(
    ("claimed", "recorded", "expected"),
    [("3f9a2c1d", "3f9a2c1d7be04411", True), ("3f9a2c1d7be04411", "3f9a2c1d", True),
     ("3f9a2c1e", "3f9a2c1d7be04411", False), ("3f9a", "3f9a2c1d", False), ("ABCDEF12", "abcdef12", True)],
)
def test_digests_match_by_prefix_of_eight_or_more(claimed: str, recorded: str, expected: bool) -> None:
    assert digests_match(claimed, recorded) is expected


@pytest.mark.parametrize(
    ("text", "split"),
    [("val_auc", "val"), ("Validation AUC", "val"), ("test_f1_macro", "test"), ("on the Q3 holdout", "holdout"),
     ("oot_ks", "oot"), ("out-of-time", "oot"), ("eval_log_loss", "eval"), ("auc", None), ("devices", None),
     (None, None)],
)
def test_split_of(text: str | None, split: str | None) -> None:
    assert split_of(text) == split


@pytest.mark.parametrize(
    ("claimed", "recorded", "decimals", "expected"),
    [(0.913, 91.3, 3, True), (0.913, 91.34, 3, True), (0.913, 90.1, 3, False), (91.3, 0.9134, 1, True),
     (91.3, 0.9034, 1, False), (0.5, 0.51, 1, True), (0.913, 0.9134, 3, True), (12.0, 0.12, 0, True)],
)
def test_percentages_and_fractions(claimed: float, recorded: float, decimals: int, expected: bool) -> None:
    assert matches_either_scale(claimed, recorded, decimals) is expected


@pytest.mark.parametrize(("claimed", "logged", "same"), [
    ("Prec at 5", "precision_at_5", True), ("MAE", "val_mean_absolute_error", True),
    ("Top1 Acc", "top1_accuracy", True), ("Prec@10", "test_precision_at_10", True),
    ("F1", "f1_macro", False), ("Recall", "precision", False), ("Exact", "exact_match", False),
    ("MA", "mean_average_precision", False), ("Prec at 5", "precision_at_10", False)])
def test_short_names_for_a_logged_key(claimed: str, logged: str, same: bool) -> None:
    assert abbreviates(claimed, logged) is same


@pytest.mark.parametrize(
    ("card", "logged"),
    [
        ("NER Precision", "ents_p"),
        ("NER F Score", "ents_f"),
        ("POS (UPOS) Accuracy", "pos_acc"),
        ("Labeled Attachment Score (LAS)", "dep_las"),
        ("Unlabeled Attachment Score (UAS)", "dep_uas"),
        ("Sentences F-Score", "sents_f"),
    ],
)
def test_spacy_card_names_match_spacy_score_keys(card: str, logged: str) -> None:
    assert canonical(card) == canonical(logged)


def test_spacy_score_names_stay_apart() -> None:
    assert canonical("NER Precision") != canonical("ents_r")
    assert canonical("Labeled Attachment Score (LAS)") != canonical("dep_uas")
    assert canonical("TAG (XPOS) Accuracy") != canonical("pos_acc")


def test_a_key_ending_in_top_1_is_top_1_accuracy() -> None:
    from custody.reviewer.gather.metric_names import top1_accuracy

    assert top1_accuracy("imagenet_zeroshot_top1") and top1_accuracy("val_acc1") and top1_accuracy("top-1")
    assert not top1_accuracy("top5") and not top1_accuracy("acc") and not top1_accuracy("ndcg_at_1")
