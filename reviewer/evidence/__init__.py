"""The evidence document: every artifact of one review, normalised into typed models."""

from custody.reviewer.evidence.document import Evidence

__all__ = ["Evidence"]
