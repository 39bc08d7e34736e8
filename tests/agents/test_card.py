"""The model-card agent: card scenarios through the real pipeline, and its rules on small trees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from custody.agents.card import AGENT
from custody.reviewer.app.evaluate import load_expected
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.review import run_review
from custody.reviewer.rules.book import build_rulebook

from tests.helpers import REPO

SCENARIOS = sorted((REPO / "benchmark" / "scenarios").glob("card-*"))
PATTERNS = RepoConfig().paths.model_cards


@pytest.mark.parametrize("folder", SCENARIOS, ids=[f.name for f in SCENARIOS])
def test_card_scenarios(folder: Path) -> None:
    expected = load_expected(folder)
    findings = [f for f in run_review(load_scenario(folder)).verdict.findings if f.agent == "card"]
    if expected.get("clean"):
        assert findings == [], [f.message for f in findings]
        return
    for delta in expected["deltas"]:
        subject = str(delta.get("subject") or "").lower()
        assert any(f.kind == delta["kind"] and subject in f"{f.subject} {f.message}".lower() for f in findings), (
            delta, [(f.kind, f.subject) for f in findings])
    for finding in findings:
        artifacts = {c.artifact for c in finding.citations}
        assert artifacts & {"model_card", "diff"}, finding
        if finding.kind not in ("card.stale", "card.missing"):
            assert {"model_card", "registry"} <= artifacts <= {"model_card", "registry", "diff"}, finding
            assert finding.claim and finding.shipped and finding.intent_source


def test_there_are_ten_card_scenarios_a_third_clean() -> None:
    clean = [f for f in SCENARIOS if load_expected(f).get("clean")]
    assert len(SCENARIOS) >= 10 and 3 * len(clean) >= len(SCENARIOS)


# -- small trees -----------------------------------------------------------------------------------

CARD = "# churn-gbm\n\n{version}AUC of {auc} on the Q3 holdout.\n"


def run(seed: str, metrics: dict[str, float], inputs: tuple[tuple[str, str, int], ...] = ()) -> dict[str, Any]:
    return {"info": {"run_id": seed, "run_uuid": seed},
            "data": {"metrics": [{"key": k, "value": v, "step": 0, "timestamp": 1} for k, v in metrics.items()],
                     "params": [], "tags": []},
            "inputs": {"dataset_inputs": [
                {"tags": [{"key": "mlflow.data.context", "value": ctx}],
                 "dataset": {"name": name, "digest": "abcdef0123", "profile": f'{{"num_rows": {rows}}}'}}
                for ctx, name, rows in inputs]}}


def registry(*runs: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {"registered_models": [{"name": "churn-gbm", "tags": [{"key": "owner", "value": "growth-ml"}]}],
            "model_versions": [{"name": "churn-gbm", "version": v, "run_id": r["info"]["run_id"]} for v, r in runs],
            "runs": [r for _, r in runs]}


class Snapshot:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def load(self, model_names: list[str]) -> Registry:
        return parse_mlflow_snapshot(self.data, "registry/mlflow.json")


def review(base: dict[str, str], head: dict[str, str], snapshot: dict[str, Any] | None = None,
           body: str = "") -> AgentResult:
    """The card agent on evidence gathered the way a review gathers it."""
    before = MemorySnapshot({k: v.encode() for k, v in base.items()})
    after = MemorySnapshot({k: v.encode() for k, v in head.items()})
    evidence = gather(ReviewInput(pull_request=PullRequest(repo="acme/churn", number=7, body=body), base=before,
                                  head=after, diff=diff_snapshots(before, after),
                                  registry=Snapshot(snapshot) if snapshot else None))
    rules, _ = build_rulebook(evidence.config)
    return AGENT.review(evidence, rules)


TWO_VERSIONS = registry(("4", run("r4", {"val_auc": 0.9134})), ("5", run("r5", {"val_auc": 0.8811})))


def test_named_version_is_checked_rounded_to_the_written_precision() -> None:
    head = {"MODEL_CARD.md": CARD.format(version="Version 4. ", auc="0.913")}
    assert review({}, head, TWO_VERSIONS).findings == []
    head = {"MODEL_CARD.md": CARD.format(version="Version 4. ", auc="0.92")}
    found = review({}, head, TWO_VERSIONS).findings
    assert [(f.kind, f.subject, f.line) for f in found] == [("card.metric_mismatch", "auc", 3)]
    assert [c.locator for c in found[0].citations] == [
        "MODEL_CARD.md#L3", "registry/mlflow.json#/runs/r4/metrics/val_auc"]


def test_without_a_named_version_the_pr_body_then_the_newest_decide() -> None:
    head = {"MODEL_CARD.md": CARD.format(version="Checked on golden set v3. ", auc="0.913")}
    assert review({}, head, TWO_VERSIONS, body="Documents version 4.").findings == []
    newest = review({}, head, TWO_VERSIONS).findings
    assert [(f.kind, f.shipped) for f in newest] == [("card.metric_mismatch", "val_auc = 0.8811 (v5)")]


def test_a_version_the_registry_lacks_is_a_field_mismatch() -> None:
    head = {"MODEL_CARD.md": CARD.format(version="Version 9. ", auc="0.913")}
    assert [(f.kind, f.subject) for f in review({}, head, TWO_VERSIONS).findings] == [
        ("card.field_mismatch", "version")]


def test_a_metric_nobody_logged_is_unverifiable_and_low() -> None:
    head = {"MODEL_CARD.md": "# churn-gbm\n\nVersion 4. Brier score 0.071.\n"}
    found = review({}, head, TWO_VERSIONS).findings
    assert [(f.kind, f.subject, f.severity) for f in found] == [("card.metric_unverifiable", "brier score", "low")]


def test_without_a_registry_metrics_are_skipped_not_found() -> None:
    result = review({}, {"MODEL_CARD.md": CARD.format(version="", auc="0.5")})
    assert result.findings == []
    assert [s.what for s in result.skipped] == ["MODEL_CARD.md metrics"]


def test_datasets_of_a_role_the_run_does_not_log_are_coverage() -> None:
    card = "# churn-gbm\n\nVersion 4.\n\n## Evaluation data\n\n`accounts_2026q3_test`.\n"
    result = review({}, {"MODEL_CARD.md": card}, registry(("4", run("r4", {}, (("training", "accounts_2026q3", 10),)))))
    assert result.findings == []
    assert any("eval datasets" in s.what for s in result.skipped)


def test_row_counts_and_digests_of_logged_inputs() -> None:
    snapshot = registry(("4", run("r4", {}, (("training", "accounts_2026q3", 1_934_210),))))
    card = "# churn-gbm\n\nVersion 4.\n\n## Training data\n\n`accounts_2026q3`: {rows} rows, digest `{digest}`.\n"
    assert review({}, {"MODEL_CARD.md": card.format(rows="1.9M", digest="abcdef01")}, snapshot).findings == []
    for rows, digest in (("2.4M", "abcdef01"), ("1.9M", "abcdef99")):
        found = review({}, {"MODEL_CARD.md": card.format(rows=rows, digest=digest)}, snapshot).findings
        assert [(f.kind, f.subject) for f in found] == [("card.dataset_mismatch", "accounts_2026q3")]


TRAIN = "def fit(seed: int = 7) -> None:\n    pass\n"


def test_training_code_without_the_card_is_stale() -> None:
    base = {"MODEL_CARD.md": "# m\n", "churn/train.py": TRAIN}
    head = {"MODEL_CARD.md": "# m\n", "churn/train.py": TRAIN + "\n\nLAGS = 3\n"}
    found = review(base, head).findings
    assert [(f.kind, [c.locator for c in f.citations]) for f in found] == [
        ("card.stale", ["churn/train.py#L5", "MODEL_CARD.md"])]
    head["MODEL_CARD.md"] = "# m\n\nNow with lags.\n"
    assert review(base, head).findings == []


def test_a_rename_or_a_comment_in_training_code_leaves_the_card_fresh() -> None:
    base = {"MODEL_CARD.md": "# m\n", "churn/train.py": TRAIN}
    for edited in (TRAIN.replace("fit", "fit_model"), TRAIN.replace("pass", "pass  # nothing yet")):
        result = review(base, {**base, "churn/train.py": edited})
        assert result.findings == [] and any("card freshness" in c for c in result.checked)


def test_a_new_checkpoint_behind_a_public_name_makes_the_card_stale() -> None:
    loader = 'MODELS = {"large": "https://cdn.example.com/m/{sha}/large.pt"}\n'
    base = {"model-card.md": "# Model Card: speech\n", "speech/__init__.py": loader.replace("{sha}", "aa11bb22")}
    head = {**base, "speech/__init__.py": loader.replace("{sha}", "cc33dd44")}
    found = review(base, head).findings
    assert [(f.kind, f.severity, f.path) for f in found] == [("card.stale", "medium", "speech/__init__.py")]
    assert "weights" in found[0].message


SAVES = "import joblib\n\n\ndef main(model):\n    joblib.dump(model, 'model.pkl')\n"


def test_no_card_is_medium_only_when_the_pr_makes_the_repository_ship_a_model() -> None:
    # The PR brings the code that saves a model, and there is no card anywhere.
    found = review({"README.md": "# churn\n"}, {"README.md": "# churn\n", "churn/train.py": SAVES}).findings
    assert [(f.kind, f.severity, [c.locator for c in f.citations]) for f in found] == [
        ("card.missing", "medium", ["churn/train.py#L5"])]
    # The repository saved its model without a card before this PR: known, low.
    base = {"README.md": "# churn\n", "churn/train.py": SAVES}
    found = review(base, {**base, "churn/train.py": SAVES.replace("'model.pkl'", "'model-v2.pkl'")}).findings
    assert [(f.kind, f.severity) for f in found] == [("card.missing", "low")]


def test_no_card_is_not_due_where_nothing_trains_saves_or_registers_a_model() -> None:
    base = {"models/schema.py": "WIDTH = 3\n"}
    result = review(base, {"models/schema.py": "WIDTH = 4\n"})
    assert result.findings == [] and [s.what for s in result.skipped] == ["model card"]


def test_an_unfilled_template_is_no_card() -> None:
    template = ("---\nlibrary_name: sklearn\n---\n# Model Card for {{ model_id }}\n\n## Model Details\n\n"
                "[More Information Needed]\n\n## Training Data\n\n[More Information Needed]\n")
    found = review({"README.md": template}, {"README.md": template, "churn/train.py": SAVES}).findings
    assert [(f.kind, f.severity) for f in found] == [("card.missing", "medium")]
    assert "README.md is an unfilled template" in found[0].message


@pytest.mark.parametrize("path", ["tests/test_train.py", "docs/training.md", ".github/workflows/train.yml",
                                  "churn/train_test.py", "notebooks/train.ipynb"])
def test_tests_docs_and_ci_are_not_model_code(path: str) -> None:
    base = {"MODEL_CARD.md": "# m\n", path: "a = 1\n"}
    head = {"MODEL_CARD.md": "# m\n", path: "a = 2\n"}
    assert review(base, head).findings == []


def test_training_code_with_no_card_at_all_is_missing() -> None:
    found = review({}, {"churn/train.py": TRAIN, "README.md": "# churn\n"}).findings
    # A new training script that saves nothing: the card is due, at low severity (nothing shows a model ships).
    assert [(f.kind, f.severity, f.citations[0].locator) for f in found] == [
        ("card.missing", "low", "churn/train.py#L1")]


def test_the_claims_split_picks_among_logged_splits() -> None:
    snapshot = registry(("4", run("r4", {"val_auc": 0.9102, "test_auc": 0.8897})))
    card = "# churn-gbm\n\nVersion 4. {claims}\n"
    quiet = card.format(claims="AUC of 0.91 on validation. Test AUC 0.89. AUC 0.89.")
    assert review({}, {"MODEL_CARD.md": quiet}, snapshot).findings == []
    found = review({}, {"MODEL_CARD.md": card.format(claims="Test AUC 0.91.")}, snapshot).findings
    assert [(f.kind, f.citations[1].locator) for f in found] == [
        ("card.metric_mismatch", "registry/mlflow.json#/runs/r4/metrics/test_auc")]


def test_stage_claims_only_where_the_registry_uses_stages() -> None:
    snapshot = registry(("4", run("r4", {})))
    head = {"MODEL_CARD.md": "# churn-gbm\n\nVersion 4. Stage: Production.\n"}
    assert review({}, head, snapshot).findings == []  # MLflow 3: every current_stage is "None"
    snapshot["model_versions"][0]["current_stage"] = "Staging"
    found = review({}, head, snapshot).findings
    assert [(f.kind, f.subject, f.shipped) for f in found] == [("card.field_mismatch", "stage", "v4 is in Staging")]
    snapshot["model_versions"][0]["current_stage"] = "Production"
    assert review({}, head, snapshot).findings == []


def test_a_pr_body_version_the_registry_lacks_is_coverage() -> None:
    result = review({}, {"MODEL_CARD.md": CARD.format(version="", auc="0.5")}, TWO_VERSIONS, body="Ships version 7.")
    assert result.findings == []
    assert [s.why for s in result.skipped] == [
        "the PR body names churn-gbm version 7, which the registry record does not have"]


def test_the_repositorys_data_records_must_agree_with_the_run() -> None:
    snapshot = registry(("4", run("r4", {}, (("training", "accounts_2026q3", 1_934_210),))))
    card = {"MODEL_CARD.md": "# churn-gbm\n\nVersion 4.\n\n## Training data\n\n`accounts_2026q3`.\n"}
    pointer = "outs:\n- md5: {md5}\n  path: accounts_2026q3.parquet\n"
    agreeing = {**card, "data/accounts_2026q3.parquet.dvc": pointer.format(md5="abcdef0123456789")}
    assert review({}, agreeing, snapshot).findings == []
    disagreeing = {**card, "data/accounts_2026q3.parquet.dvc": pointer.format(md5="5d41402abc4b2a76")}
    found = review({}, disagreeing, snapshot).findings
    assert [(f.kind, [c.locator for c in f.citations][-1]) for f in found] == [
        ("card.dataset_mismatch", "data/accounts_2026q3.parquet.dvc")]
    rows = {**card, "data/snapshots.yaml": "- {name: accounts_2026q3, rows: 1934000}\n"}
    assert [f.kind for f in review({}, rows, snapshot).findings] == ["card.dataset_mismatch"]


@pytest.mark.parametrize(("logged", "quiet"), [
    ("xlm-roberta-base", True), ("/mnt/hf/FacebookAI/xlm-roberta-base/", True),
    ("distilbert-base-multilingual-cased", False)])
def test_base_model_against_the_runs_parameter(logged: str, quiet: bool) -> None:
    snapshot = registry(("4", run("r4", {})))
    snapshot["runs"][0]["data"]["params"] = [{"key": "model_name_or_path", "value": logged}]
    head = {"MODEL_CARD.md": "---\nbase_model: FacebookAI/xlm-roberta-base\n---\n# churn-gbm\n\nVersion 4.\n"}
    found = review({}, head, snapshot).findings
    assert [(f.kind, f.subject, f.citations[1].locator) for f in found] == ([] if quiet else [
        ("card.field_mismatch", "base model", "registry/mlflow.json#/runs/r4/params/model_name_or_path")])


@pytest.mark.parametrize(("prose", "params", "finding"), [
    # The prose names the base model; a run parameter names it by its role.
    ("It is a fine-tuned version of [distilroberta-base](https://huggingface.co/distilroberta-base).",
     {"encoder": "FacebookAI/xlm-roberta-base"}, "encoder = FacebookAI/xlm-roberta-base"),
    ("Derived from [Acme's](https://acme.ai) [Pythia-12b](https://huggingface.co/EleutherAI/pythia-12b).",
     {"input_model": "EleutherAI/pythia-6.9b", "epochs": "2"}, "input_model = EleutherAI/pythia-6.9b"),
    ("Based on `resnet-50`, trained on crops.", {"vision_backbone": "resnet-101"}, "vision_backbone = resnet-101"),
    # A family name agrees with a path that holds it; helper and output models are not the base.
    ("Models finetuned from LLaMA models.", {"model_name_or_path": "/ckpt/llama-7b-hf"}, None),
    ("Fine-tuned from `bert-base-uncased`.", {"teacher_model": "bert-large", "output_model": "x"}, None),
    ("Scores are based on user feedback.", {"base_model": "gpt2"}, None),
])
def test_a_base_model_in_prose_against_the_run(prose: str, params: dict[str, str], finding: str | None) -> None:
    snapshot = registry(("4", run("r4", {})))
    snapshot["runs"][0]["data"]["params"] = [{"key": k, "value": v} for k, v in params.items()]
    head = {"MODEL_CARD.md": f"# churn-gbm\n\nVersion 4.\n\n{prose}\n"}
    found = review({}, head, snapshot).findings
    assert [(f.kind, f.shipped) for f in found] == ([("card.field_mismatch", finding)] if finding else [])
    if found:
        assert found[0].line == 5


def test_a_metric_named_outside_any_vocabulary_is_checked_in_either_scale() -> None:
    snapshot = registry(("4", run("r4", {"eval_exact_match": 0.712, "precision_at_5pct_fpr": 0.64})))
    card = "# churn-gbm\n\nVersion 4.\n\n## Results\n\n- Exact match: {em}\n- Precision at 5% FPR: 0.64\n"
    assert review({}, {"MODEL_CARD.md": card.format(em="71.2%")}, snapshot).findings == []
    found = review({}, {"MODEL_CARD.md": card.format(em="0.75")}, snapshot).findings
    assert [(f.kind, f.subject, f.line) for f in found] == [("card.metric_mismatch", "exact match", 7)]


TRAINER_CARD = """---
library_name: transformers
base_model: distilbert-base-uncased
---
# churn-gbm

