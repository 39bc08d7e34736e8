"""Claims in a card's body: metrics in sentences, lists and tables; the version, alias, stage and base model."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.readers.card_prose import (
    prose_metrics,
    section_models,
    stated_alias,
    stated_base_model,
    stated_stage,
    stated_version,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import REPO

REALWORLD = REPO / "benchmark" / "realworld"


def test_a_real_cards_prose_and_subgroup_table_give_claims_on_their_lines() -> None:
    text = (REALWORLD / "rw-card-04-detoxify-multilingual-checkpoint-url" / "head" / "README.md").read_text(
        encoding="utf-8")
    claims = prose_metrics(text)
    assert [(c.name, c.text, c.source, c.locator) for c in claims[:3]] == [
        ("AUC", "98.28", "prose", "27"), ("Subgroup AUC Score %", "89.18", "table", "51"),
        ("Subgroup AUC Score %", "89.61", "table", "52")]
    lines = text.splitlines()
    assert all(c.text in lines[int(c.locator) - 1] for c in claims)
    dolly = (REALWORLD / "rw-card-05-dolly-v2-pythia-base-model" / "head" / "README.md").read_text(encoding="utf-8")
    assert stated_base_model(dolly) == ("pythia-12b", 5)


@pytest.mark.parametrize(("body", "alias"), [
    ("Served from `models:/churn@champion`.", ("champion", 1)),
    ("# m\n\nThis version serves as the **Challenger**.", ("challenger", 3)),
    ("Promoted to production last week.", ("production", 1)),
    ("The champion of our league.", None), ("", None),
])
def test_the_alias_a_card_says_it_holds(body: str, alias: tuple[str, int] | None) -> None:
    assert stated_alias(body) == alias


@pytest.mark.parametrize(("body", "stage"), [
    ("Stage: **Production**", ("Production", 1)), ("\nNow in the `staging` stage.", ("Staging", 2)),
    ("stage=archived", ("Archived", 1)),
    ("The next stage of the project moves to production.", None), ("Production ready.", None),
])
def test_the_stage_a_card_says_its_version_is_in(body: str, stage: tuple[str, int] | None) -> None:
    assert stated_stage(body) == stage


@pytest.mark.parametrize(("body", "base"), [
    ("This model is a fine-tuned version of [distilbert-base-uncased](https://huggingface.co/distilbert/"
     "distilbert-base-uncased) on the imdb dataset.", "distilbert/distilbert-base-uncased"),
    ("Fine-tuned from [our encoder](https://example.com/enc).", "our encoder"),
    ("Derived from `xlm-roberta-base`.", "xlm-roberta-base"),
    ("Distilled from the LLaMA-2 7B chat model.", "LLaMA-2"),
    ("Based on `resnet50`, with a new head.", "resnet50"),
    ("Based on feedback from the team.", None),  # "based on" alone needs a link or a quoted name
    ("Fine-tuned from scratch.", None),
    ("Fine-tuned from [Ana's notes](#notes).", None),
])
def test_the_base_model_the_prose_names(body: str, base: str | None) -> None:
    found = stated_base_model(body)
    assert (found[0] if found else None) == base


def test_a_base_model_is_found_on_its_own_line() -> None:
    assert stated_base_model("# card\n\nTrained on top of `bert-base-cased`.\n") == ("bert-base-cased", 3)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("AUCF1v8 .:%|-`*#\n()[]/models@championstage0123456789")),
               max_size=200))
def test_any_body_reads_without_raising(body: str) -> None:
    for claim in prose_metrics(body):
        assert claim.value >= 0 and claim.locator.isdigit()
    for found in (stated_version(body), stated_alias(body), stated_stage(body), stated_base_model(body)):
        assert found is None or (isinstance(found[0], str) and found[1] >= 1)


def test_prose_metrics_versions_and_what_is_not_a_version() -> None:
    claims = prose_metrics("We reach an AUC of 0.913 on the Q3 holdout.\nLatency is 12 ms.\n| MAPE | 8.1% |\n")
    assert [(c.name, c.value, c.decimals) for c in claims] == [("AUC", 0.913, 3), ("MAPE", 0.081, 3)]
    assert stated_version("Evaluated on golden set v3. Registered as version 8.") == ("8", 1)
    assert stated_version("See models:/churn/12 for details") == ("12", 1)
    assert stated_version("Benchmark v2 only") is None


def test_versions_named_and_benchmark_names_that_are_not() -> None:
    assert stated_version("Evaluated on golden set v3.\nRegistered as version 8.") == ("8", 2)
    assert stated_version("Serving URI `models:/credit-pd/12`.") == ("12", 1)
    assert stated_version("This is v8 of the model.") == ("8", 1)
    assert stated_version("Checked against golden set v3 and schema v2.") is None
    assert stated_version("Fine-tuned from MobileNet v2 on the Q3 holdout v4.") is None


def test_prose_skips_latencies_and_counts() -> None:
    assert [m.name for m in prose_metrics("F1 3 times. AUC 12 ms. Accuracy of 0.88.")] == ["Accuracy"]


def test_tables_with_metrics_as_rows_or_as_columns() -> None:
    text = ("# m\n\n| Split | AUC | Brier score |\n|---|---|---|\n| validation | 0.913 | 0.071 |\n"
            "| test | **0.905** ± 0.004 | 0.075 |\n\n| Metric | Validation | Test |\n|:--|--:|--:|\n"
            "| Macro F1 | 0.81 | 79.5% |\n| Latency | 12 | 13 |\n")
    claims = prose_metrics(text)
    assert [(c.name, c.text, c.split, c.locator) for c in claims] == [
        ("AUC", "0.913", "val", "5"), ("Brier score", "0.071", "val", "5"), ("AUC", "0.905", "test", "6"),
        ("Brier score", "0.075", "test", "6"), ("Macro F1", "0.81", "val", "10"), ("Macro F1", "79.5%", "test", "10")]


SECTIONED = """# fraud-scorer

