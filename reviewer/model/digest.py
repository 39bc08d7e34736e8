"""A content digest: the key every cache and every diff section is named by."""

from __future__ import annotations

import hashlib


def digest(*parts: str | bytes) -> str:
    """A key over the parts, each length-prefixed so that no two different lists collide."""
    h = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(raw).to_bytes(8, "big"))
        h.update(raw)
    return h.hexdigest()
