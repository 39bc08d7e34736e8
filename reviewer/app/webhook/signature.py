"""`X-Hub-Signature-256`: HMAC-SHA256 of the raw body, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(body: bytes, secret: str) -> str:
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def valid_signature(body: bytes, secret: str, header: str | None) -> bool:
    """True only for a well-formed header that matches; the raw bytes, before any parsing."""
    if not header or not header.startswith(PREFIX):
        return False
    return hmac.compare_digest(sign(body, secret).encode(), header.strip().encode())