This model is a fine-tuned version of [distilbert-base-uncased](https://huggingface.co/distilbert-base-uncased).
It achieves the following results on the evaluation set:
- Loss: 0.2240
- Accuracy: {acc}

### Training results

| Training Loss | Epoch | Step | Validation Loss | Accuracy |
|:-------------:|:-----:|:----:|:---------------:|:--------:|
| 0.2259        | 1.0   | 1563 | 0.1946          | 0.9259   |
| 0.1489        | 2.0   | 3126 | 0.2240          | 0.9309   |
"""


def test_a_trainer_generated_card_claims_its_final_results_not_its_training_log() -> None:
    snapshot = registry(("4", run("r4", {"eval_loss": 0.224, "eval_accuracy": 0.9309})))
    assert review({}, {"README.md": TRAINER_CARD.format(acc="0.9309")}, snapshot).findings == []
    found = review({}, {"README.md": TRAINER_CARD.format(acc="0.9412")}, snapshot).findings
    assert [(f.kind, f.subject, f.line) for f in found] == [("card.metric_mismatch", "accuracy", 10)]


def test_a_short_name_is_checked_only_when_it_can_mean_one_logged_metric() -> None:
    card = "# churn-gbm\n\nVersion 4.\n\n## Results\n\n- MAE: {mae}\n"
    snapshot = registry(("4", run("r4", {"val_mean_absolute_error": 3.21})))
    assert review({}, {"MODEL_CARD.md": card.format(mae="3.21")}, snapshot).findings == []
    assert [f.kind for f in review({}, {"MODEL_CARD.md": card.format(mae="2.9")}, snapshot).findings] == [
        "card.metric_mismatch"]
    both = registry(("4", run("r4", {"mean_absolute_error": 3.21, "max_abs_error": 9.1})))
    assert [f.kind for f in review({}, {"MODEL_CARD.md": card.format(mae="2.9")}, both).findings] == [
        "card.metric_unverifiable"]


def test_dropping_the_card_of_a_model_the_repository_ships_is_medium() -> None:
    base = {"MODEL_CARD.md": "# churn\n\nAUC 0.9.\n", "churn/train.py": SAVES}
    head = {"churn/train.py": SAVES.replace("'model.pkl'", "'model-v2.pkl'")}
    assert [(f.kind, f.severity) for f in review(base, head).findings] == [("card.missing", "medium")]


def test_a_new_base_model_in_training_code_is_named_in_the_stale_finding() -> None:
    consts = 'DEFAULT_INPUT_MODEL = "EleutherAI/{m}"\n'
    base = {"MODEL_CARD.md": "# m\n", "training/consts.py": consts.replace("{m}", "gpt-j-6B")}
    head = {**base, "training/consts.py": consts.replace("{m}", "pythia-6.9b")}
    (found,) = review(base, head).findings
    assert (found.kind, found.severity) == ("card.stale", "medium") and "base model" in found.message


def test_in_a_monorepo_each_change_answers_to_the_card_nearest_it() -> None:
    base = {"MODEL_CARD.md": "# all\n", "models/fraud/MODEL_CARD.md": "# fraud\n",
            "models/churn/model_card.md": "# c\n", "models/fraud/train.py": SAVES, "models/churn/train.py": SAVES}
    fraud = {**base, "models/fraud/train.py": SAVES.replace("'model.pkl'", "'model-v2.pkl'")}
    found = review(base, {**fraud, "models/churn/model_card.md": "# c\n\nNew.\n"}).findings
    assert [(f.kind, f.citations[-1].locator) for f in found] == [("card.stale", "models/fraud/MODEL_CARD.md")]
    assert review(base, {**fraud, "models/fraud/MODEL_CARD.md": "# fraud\n\nv2.\n"}).findings == []


def test_a_card_that_already_names_the_new_dataset_or_base_model_is_not_stale() -> None:
    loader = 'DATA_PATH = ROOT / "data" / "{name}.jsonl"\n\n\ndef load():\n    return read(DATA_PATH)\n'
    card = "# m\n\nFine-tuned from `pythia-6.9b` on the databricks-dolly-15k records.\n"
    base = {"MODEL_CARD.md": card, "training/trainer.py": loader.replace("{name}", "alpaca_data")}
    head = {**base, "training/trainer.py": loader.replace("{name}", "databricks-dolly-15k")}
    result = review(base, head)
    assert result.findings == [] and any("already names the dataset databricks-dolly-15k" in c for c in result.checked)
    # A dataset the card does not name keeps the card stale.
    other = {**base, "training/trainer.py": loader.replace("{name}", "oasst1-conversations")}
    assert [f.kind for f in review(base, other).findings] == ["card.stale"]
    consts = 'DEFAULT_INPUT_MODEL = "EleutherAI/{m}"\n'
    base = {"MODEL_CARD.md": card, "training/consts.py": consts.replace("{m}", "gpt-j-6B")}
    assert review(base, {**base, "training/consts.py": consts.replace("{m}", "pythia-6.9b")}).findings == []


def test_a_base_model_claim_the_registry_contradicts_is_not_reported_again_as_stale() -> None:
    consts = 'DEFAULT_INPUT_MODEL = "EleutherAI/{m}"\n'
    card = "# churn-gbm\n\nVersion 4.\n\nDerived from [Pythia-12b](https://huggingface.co/EleutherAI/pythia-12b).\n"
    base = {"MODEL_CARD.md": card, "training/consts.py": consts.replace("{m}", "gpt-j-6B")}
    head = {**base, "training/consts.py": consts.replace("{m}", "pythia-6.9b")}
    assert [f.kind for f in review(base, head).findings] == ["card.stale"]
    snapshot = registry(("4", run("r4", {})))
    snapshot["runs"][0]["data"]["params"] = [{"key": "input_model", "value": "EleutherAI/pythia-6.9b"}]
    assert [f.kind for f in review(base, head, snapshot).findings] == ["card.field_mismatch"]


# A card documenting two checkpoints, one section each, the way open_clip's README does (rw8-card-*).
CATALOGUE = ("# Checkpoints\n\n## ViT-B/32 224x224\n\nFine-tuned from `clip-b32-base`. Registered as version 9.\n"
             "Accuracy of 0.61 on ImageNet.\n\n## ViT-g/14 224x224\n\nFine-tuned from `clip-g14-base`. "
             "Accuracy of {acc} on ImageNet.\n")


def vit_g14(accuracy: float) -> dict[str, Any]:
    data = registry(("4", run("r4", {"accuracy": accuracy})))
    data["registered_models"][0]["name"] = "ViT-g-14"
    data["model_versions"][0]["name"] = "ViT-g-14"
    data["runs"][0]["data"]["params"] = [{"key": "base_model", "value": "clip-g14-base"}]
    return data


def test_a_catalogue_cards_claims_about_another_model_are_not_judged_against_this_one() -> None:
    result = review({}, {"MODEL_CARD.md": CATALOGUE.format(acc="0.785")}, vit_g14(0.7847))
    assert result.findings == []  # not "version 9", not "clip-b32-base", not "Accuracy 0.61": ViT-B/32's
    assert [s.what for s in result.skipped] == [
        "MODEL_CARD.md claim '9' (MODEL_CARD.md#L5)", "MODEL_CARD.md claim 'Accuracy 0.61' (MODEL_CARD.md#L6)",
        "MODEL_CARD.md claim 'clip-b32-base' (MODEL_CARD.md#L5)"]
    assert {s.why for s in result.skipped} == {"it sits under a heading naming ViT-B/32, another model than ViT-g-14"}
    # Under the heading naming the registered model, claims are judged as in any card.
    wrong = review({}, {"MODEL_CARD.md": CATALOGUE.format(acc="0.77")}, vit_g14(0.7847)).findings
    assert [(f.kind, f.subject, f.line) for f in wrong] == [("card.metric_mismatch", "accuracy", 10)]
    # Without its sections (one model's card), the same claims are the card's own and are judged.
    single = CATALOGUE.format(acc="0.785").replace("## ViT-B/32 224x224\n", "")
    kinds = [(f.kind, f.subject) for f in review({}, {"MODEL_CARD.md": single}, vit_g14(0.7847)).findings]
    assert ("card.field_mismatch", "version") in kinds


def test_an_open_clip_readme_is_judged_only_on_the_registered_models_claims() -> None:
    # Its sections and its list of checkpoints name many models; two items name ViT-g/14 (12B and 34B samples
    # seen), one ViT-G/14. The registered runs log `samples_seen` 12B (v1) and 34B (v2); the PR body names v2.
    folder = REPO / "benchmark" / "realworld" / "rw8-card-01-openclip-g14-34b-weights"
    result = run_review(load_scenario(folder))
    assert [f for f in result.verdict.findings if f.agent == "card" and f.severity != "low"] == []
    skipped = {s.what: s.why for s in result.verdict.coverage.skipped}
    assert skipped["README.md claim 'xlm roberta large' (README.md#L542)"] == (
        "it sits under a heading naming ViT-H/14, another model than ViT-g-14")
    assert skipped["README.md claim accuracy '76.6' (README.md#L23)"] == (
        "its list item names version 1 of ViT-g-14, not 2")
    assert skipped["README.md claim accuracy '80.1' (README.md#L25)"] == (
        "it is stated in the list item for ViT-G/14, another model than ViT-g-14")
    # The same README against a run that logged another number for the 34B weights: the item's 78.5 is wrong.
    drift = run_review(load_scenario(folder.parent / "rw8-card-02-openclip-g14-registered-run-drift"))
    found = [(f.kind, f.subject, f.line) for f in drift.verdict.findings if f.agent == "card" and f.severity == "high"]
    assert found == [("card.metric_mismatch", "accuracy", 24)]


def test_a_released_checkpoint_the_model_zoo_leaves_out_is_stale_until_the_zoo_lists_it() -> None:
    deit = REPO / "tests" / "fixtures" / "docs" / "deit"
    base = {"models_v2.py": (deit / "models_v2_b2bae2a.py").read_text(),
            "README_revenge.md": (deit / "README_revenge_dbfa364.md").read_text()}
    head = {**base, "models_v2.py": (deit / "models_v2_dbfa364.py").read_text()}
    [finding] = [f for f in review(base, head).findings if f.rule == "card.lists-released-checkpoints"]
    assert (finding.kind, finding.severity, finding.path, finding.line) == ("card.stale", "medium", "models_v2.py", 308)
    assert [c.locator for c in finding.citations] == ["models_v2.py#L308", "README_revenge.md#L37"]
    assert "deit_3_medium_" in finding.message and "14 other checkpoints" in finding.message
    listed = {**head, "README_revenge.md": (deit / "README_revenge_cb1f48a.md").read_text()}
    assert not [f for f in review(base, listed).findings if f.rule == "card.lists-released-checkpoints"]


def test_a_model_zoo_row_claiming_the_registered_checkpoints_model_is_checked_against_its_run() -> None:
    convnext = REPO / "tests" / "fixtures" / "docs" / "convnext"
    tiny_384 = run("r3", {"acc1": 84.1})
    tiny_384["data"]["params"] = [{"key": "checkpoint", "value": "convnext_tiny_22k_1k_384.pth"}]
    snapshot = registry(("3", tiny_384))
    base = {"README.md": (convnext / "README_6e08219.md").read_text()}
    head = {"README.md": (convnext / "README_06f7b05.md").read_text()}
    found = [f for f in review(base, head, snapshot).findings if f.rule == "card.metric-matches-registry"]
    # line 47 links v3's checkpoint and agrees; line 49 names the same model (ConvNeXt-T, 384x384) with 85.8
    assert [(f.kind, f.subject, f.line) for f in found] == [("card.metric_mismatch", "acc@1", 49)]
    assert "acc1 = 84.1" in found[0].message and "line 47" in found[0].message
    fixed = {"README.md": (convnext / "README_d1fa8f6.md").read_text()}
    assert not [f for f in review(head, fixed, snapshot).findings if f.kind.startswith("card.metric")]
    # without a run naming a checkpoint the table links, no row is about the registered version
    unnamed = registry(("3", run("r3", {"acc1": 84.1})))
    assert not [f for f in review(base, head, unnamed).findings if f.kind.startswith("card.metric")]


def test_a_file_name_that_several_zoo_rows_link_ties_no_row_to_the_registered_version() -> None:
    table = ("| model | top-1 | weights |\n|---|---|---|\n"
             "| small | 80.1 | [w](https://hub.example/small/pytorch_model.bin) |\n"
             "| large | 84.7 | [w](https://hub.example/large/pytorch_model.bin) |\n")
    small = run("r1", {"top1": 80.1})
    small["data"]["params"] = [{"key": "weights", "value": "pytorch_model.bin"}]
    assert not [f for f in review({}, {"README.md": table}, registry(("1", small))).findings
                if f.kind.startswith("card.metric")]


LISTED = ("# Checkpoints\n\nWe have trained:\n"
          "  * ViT-B/32 on LAION-2B with an accuracy of **66.6%**.\n"
          "  * ViT-g/14 on LAION-2B with an accuracy of **{acc}**. {words}\n")


def listed_versions(first: float, second: float) -> dict[str, Any]:
    data = registry(("1", run("r1", {"imagenet_zeroshot_top1": first})),
                    ("2", run("r2", {"imagenet_zeroshot_top1": second})))
    data["registered_models"][0]["name"] = "ViT-g-14"
    for entry in data["model_versions"]:
        entry["name"] = "ViT-g-14"
    for entry, seen in zip(data["runs"], ("12B", "34B"), strict=True):
        entry["data"]["params"] = [{"key": "samples_seen", "value": seen}, {"key": "model", "value": "ViT-g-14"}]
    return data


def test_an_item_that_does_not_say_which_version_is_not_judged() -> None:
    body = "Registered as ViT-g-14 version 2."
    card = {"MODEL_CARD.md": LISTED.format(acc="78.5", words="34B samples seen.")}
    wrong = review({}, card, listed_versions(0.7663, 0.7747), body=body).findings
    assert [(f.kind, f.subject) for f in wrong] == [("card.metric_mismatch", "accuracy")]
    assert "imagenet_zeroshot_top1 = 0.7747" in wrong[0].message
    assert review({}, card, listed_versions(0.7663, 0.7847), body=body).findings == []
    vague = {"MODEL_CARD.md": LISTED.format(acc="78.5", words="Longer schedule.")}
    result = review({}, vague, listed_versions(0.7663, 0.7747), body=body)
    assert result.findings == []
    assert "does not say which of ViT-g-14's 2 registered versions" in " ".join(s.why for s in result.skipped)
