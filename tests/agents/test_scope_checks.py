"""The scope agent's programmable checks: registry records, values a criterion fixes, naming conventions
and tests; each says met (and what showed it), unmet (with a citation) or not verifiable (and why)."""

from __future__ import annotations

from typing import Any

from custody.agents.scope_checks import check_convention, check_registry, check_tests, check_values
from custody.agents.scope_facts import ChangeFacts, change_facts
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.readers.code_changes import AddedName, ChangedTest, KeyChange, SkipMarker
from custody.reviewer.gather.readers.criteria import naming_convention, registry_ask, value_asks
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.config import PromotionPolicy, RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry

# The shape of `registry/mlflow.json` in a scenario: MLflow's REST payloads, side by side.
SNAPSHOT: dict[str, Any] = {
    "registered_models": [{"name": "fraud-detector"}],
    "model_versions": [
        {"name": "fraud-detector", "version": "1", "run_id": "r1", "tags": []},
        {"name": "fraud-detector", "version": "2", "run_id": "r2",
         "tags": [{"key": "validation_status", "value": "approved"}]},
        {"name": "fraud-detector", "version": "3", "run_id": "r3",
         "tags": [{"key": "validation_status", "value": "pending"}]}],
    "runs": [{"info": {"run_id": "r2"}, "data": {"metrics": [{"key": "val_auc", "value": 0.9123, "step": 0}],
                                                 "params": [{"key": "C", "value": "1.0"}]}},
             {"info": {"run_id": "r3"}, "data": {"metrics": []}}],
}


def registry() -> Registry:
    return parse_mlflow_snapshot(SNAPSHOT, "registry/mlflow.json")


def evidence(title: str = "Retrain", body: str = "", reg: Registry | None = None) -> Evidence:
    return Evidence(pull_request=PullRequest(repo="acme/fraud", number=4, title=title, body=body), registry=reg,
                    config=RepoConfig(promotion=PromotionPolicy(registered_model="fraud-detector")))


def test_a_record_on_the_named_version_meets_the_criterion() -> None:
    text = "The registered version has tag `validation_status` = `approved`"
    ask = registry_ask(text)
    assert ask is not None
    outcome = check_registry(evidence(body="Registers version 2.", reg=registry()), ask, text, "")
    assert outcome.met is True and outcome.detail == "`validation_status` recorded on fraud-detector version 2"


def test_a_wrong_value_on_the_newest_version_is_unmet_and_cites_the_registry() -> None:
    text = "The registered version has tag `validation_status` = `approved`"
    ask = registry_ask(text)
    assert ask is not None
    outcome = check_registry(evidence(reg=registry()), ask, text, "")
    assert outcome.met is False
    assert outcome.detail == "fraud-detector version 3 has version tag `validation_status` is `pending`, not `approved`"
    assert [c.locator for c in outcome.citations] == ["registry/mlflow.json#/model_versions/fraud-detector/3"]


def test_metrics_are_compared_to_the_written_precision_and_params_are_found_on_the_run() -> None:
    text = "Log metric `val_auc` = 0.91 on the registered model version 2"
    ask = registry_ask(text)
    assert ask is not None
    assert check_registry(evidence(reg=registry()), ask, text, "").met is True
    missing = registry_ask("Log metric `val_f1` on the registered model version 2")
    assert missing is not None
    outcome = check_registry(evidence(reg=registry()), missing, "", "")
    assert outcome.met is False and "no metric `val_f1`" in outcome.detail


def test_without_a_registry_a_record_the_change_writes_counts_and_anything_else_is_unverifiable() -> None:
    text = "Log metric `val_auc` on the registered model version"
    ask = registry_ask(text)
    assert ask is not None
    squashed = 'mlflowlogmetric("valauc",auc)'  # the added text as the scope agent hands it: no case, no separators
    written = check_registry(evidence(), ask, text, squashed)
    assert written.met is True and "written by the change" in written.detail
    assert check_registry(evidence(), ask, text, "").met is None
    assert check_registry(evidence(reg=Registry(source="r")), ask, text, "").met is None


