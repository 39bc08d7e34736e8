"""Model cards from real files (huggingface_hub fixtures, Model Card Toolkit JSON) and real-world quirks."""

from __future__ import annotations

import json

import pytest
from custody.reviewer.gather.readers.card_prose import stated_version
from custody.reviewer.gather.readers.cards import (
    card_sections,
    parse_number,
    read_hf_card,
    read_model_cards,
    read_toolkit_card,
)
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.config import Paths
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import REPO, fixture_path

CARDS = ("ml", "model_cards")
PATTERNS = Paths().model_cards
REALWORLD = REPO / "benchmark" / "realworld"


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


def fixture(name: str) -> str:
    return fixture_path(*CARDS, name).read_text(encoding="utf-8")


def test_hub_card_with_two_results() -> None:
    card, problems = read_hf_card("README.md", fixture("01_hfhub_fixture_simple_model_index.md"))
    assert problems == []
    assert [(m.name, m.value, m.decimals, m.split) for m in card.metrics] == [
        ("accuracy", 0.9, 1, None), ("f1", 0.66, 2, "test")]
    assert card.model_name is not None and card.model_name.value == "my-cool-model"
    assert card.license is not None and card.license.value == "mit"
    assert {(d.name, d.role) for d in card.datasets} == {("beans", "train"), ("beans", "eval")}
    assert card.metrics[1].locator == "README.md#L35"  # the `value: 0.66` line


def test_one_malformed_result_loses_only_itself() -> None:
    text = ("---\nmodel-index:\n- name: m\n  results:\n  - metrics: not a list\n  - 7\n"
            "  - dataset: {type: d}\n    metrics:\n    - {type: auc, value: '0.91'}\n---\n# m\n")
    card, problems = read_hf_card("MODEL_CARD.md", text)
    assert [(m.name, m.value, m.decimals) for m in card.metrics] == [("auc", 0.91, 2)]
    assert sorted(p.what for p in problems) == ["MODEL_CARD.md model-index[0].results[0]",
                                               "MODEL_CARD.md model-index[0].results[1]"]


def test_legacy_model_index_key_and_percent_strings() -> None:
    text = ("---\nmodel_index:\n- name: asr\n  results:\n  - dataset: {type: calls}\n    metrics:\n"
            "    - {type: wer, value: '7.9%'}\n---\n# asr\n")
    card, _ = read_hf_card("MODEL_CARD.md", text)
    assert [(m.name, round(m.value, 6), m.decimals, m.source) for m in card.metrics] == [
        ("wer", 0.079, 3, "model_index")]


def test_prose_and_table_metrics_with_lines() -> None:
    text = ("# fraud\n\nAUC of 0.913 on the Q3 holdout. Precision at 1% FPR: 0.62.\n"
            "p95 latency 12 ms.\n\n| Metric | Value |\n|---|---|\n| Recall | 81.5% |\n")
    card, _ = read_hf_card("MODEL_CARD.md", text)
    assert [(m.name, m.text, m.locator) for m in card.metrics] == [
        ("AUC", "0.913", "MODEL_CARD.md#L3"), ("Precision at 1% FPR", "0.62", "MODEL_CARD.md#L3"),
        ("Recall", "81.5%", "MODEL_CARD.md#L8")]


def test_training_data_snapshots_with_digest_and_rows() -> None:
    text = ("# demand\n\n## Training data\n\nTrained on `sales_2026w40` (1.9M rows, digest `3f9a2c1d`).\n"
            "Calendar from `holidays_2026` (1,204 rows).\n\n## Evaluation data\n\n`sales_2026w41`.\n")
    card, _ = read_hf_card("MODEL_CARD.md", text)
    found = {(d.name, d.role, d.digest, d.rows, d.rows_text, d.locator) for d in card.datasets}
    assert found == {("sales_2026w40", "train", "3f9a2c1d", 1_900_000, "1.9M", "MODEL_CARD.md#L5"),
                     ("holidays_2026", "train", None, 1204, "1,204", "MODEL_CARD.md#L6"),
                     ("sales_2026w41", "eval", None, None, None, "MODEL_CARD.md#L10")}


