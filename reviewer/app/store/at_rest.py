"""The evidence as it is kept at rest: every text in it with secret-looking spans masked (a diff that
pushes a key must not put the key in the database), and made storable (no NUL characters).

A re-review stores mostly what the last review stored: each distinct text is redacted once per
process (in a cache bounded by characters, so a long-lived worker never holds more than a few PRs'
worth), and each changed file's diff once per content.
"""

from __future__ import annotations

import sys
from typing import Any

from custody.reviewer.app.store.database import db_text
from custody.reviewer.gather.content_cache import Lru, remembered
from custody.reviewer.llm.redact import redact
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import FileChange

MAX_CACHED_CHARS = 32 * 1024 * 1024  # the texts and their redacted copies, together
MAX_TEXT_CHARS = 1024 * 1024  # a longer text is redacted each time rather than crowd out the rest


class TextCache:
    """Redacted texts by their text, least recently used dropped first once `max_chars` (the texts and
    their redacted copies together) are held."""

    def __init__(self, max_chars: int = MAX_CACHED_CHARS) -> None:
        self._kept: Lru[str] = Lru(max_items=sys.maxsize, max_weight=max_chars,
                                   weigh=lambda text, kept: len(text) + len(kept))

    def stored(self, text: str) -> str:
        if len(text) > MAX_TEXT_CHARS:
            return db_text(redact(text))
        kept = self._kept.get(text)
        if kept is None:
            kept = db_text(redact(text))
            self._kept.put(text, kept)
        return kept

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def chars(self) -> int:
        return self._kept.weight


_texts = TextCache()


def redacted(value: Any) -> Any:
    """`value` (JSON data) with every string in it redacted and storable."""
    if isinstance(value, str):
        return _texts.stored(value)
    if isinstance(value, list):
        return [redacted(v) for v in value]
    if isinstance(value, dict):
        return {k: redacted(v) for k, v in value.items()}
    return value


def _stored_change(change: FileChange) -> Any:
    # Shared between reviews: the stored rows serialise it and nothing changes it.
    return remembered("stored-file-change", change.content_key(),
                      lambda: redacted(change.model_dump(mode="json", by_alias=True)))


def stored_evidence(evidence: Evidence) -> dict[str, Any]:
    """The evidence's JSON as it is kept: redacted, each changed file's diff from the last review
    that stored the same change when there was one."""
    kept: dict[str, Any] = redacted(evidence.model_dump(mode="json", by_alias=True, exclude={"diff": {"files"}}))
    kept["diff"] = {**kept["diff"], "files": [_stored_change(f) for f in evidence.diff.files]}
    return kept
