"""Checks the hygiene agent runs on one changed file: each module owns one family of defects.

Every check is a pure function of the file's change (its added lines) and its head text, and
yields `Hit`s that cite the file and the added line they are about.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from custody.reviewer.model.evidence.common import Citation


@dataclass
class Hit:
    rule: str
    subject: str
    message: str
    path: str
    line: int | None
    also: list[Citation] = field(default_factory=list)  # evidence beyond the changed line (a registry record)


__all__ = ["Hit"]
