"""Secret redaction: planted secrets go, evidence that merely looks technical stays."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from custody.reviewer.llm.redact import MASK, entropy, redact

PLANTED = yaml.safe_load((Path(__file__).parents[1] / "fixtures/llm/secrets.yml").read_text())


@pytest.mark.parametrize("case", PLANTED, ids=lambda c: c["secret"][:12])
def test_planted_secret_is_removed(case: dict[str, str]) -> None:
    out = redact(f"some context\n{case['plant']}\nmore context")
    assert case["secret"] not in out and MASK in out
    assert out.startswith("some context") and out.endswith("more context")


@pytest.mark.parametrize("text", [
    "digest: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "run_id: f4c64572c6de3ea618f56ec0bfa32144",
    "tokenizer: bert-base-uncased",
    "max_tokens: 1024",
    "author: alice",
    "learning_rate: 0.05",
    "base_model: distilbert-base-multilingual-cased",
])
def test_evidence_is_kept(text: str) -> None:
    assert redact(text) == text


def test_random_value_in_config_is_removed_but_a_word_is_not() -> None:
    assert redact("endpoint_id = xK9fQ2mZ7pL4vB8nR3tW6yH1jD5sG0aE") == f"endpoint_id = {MASK}"
    assert redact("model_name = ChurnGradientBoostingClassifier2026") == (
        "model_name = ChurnGradientBoostingClassifier2026")


def test_entropy_of_hex_is_at_most_four_bits() -> None:
    assert entropy("0123456789abcdef" * 4) == pytest.approx(4.0)
    assert entropy("") == 0.0
