"""MLflow's signature, checked on deliveries a real MLflow server signed, and refused when anything differs."""

from __future__ import annotations

from typing import Any

import pytest
from custody.reviewer.app.admission.signature import TOLERANCE_S, check, sign

from tests.helpers import load_json

CAPTURED = load_json("ml", "mlflow", "webhooks", "deliveries.json")
SECRET: str = CAPTURED["secret"]


def parts(delivery: dict[str, Any]) -> tuple[bytes, str, str, str]:
    headers = delivery["headers"]
    return (delivery["body"].encode(), headers["X-MLflow-Delivery-Id"], headers["X-MLflow-Timestamp"],
            headers["X-MLflow-Signature"])


@pytest.mark.parametrize("delivery", CAPTURED["deliveries"], ids=lambda d: d["body"][12:45])
def test_every_real_delivery_verifies_at_the_time_it_was_sent(delivery: dict[str, Any]) -> None:
    body, delivery_id, stamp, signature = parts(delivery)
    assert sign(body, SECRET, delivery_id, stamp) == signature
    assert check(body, SECRET, delivery_id, stamp, signature, now=lambda: int(stamp) + 2) is None


def test_anything_changed_is_refused() -> None:
    body, delivery_id, stamp, signature = parts(CAPTURED["deliveries"][2])
    now = lambda: int(stamp)  # noqa: E731
    assert check(body, "another secret", delivery_id, stamp, signature, now=now) == "invalid X-MLflow-Signature"
    assert check(body.replace(b'"1"', b'"2"'), SECRET, delivery_id, stamp, signature, now=now) is not None
    # The delivery id and the timestamp are signed: neither can be swapped to replay the body.
    assert check(body, SECRET, "a-new-id", stamp, signature, now=now) is not None
    assert check(body, SECRET, delivery_id, str(int(stamp) + 1), signature, now=now) is not None
    assert check(body, SECRET, delivery_id, stamp, signature.replace("v1,", "v2,"), now=now) is not None


def test_a_replay_outside_the_window_is_refused_even_when_signed() -> None:
    body, delivery_id, stamp, signature = parts(CAPTURED["deliveries"][2])
    late = check(body, SECRET, delivery_id, stamp, signature, now=lambda: int(stamp) + TOLERANCE_S + 1)
    early = check(body, SECRET, delivery_id, stamp, signature, now=lambda: int(stamp) - TOLERANCE_S - 1)
    assert late == early == "X-MLflow-Timestamp is outside the replay window"


@pytest.mark.parametrize(("delivery_id", "stamp", "header"), [
    (None, "1796589884", "v1,x"), ("id", None, "v1,x"), ("id", "1796589884", None), ("id", "1796589884", ""),
    ("id", "-5", "v1,x"), ("id", "17965898840000000", "v1,x"), ("id", "1.5e9", "v1,x")])
def test_missing_or_malformed_headers_are_refused(delivery_id: str | None, stamp: str | None,
                                                  header: str | None) -> None:
    assert check(b"{}", SECRET, delivery_id, stamp, header, now=lambda: 1796589884) is not None


def test_one_of_several_signatures_may_match_while_a_secret_is_rotated() -> None:
    body, delivery_id, stamp, signature = parts(CAPTURED["deliveries"][0])
    assert check(body, SECRET, delivery_id, stamp, f"v1,AAAA {signature}", now=lambda: int(stamp)) is None