def test_a_criterion_that_names_the_model_itself_is_not_a_record() -> None:
    text = "Tag `fraud-detector` on the registered version"
    ask = registry_ask(text)
    assert ask is not None
    outcome = check_registry(evidence(reg=registry()), ask, text, "")
    assert (outcome.met, outcome.detail) == (None, "it names a registered model, not a record on its version")


def test_values_a_criterion_fixes() -> None:
    facts = ChangeFacts(keys=[KeyChange("params.yaml", 7, "train.min_auc", "0.8", "0.80"),
                              KeyChange("params.yaml", 9, "train.max_depth", "6", "8")])
    assert check_values(facts, value_asks("Raise `min_auc` to 0.8")) is None  # set as asked: left to others
    unmet = check_values(facts, value_asks("Set `max_depth` to 6"))
    assert unmet is not None and unmet.met is False
    assert unmet.detail == "params.yaml:9 sets `train.max_depth` to `8`, not 6"
    assert (unmet.path, unmet.line, unmet.citations[0].locator) == ("params.yaml", 9, "params.yaml#L9")
    assert check_values(facts, value_asks("Set `epochs` to 3")) is None  # not set by the change


def test_a_naming_template_governs_the_family_it_names() -> None:
    convention = naming_convention("New metric functions are named `compute_<metric>`")
    assert convention is not None
    good = ChangeFacts(names=[AddedName("function", "compute_recall", "src/metrics.py", 3),
                              AddedName("function", "_helper", "src/metrics.py", 9),
                              AddedName("function", "load", "src/io.py", 1)])  # another file: another family
    assert check_convention(good, convention).met is True
    bad = ChangeFacts(names=[*good.names, AddedName("function", "recall_at_k", "src/metrics.py", 12)])
    outcome = check_convention(bad, convention)
    assert outcome.met is False and outcome.detail.startswith("`recall_at_k` (src/metrics.py:12) does not follow")
    assert check_convention(ChangeFacts(), convention).met is None


def test_a_case_convention_governs_every_added_name_of_its_kind() -> None:
    convention = naming_convention("New feature columns use snake_case names")
    assert convention is not None
    facts = ChangeFacts(names=[AddedName("column", "txn_amount", "features.py", 4),
                               AddedName("column", "merchantId", "features.py", 5)])
    outcome = check_convention(facts, convention)
    assert outcome.met is False and outcome.subject == "merchantId"


def test_tests_added_skip_markers_only_or_none_at_all() -> None:
    assert check_tests(ChangeFacts(tests=[ChangedTest("test_auc", "tests/test_m.py", 3, True)])).met is True
    skipped = check_tests(ChangeFacts(skips=[SkipMarker("tests/test_m.py", 8, "@pytest.mark.skip")]))
    assert skipped.met is False and "only adds skip marker `@pytest.mark.skip`" in skipped.detail
    none = check_tests(ChangeFacts())
    assert (none.met, none.citations[0].locator) == (False, "diff")


def test_on_a_real_change_the_checks_read_the_facts_of_the_diff() -> None:
    base = MemorySnapshot({"src/metrics.py": b"def compute_auc(y, p):\n    return 0.5\n"})
    head = MemorySnapshot({"src/metrics.py": b"def compute_auc(y, p):\n    return 0.5\n\n\n"
                                             b"def recall_at_k(y, p, k):\n    return 0.1\n"})
    ev = gather(ReviewInput(pull_request=PullRequest(repo="acme/ml", number=5), base=base, head=head,
                            diff=diff_snapshots(base, head)))
    convention = naming_convention("New metric functions are named `compute_<metric>`")
    assert convention is not None
    facts = change_facts(ev)
    outcome = check_convention(facts, convention)
    assert (outcome.met, outcome.subject, outcome.line) == (False, "recall_at_k", 5)
    assert check_tests(facts).met is False
