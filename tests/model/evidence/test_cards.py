"""Model card claims: what the readers fill validates, defaults stay empty and sources are a closed set."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.readers.cards import read_hf_card
from custody.reviewer.model.evidence.cards import DataRecord, DatasetClaim, MetricClaim, ModelCard
from pydantic import ValidationError

from tests.helpers import fixture_path


def test_a_card_read_from_a_real_hub_card_round_trips_through_json() -> None:
    path = fixture_path("ml", "model_cards", "01_hfhub_fixture_simple_model_index.md")
    card, _ = read_hf_card("MODEL_CARD.md", path.read_text(encoding="utf-8"))
    assert card.metrics, "the fixture's model-index has results"
    assert ModelCard.model_validate_json(card.model_dump_json()) == card


def test_a_bare_card_has_no_claims_and_is_not_a_template() -> None:
    card = ModelCard(path="README.md")
    assert (card.format, card.metrics, card.datasets, card.owners) == ("huggingface", [], [], [])
    assert (card.placeholders, card.unfilled, card.text) == (0, False, "")


def test_a_metric_claim_keeps_the_text_as_written_beside_the_number() -> None:
    claim = MetricClaim.model_validate({"name": "Accuracy", "value": "0.913", "text": "91.3%",
                                        "decimals": 1, "source": "prose", "locator": "README.md#L20"})
    assert (claim.value, claim.text, claim.alias_of) == (0.913, "91.3%", "")


@pytest.mark.parametrize("bad", [{"source": "tweet"}, {"value": "ninety"}, {"locator": None}])
def test_a_metric_claim_from_an_unknown_source_or_without_a_number_is_refused(bad: dict[str, object]) -> None:
    fields = {"name": "AUC", "value": 0.9, "text": "0.9", "locator": "README.md#L3", **bad}
    with pytest.raises(ValidationError):
        MetricClaim.model_validate(fields)


def test_dataset_claims_and_data_records_refuse_a_row_count_that_is_not_whole() -> None:
    assert DatasetClaim(name="orders", rows=1_900_000, rows_text="1.9M", locator="README.md#L9").rows == 1_900_000
    with pytest.raises(ValidationError, match="rows"):
        DatasetClaim.model_validate({"name": "orders", "rows": 1.5, "locator": "x"})
    with pytest.raises(ValidationError, match="rows"):
        DataRecord.model_validate({"name": "orders", "rows": "many", "locator": "data/orders.dvc"})


def test_a_card_format_outside_the_three_known_is_refused() -> None:
    with pytest.raises(ValidationError, match="format"):
        ModelCard.model_validate({"path": "card.pdf", "format": "pdf"})
