"""Model cards from real files: huggingface_hub's own fixtures (including the invalid one) and MCT JSON."""

from __future__ import annotations

from custody.reviewer.readers.card_prose import prose_metrics, stated_version
from custody.reviewer.readers.cards import parse_number, read_hf_card, read_model_cards, read_toolkit_card
from custody.reviewer.snapshot import MemorySnapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import fixture_path


def card_text(name: str) -> str:
    return fixture_path("ml", "model_cards", name).read_text(encoding="utf-8")


def test_model_index_results_with_their_datasets() -> None:
    card, problems = read_hf_card("README.md", card_text("01_hfhub_fixture_simple_model_index.md"))
    assert problems == []
    assert card.model_name is not None and card.model_name.value == "my-cool-model"
    assert [(m.name, m.value, m.dataset) for m in card.metrics] == [("accuracy", 0.9, "Beans"), ("f1", 0.66, "Beans")]
    assert card.license is not None and card.license.value == "mit"
    assert all(m.locator.startswith("README.md#L") for m in card.metrics)


def test_a_result_without_dataset_loses_nothing_else() -> None:
    # huggingface_hub drops every eval result of this card; the metric is still a claim here.
    card, _ = read_hf_card("README.md", card_text("02_hfhub_fixture_invalid_model_index_no_dataset.md"))
    assert [(m.name, m.value, m.dataset) for m in card.metrics] == [("acc", 0.9, None)]


def test_card_without_model_index() -> None:
    card, problems = read_hf_card("README.md", card_text("03_hfhub_fixture_simple_no_model_index.md"))
    assert card.metrics == [] and problems == []


def test_legacy_key_string_values_and_one_malformed_result() -> None:
    text = ("---\nmodel_index:\n- name: m\n  results:\n  - metrics: not-a-list\n  - dataset: {type: org/data}\n"
            "    metrics:\n    - {type: auc, value: '0.913'}\n    - {type: acc, value: '91.3%'}\n"
            "    - {type: f1, value: high}\n"
            "---\n# m\n")
    card, problems = read_hf_card("MODEL_CARD.md", text)
    assert [(m.name, m.value, m.decimals, m.source) for m in card.metrics] == [
        ("auc", 0.913, 3, "model_index"), ("acc", 0.913, 3, "model_index")]
    assert len(problems) == 2  # the malformed result and the non-numeric value, each named


def test_model_card_toolkit_json() -> None:
    text = fixture_path("ml", "model_cards", "model_card_toolkit", "cats_vs_dogs_v0_0_2.json").read_text()
    card, _ = read_toolkit_card("model_card.json", text)
    assert card.model_name is not None and "MobileNetV2" in card.model_name.value
    assert card.owners and card.owners[0].value == "Model Cards Team"
    assert len(card.metrics) == 3 and all(m.name == "accuracy" for m in card.metrics)


def test_prose_metrics_versions_and_what_is_not_a_version() -> None:
    claims = prose_metrics("We reach an AUC of 0.913 on the Q3 holdout.\nLatency is 12 ms.\n| MAPE | 8.1% |\n")
    assert [(c.name, c.value, c.decimals) for c in claims] == [("AUC", 0.913, 3), ("MAPE", 0.081, 3)]
    assert stated_version("Evaluated on golden set v3. Registered as version 8.") == ("8", 1)
    assert stated_version("See models:/churn/12 for details") == ("12", 1)
    assert stated_version("Benchmark v2 only") is None


def test_readme_counts_only_with_card_metadata() -> None:
    snapshot = MemorySnapshot({"README.md": b"# Project\n\nNo metadata.\n",
                               "models/a/MODEL_CARD.md": b"# a\n\nAUC of 0.8.\n"})
    cards, _ = read_model_cards(snapshot, ["README.md", "models/**/MODEL_CARD.md"])
    assert [c.path for c in cards] == ["models/a/MODEL_CARD.md"]


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_without_crashing(text: str) -> None:
    read_hf_card("MODEL_CARD.md", "---\n" + text + "\n---\n" + text)
    parse_number(text)