def test_owner_alias_base_model_and_license_other() -> None:
    text = ("---\nlicense: other\nlicense_name: acme-internal\nbase_model: [FacebookAI/xlm-roberta-base]\n---\n"
            "# m\n\n**Owner:** asr-team (asr@x.io)\n\nThis version serves as `champion`.\n\n"
            "## Intended use\n\nRouting calls.\n")
    card, _ = read_hf_card("MODEL_CARD.md", text)
    assert card.license is not None and card.license.value == "acme-internal"
    assert card.base_model is not None and card.base_model.value == "FacebookAI/xlm-roberta-base"
    assert [o.value for o in card.owners] == ["asr-team (asr@x.io)"]
    assert card.alias is not None and card.alias.value == "champion" and card.alias.locator == "MODEL_CARD.md#L10"
    assert card.intended_use is not None and card.intended_use.value == "Routing calls."


def test_malformed_front_matter_is_reported_and_prose_still_read() -> None:
    card, problems = read_hf_card("MODEL_CARD.md", "---\nlicense: [mit\n---\n# m\n\nAUC of 0.91.\n")
    assert [p.what for p in problems] == ["MODEL_CARD.md front matter"]
    assert [m.value for m in card.metrics] == [0.91]


def test_toolkit_cards() -> None:
    card, problems = read_toolkit_card("model_card.json", fixture("model_card_toolkit/full.json"))
    assert problems == []
    assert [(m.name, m.value, m.dataset) for m in card.metrics] == [("accuracy", 0.9, "overall")]
    assert [o.value for o in card.owners] == ["name1", "name2"]
    assert card.version is None  # "v1.0" names no registered version
    cats, _ = read_toolkit_card("model_card.json", fixture("model_card_toolkit/cats_vs_dogs_v0_0_2.json"))
    assert [m.dataset for m in cats.metrics] == [None, "cat", "Dog"]


def test_which_files_are_cards() -> None:
    card = "---\nmodel-index:\n- name: m\n  results: []\n---\n# m\n"
    snapshot = MemorySnapshot({
        "README.md": b"# Just a project readme\n\nAUC of 0.9.\n",
        "MODEL_CARD.md": b"# churn\n\nAUC of 0.91.\n",
        "models/fraud/README.md": card.encode(),
        "models/fraud/MODEL_CARD.md": card.encode(),
        "docs/model_card.json": json.dumps({"model_details": {"name": "x"}}).encode(),
        "docs/notes.md": card.encode(),
        "big/MODEL_CARD.md": b"x" * (600 * 1024),
        "broken/model_card.json": b"{not json",
    })
    cards, problems = read_model_cards(snapshot, PATTERNS)
    # A README anywhere is a card once it has card metadata.
    assert sorted(c.path for c in cards) == ["MODEL_CARD.md", "docs/model_card.json", "models/fraud/MODEL_CARD.md",
                                             "models/fraud/README.md"]
    assert sorted(p.what for p in problems) == ["big/MODEL_CARD.md", "broken/model_card.json"]


def test_a_readme_with_card_metadata_is_a_card() -> None:
    snapshot = MemorySnapshot({"README.md": b"---\nbase_model: bert-base-uncased\n---\n# m\n"})
    cards, _ = read_model_cards(snapshot, PATTERNS)
    assert [c.base_model.value for c in cards if c.base_model] == ["bert-base-uncased"]


@given(st.text(max_size=400))
def test_any_text_reads_without_raising(text: str) -> None:
    card, problems = read_hf_card("MODEL_CARD.md", text)
    assert card.path == "MODEL_CARD.md"
    assert all(p.what.startswith("MODEL_CARD.md") for p in problems)


metric_values = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(), st.text(max_size=8),
                          st.none(), st.booleans(), st.lists(st.integers(), max_size=2))


@given(st.lists(st.fixed_dictionaries({"type": st.sampled_from(["auc", "f1", "", "wer"]), "value": metric_values}),
                max_size=5))
def test_model_index_of_any_values_keeps_the_numeric_ones(metrics: list[dict[str, object]]) -> None:
    front = json.dumps({"model-index": [{"name": "m", "results": [{"dataset": {"type": "d"}, "metrics": metrics}]}]})
    card, _ = read_hf_card("MODEL_CARD.md", f"---\n{front}\n---\n# m\n")
    numeric = [m for m in metrics if m["type"] and parse_number(m["value"]) is not None]
    assert len(card.metrics) == len(numeric)


@given(st.decimals(min_value=0, max_value=100, places=4, allow_nan=False), st.booleans())
def test_parse_number_keeps_the_written_precision(number: object, percent: bool) -> None:
    text = f"{number}%" if percent else str(number)
    parsed = parse_number(text)
    assert parsed is not None
    written = str(number).split(".")
    decimals = len(written[1]) if len(written) == 2 else 0
    assert parsed[1] == decimals + (2 if percent else 0)
    assert abs(parsed[0] - float(str(number)) / (100 if percent else 1)) < 1e-9


