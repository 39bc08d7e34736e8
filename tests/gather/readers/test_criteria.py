"""Reading what a criterion asks: registry records, naming conventions, tests."""

from __future__ import annotations

import re

import pytest
from custody.reviewer.gather.readers.criteria import (
    RecordAsk,
    asks_for_tests,
    named_asks,
    naming_convention,
    registry_ask,
    value_asks,
)


def test_registry_tag_metric_param_and_values() -> None:
    ask = registry_ask("The new version has tag `validation_status` set to `approved` recorded")
    assert ask is not None and ask.records == (RecordAsk("tag", "validation_status", "approved"),)
    ask = registry_ask("Training logs metric `val_auc` on the registered version")
    assert ask is not None and ask.records == (RecordAsk("metric", "val_auc"),)
    ask = registry_ask("`data_snapshot` is recorded on the version")
    assert ask is not None and ask.records == (RecordAsk("any", "data_snapshot"),)
    ask = registry_ask("Registered model version 7 has tag `owner=risk-team`")
    assert ask is not None and ask.records == (RecordAsk("tag", "owner", "risk-team"),) and ask.version == "7"
    ask = registry_ask("Each registered version is tagged shadow_report")
    assert ask is not None and ask.records == (RecordAsk("tag", "shadow_report"),)


def test_not_registry_criteria() -> None:
    assert registry_ask("Add `compute_auc` to metrics.py") is None
    assert registry_ask("The model is registered") is None  # no record named: nothing to check


@pytest.mark.parametrize(
    ("text", "good", "bad", "targets"),
    [
        ("New metric functions are named `compute_<metric>`", ["compute_auc"], ["auc_score"], ("function",)),
        ("Feature columns are prefixed with `feat_`", ["feat_age"], ["age"], ("column",)),
        ("Latency keys end with `_ms`", ["p95_ms"], ["p95"], ("key",)),
        ("Helper functions use snake_case names", ["load_rows"], ["loadRows"], ("function",)),
        ("New classes follow PascalCase", ["DriftMonitor"], ["drift_monitor"], ("class",)),
        ("Stage scripts follow the `{stage}_step.py` naming", ["train_step"], ["train"], ("file",)),
    ],
)
def test_naming_conventions(text: str, good: list[str], bad: list[str], targets: tuple[str, ...]) -> None:
    convention = naming_convention(text)
    assert convention is not None
    assert all(re.fullmatch(convention.pattern, n) for n in good)
    assert not any(re.fullmatch(convention.pattern, n) for n in bad)
    assert set(targets) <= set(convention.targets)


def test_not_naming_conventions() -> None:
    assert naming_convention("Add `compute_auc` to metrics.py") is None
    assert naming_convention("Retrain on the February window") is None


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Add unit tests for the calibration step", True),
        ("Covered by tests", True),
        ("The scorer is tested against sklearn", True),
        ("Regression test for the empty-batch crash", True),
        ("Evaluate on the test set", False),
        ("Report test AUC in the card", False),
        ("Existing tests still pass", False),
        ("An A/B test compares both rankers", False),
        ("The CI workflow runs `make test-models`", False),
        ("Model is tested on the holdout month", False),
    ],
)
def test_asks_for_tests(text: str, asks: bool) -> None:
    assert asks_for_tests(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("`CAP` set to 2.5 in `pricing/surge.py`", [("CAP", "2.5")]),
        ("Lower `min_auc` to 0.78", [("min_auc", "0.78")]),
        ("`Z` lowered to 3.5 in detect/threshold.py", [("Z", "3.5")]),
        ("`max_retries` = 3 for the feature store", [("max_retries", "3")]),
        ("`timeout_ms` set for the feature store", []),
        ("Report `ndcg_at_10` in the report", []),
        ("`window` moved to 2026-07-01", []),
    ],
)
def test_value_asks(text: str, asks: list[tuple[str, str]]) -> None:
    assert value_asks(text) == asks


def test_versions_of_dependencies_are_not_registry_records() -> None:
    assert registry_ask("Pin the version of `pandas` to `2.2`") is None
    assert registry_ask("Bump the `lightgbm` version in requirements") is None
    assert registry_ask("Use the new version of the `ingest` API") is None


# ---- named asks in prose -----------------------------------------------------------------------
def test_named_asks_from_real_issue_sentences() -> None:
    # janezd/baycomp#8, pavlin-policar/openTSNE#156 (title and body); see tests/fixtures/tickets/prose.
    assert named_asks("Hi, I think it would be useful to have a ```random_state``` parameter to the "
                      "```two_on_multiple``` function, so we can provide reproducible code.") == ["random_state"]
    assert named_asks("Add optional k_neighbors input parameter to PerplexityBasedNN") == ["k_neighbors"]
    assert named_asks("What do you think about adding an input parameter `k_neighbors='auto'`.") == ["k_neighbors"]
    assert named_asks("Please add a --dry-run flag to train.py") == ["dry-run"]
    assert named_asks("add a new metric called `pr_auc` to the evaluation") == ["pr_auc"]


def test_a_sentence_that_only_mentions_a_name_asks_for_nothing() -> None:
    # explodinggradients/ragas#1907: the metric is the context, not something to add.
    assert named_asks("I would like to see scores for both factual_correctness for precision and recall in the "
                      "resulting dataframe.") == []
    assert named_asks("When I call `fit()` with `random_state=42` it fails") == []
    assert named_asks("add support for callable metrics") == []
    assert named_asks("adding an input parameter") == []  # plain words are no names, whatever their case
