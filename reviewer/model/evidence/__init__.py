"""The evidence document: every artifact of one review, normalised into typed models."""

from custody.reviewer.model.evidence.document import Evidence

__all__ = ["Evidence"]
