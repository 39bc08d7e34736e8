"""MLflow's webhook signature: `v1,<base64 HMAC-SHA256>` over `delivery_id.timestamp.body`,
checked over the raw bytes in constant time, with the signed timestamp inside a replay window."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable

VERSION = "v1"
SIGNATURE_HEADER = "x-mlflow-signature"
TIMESTAMP_HEADER = "x-mlflow-timestamp"
DELIVERY_HEADER = "x-mlflow-delivery-id"
# How old (or how far ahead) a signed timestamp may be. MLflow retries a failed delivery for at
# most a minute or two with the same headers; anything older is a replay.
TOLERANCE_S = 300


def sign(body: bytes, secret: str, delivery_id: str, timestamp: str) -> str:
    signed = delivery_id.encode() + b"." + timestamp.encode() + b"." + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).digest()
    return f"{VERSION},{base64.b64encode(digest).decode()}"


def check(body: bytes, secret: str, delivery_id: str | None, timestamp: str | None, header: str | None,
          now: Callable[[], float] = time.time) -> str | None:
    """None when the delivery is MLflow's and fresh; otherwise why not, in a few words."""
    if not header or not delivery_id or not timestamp:
        return "missing X-MLflow-Signature, X-MLflow-Timestamp or X-MLflow-Delivery-Id"
    if not timestamp.isdigit() or len(timestamp) > 12:
        return "X-MLflow-Timestamp is not a Unix time"
    expected = sign(body, secret, delivery_id, timestamp).encode()
    # A header may carry several space-separated signatures (a secret being rotated).
    if not any(hmac.compare_digest(expected, candidate.encode()) for candidate in header.split()[:4]):
        return "invalid X-MLflow-Signature"
    if abs(now() - int(timestamp)) > TOLERANCE_S:
        return "X-MLflow-Timestamp is outside the replay window"
    return None