def test_version_from_front_matter_or_model_index_name_and_stage_from_prose() -> None:
    card, _ = read_hf_card("MODEL_CARD.md", "---\nmodel_version: 8\n---\n# m\n\nStage: **Production**\n")
    assert card.version is not None and card.version.value == "8" and card.version.locator == "MODEL_CARD.md#L2"
    assert card.stage is not None and card.stage.value == "Production"
    card, _ = read_hf_card("MODEL_CARD.md", "---\nmodel-index:\n- name: churn v8\n  results: []\n---\n# m\n")
    assert card.version is not None and card.version.value == "8"
    card, _ = read_hf_card("MODEL_CARD.md", "# m\n\nThe next stage of the project moves to production.\n")
    assert card.stage is None and card.version is None


def test_a_readme_with_front_matter_that_is_not_a_models_is_no_card() -> None:
    snapshot = MemorySnapshot({"README.md": b"---\nlicense: mit\ntitle: Docs\n---\n# Project\n\nAUC of 0.9.\n"})
    assert read_model_cards(snapshot, PATTERNS) == ([], [])
    snapshot = MemorySnapshot({"README.md": b"---\nlicense: mit\ntask_categories: [text-classification]\n---\n# d\n"})
    assert read_model_cards(snapshot, PATTERNS) == ([], [])


def test_version_and_alias_spellings() -> None:
    assert stated_version("**Version:** `8`") == ("8", 1)
    assert stated_version("Registered model version 4.") == ("4", 1)
    assert stated_version("Needs scikit-learn version 1.5.2 and Python version 3.11; release v1.2.") is None
    card, _ = read_hf_card("MODEL_CARD.md", "# m\n\nServed from `models:/churn@champion`.\n")
    assert card.alias is not None and card.alias.value == "champion"


def test_a_vn_in_a_tables_header_cell_is_a_datasets_version_not_the_cards() -> None:
    # facebookresearch/dinov2's MODEL_CARD.md: `<th>NYU-Depth v2</th>` and `<th>classif. V2 (acc)</th>` name columns.
    text = fixture_path("ml", "model_cards", "dinov2_9c7e324_MODEL_CARD.md").read_text(encoding="utf-8")
    assert "<th>NYU-Depth v2</th>" in text and stated_version(text) is None
    assert stated_version("| model | COCO v2 mAP |\n|:---:|:---:|\n| a | 0.4 |\n") is None
    # The same words outside a header are still read: a body cell, a sentence.
    assert stated_version("| model | card |\n|---|---|\n| churn | v3 |\n") == ("3", 3)
    assert stated_version("<table><tr><th>model</th></tr><tr><td>v7</td></tr></table>") == ("7", 1)


def test_a_nesting_bomb_is_skipped_and_the_others_read() -> None:
    bomb = "---\nmodel-index: " + "[" * 5000 + "]" * 5000 + "\n---\n# m\n\nAUC of 0.91.\n"
    snapshot = MemorySnapshot({"MODEL_CARD.md": bomb.encode(), "models/a/MODEL_CARD.md": b"# a\n\nAUC of 0.8.\n"})
    cards, problems = read_model_cards(snapshot, PATTERNS)
    assert [c.path for c in cards] == ["MODEL_CARD.md", "models/a/MODEL_CARD.md"]
    assert [c.metrics[0].value for c in cards] == [0.91, 0.8]
    assert [p.what for p in problems] == ["MODEL_CARD.md front matter"]


# -- discovery: names in any case, READMEs that are cards, templates left unfilled ---------------------

README_CARD = """# Detector

## Description
Flags toxic comments.

## Limitations and ethical considerations
Swear words read as toxic.

## Training
`python train.py --config c.json`

## Evaluation
| Model | Score |
|-|-|
| `a` | 0.93 |
"""


@pytest.mark.parametrize("name", ["model_card.md", "MODEL_CARD.md", "ModelCard.md", "model-card.md",
                                  "docs/Model_Card.md", "models/x/modelcard.md"])
def test_a_card_is_found_by_its_name_in_any_case(name: str) -> None:
    cards, _ = read_model_cards(MemorySnapshot({name: b"# m\n\nSome text.\n"}), PATTERNS)
    assert [c.path for c in cards] == [name]


