"""`X-Hub-Signature-256` against GitHub's published test vector, and what must not pass."""

from __future__ import annotations

import pytest
from custody.reviewer.app.webhook.signature import sign, valid_signature

from tests.helpers import load_json

VECTOR = load_json("github", "webhooks", "signature-test-vector.json")
BODY = VECTOR["payload"].encode()
SECRET = VECTOR["secret"]


def test_githubs_test_vector_signs_and_verifies() -> None:
    assert sign(BODY, SECRET) == VECTOR["x_hub_signature_256"]
    assert valid_signature(BODY, SECRET, VECTOR["x_hub_signature_256"])


@pytest.mark.parametrize("header", [
    None, "", "sha1=" + VECTOR["signature_hex"], VECTOR["signature_hex"],  # missing, wrong scheme, no prefix
    "sha256=" + "0" * 64, "sha256=" + VECTOR["signature_hex"][:-1],  # wrong, truncated
])
def test_anything_but_the_exact_signature_is_refused(header: str | None) -> None:
    assert not valid_signature(BODY, SECRET, header)


def test_a_changed_byte_or_secret_fails() -> None:
    header = VECTOR["x_hub_signature_256"]
    assert not valid_signature(BODY + b" ", SECRET, header)
    assert not valid_signature(BODY, SECRET + "!", header)