## Evaluation results

- Precision at 5% FPR: 0.71
- **AUC** (test): 0.93
- Exact match — 71.2%
- Latency: 35 ms
- Released: 2023

| Metric | Value |
|---|---|
| Top-1 error | 0.082 |

| Model | Score |
|---|---|
| other-model | 0.5 |

## Usage

- threshold: 0.5
"""


def test_every_item_and_row_under_a_metric_heading_is_a_claim_whatever_its_name() -> None:
    claims = prose_metrics(SECTIONED)
    assert [(c.name, c.value, c.split, c.source, c.locator) for c in claims] == [
        ("Precision at 5% FPR", 0.71, None, "list", "5"), ("AUC", 0.93, "test", "list", "6"),
        ("Exact match", 0.712, None, "list", "7"), ("Top-1 error", 0.082, None, "table", "13")]


def test_a_version_inside_a_web_address_is_part_of_the_address() -> None:
    # open_clip's README cites a proceedings volume (proceedings.mlr.press/v119/...): no model version.
    text = (REALWORLD / "rw8-card-01-openclip-g14-34b-weights" / "head" / "README.md").read_text(encoding="utf-8")
    cited = next(line for line in text.splitlines() if "proceedings.mlr.press/v119/" in line)
    assert stated_version(cited) is None
    assert stated_version(text) is None
    assert stated_version("Docs at https://example.org/api?version=3; this card is v8.") == ("8", 1)
    assert stated_version("Served from models:/churn/12 (see www.example.org/v2/models).") == ("12", 1)


def test_a_catalogue_cards_sections_belong_to_the_models_their_headings_name() -> None:
    # open_clip's README documents many checkpoints, one "#### ViT-x/NN ..." section each.
    text = (REALWORLD / "rw8-card-01-openclip-g14-34b-weights" / "head" / "README.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    owners = section_models(text)
    assert lines[537] == "#### ViT-H/14 xlm roberta large" and owners[542] == "ViT-H/14"
    assert lines[519].startswith("#### ViT-g/14") and owners[522] == "ViT-g/14"
    assert 21 not in owners  # the list of trained models sits under "# OpenCLIP", which names no model
    assert stated_base_model(text) == ("xlm roberta large", 542)
    # Lines in a fenced block are not headings; a single model's card has no sections of other models.
    gpt2 = (REALWORLD / "rw4-card-01-gpt2-1558m-release-card-updated" / "head" / "model_card.md").read_text(
        encoding="utf-8")
    assert section_models(gpt2) == {}
    assert section_models("# churn-gbm v8\n\n## Results on Q3\n\nAUC 0.91\n## Top-1 accuracy\n") == {}
    assert section_models("```\n# ResNet-50\n```\n# EfficientNet-B0\n") == {}
    assert section_models("# ResNet-50\nbase\n# EfficientNet-B0\ntext\n") == {
        1: "ResNet-50", 2: "ResNet-50", 3: "EfficientNet-B0", 4: "EfficientNet-B0"}


def test_section_models_skip_headings_in_any_fence() -> None:
    # A tilde fence, and a longer backtick fence holding a shorter one: their headings are code.
    assert section_models("~~~\n# ResNet-50\n~~~\n# EfficientNet-B0\n") == {}
    assert section_models("````\n```\n# ResNet-50\n```\n````\n# EfficientNet-B0\n") == {}
    # An unclosed fence hides the rest of the card.
    assert section_models("# ResNet-50\n```\n# EfficientNet-B0\n") == {}


def test_a_list_of_models_ties_each_items_claim_to_the_model_it_opens_with() -> None:
    text = (REALWORLD / "rw8-card-02-openclip-g14-registered-run-drift" / "head" / "README.md").read_text(
        encoding="utf-8")
    listed = {c.locator: c for c in prose_metrics(text) if c.item_model}
    assert (listed["24"].item_model, listed["24"].name, listed["24"].text) == ("ViT-g/14", "accuracy", "78.5")
    assert listed["24"].item is not None and "Full 34B samples seen schedule" in listed["24"].item
    assert (listed["25"].item_model, listed["25"].text) == ("ViT-G/14", "80.1")  # a marked value is read
    assert (listed["14"].item_model, listed["14"].text) == ("ViT-B/32", "62.9%")
    # Items of one model only (or none) are not a list of models: their claims are the card's own.
    single = "- ResNet-50 reaches an accuracy of 0.91 on the test set.\n- ResNet-50 in int8: accuracy of 0.90.\n"
    assert [(c.item_model, c.text) for c in prose_metrics(single)] == [(None, "0.91"), (None, "0.90")]