def test_a_readme_with_a_cards_sections_is_a_card_and_a_project_readme_is_not() -> None:
    project = "# Tool\n\n## Setup\n\n## Usage\n\n## Results\n\n## License\n"
    snapshot = MemorySnapshot({"README.md": README_CARD.encode(), "lib/README.md": project.encode()})
    cards, _ = read_model_cards(snapshot, PATTERNS)
    assert [c.path for c in cards] == ["README.md"]
    # Training and evaluation alone describe a procedure, not a model: no card.
    only_procedure = "# x\n\n## Training\n\n## Evaluation\n\n## Results\n"
    assert read_model_cards(MemorySnapshot({"README.md": only_procedure.encode()}), PATTERNS)[0] == []
    # Headings inside a code block are not sections.
    fenced = "# x\n\n```\n## Model details\n## Limitations\n## Intended uses\n```\n"
    assert read_model_cards(MemorySnapshot({"README.md": fenced.encode()}), PATTERNS)[0] == []


def test_cards_of_fixtures_and_templates_are_not_the_repositorys() -> None:
    snapshot = MemorySnapshot({"tests/fixtures/model_card.md": b"# m\n", "templates/MODEL_CARD.md": b"# {{ name }}\n"})
    assert read_model_cards(snapshot, PATTERNS)[0] == []


def test_an_unfilled_template_is_known() -> None:
    template = ("---\nlibrary_name: transformers\n---\n# Model Card for {{ model_id }}\n\n## Model Details\n\n"
                "- **Developed by:** [More Information Needed]\n- **License:** [More Information Needed]\n\n"
                "## Training Data\n\n[More Information Needed]\n\n## Evaluation\n\n{{ results | default(\"\") }}\n")
    (card,), _ = read_model_cards(MemorySnapshot({"README.md": template.encode()}), PATTERNS)
    assert card.unfilled and card.placeholders == 4
    filled = template.replace("[More Information Needed]", "Acme ML team", 2).replace("{{ results | default(\"\") }}",
                                                                                     "AUC 0.91 on the Q3 holdout.")
    (card,), _ = read_model_cards(MemorySnapshot({"README.md": filled.encode()}), PATTERNS)
    assert not card.unfilled and card.placeholders == 1


def test_eval_results_files_are_the_cards_claims_and_one_bad_entry_loses_nothing_else() -> None:
    results = ("- dataset:\n    id: Idavidrein/gpqa\n    task_id: gpqa_diamond\n  value: 63.3\n"
               "- dataset: {id: cais/mmlu}\n  value: n/a\n")
    snapshot = MemorySnapshot({"model_card.md": b"# m\n", ".eval_results/gpqa.yaml": results.encode()})
    (card,), problems = read_model_cards(snapshot, PATTERNS)
    assert [(m.name, m.value, m.source, m.locator) for m in card.metrics] == [
        ("gpqa_diamond", 63.3, "eval_results", ".eval_results/gpqa.yaml#L4")]
    assert [p.what for p in problems] == [".eval_results/gpqa.yaml[1]"]


def test_a_catalogue_readmes_claims_carry_the_model_their_section_names() -> None:
    # open_clip's README (benchmark/realworld/rw8-card-01-*): its only base-model sentence is about the
    # multilingual ViT-H/14 ("the text tower was initialized from [xlm roberta large](...)").
    path = REALWORLD / "rw8-card-01-openclip-g14-34b-weights" / "head" / "README.md"
    cards, _ = read_model_cards(MemorySnapshot({"README.md": path.read_bytes()}), ["README.md"])
    assert len(cards) == 1 and cards[0].base_model is not None
    assert (cards[0].base_model.value, cards[0].base_model.section_model) == ("xlm roberta large", "ViT-H/14")
    assert cards[0].version is None  # "proceedings.mlr.press/v119/..." is an address, not version 119
    by_line = {c.locator: c.section_model for c in cards[0].metrics if c.source == "prose"}
    assert by_line["README.md#L455"] == "ViT-B/32"
    # A single model's card: nothing is attributed to another model.
    card, _ = read_hf_card("MODEL_CARD.md", "# churn-gbm\n\nFine-tuned from `xgb-base-2`. AUC of 0.91.\n")
    assert card.base_model is not None and card.base_model.section_model is None
    assert [m.section_model for m in card.metrics] == [None]


def test_card_sections_leave_out_headings_in_any_fence() -> None:
    # A README showing a card template in a tilde fence, or in a longer backtick fence that holds a
    # shorter one, has no such sections itself; an unclosed fence hides the rest.
    assert card_sections("~~~\n## Limitations\n~~~\n## Evaluation results\n") == {"evaluation"}
    assert card_sections("````md\n```\n## Limitations\n```\n## Intended uses\n````\n## Training\n") == {"training"}
    assert card_sections("## Training\n```\n## Limitations\n") == {"training"}
