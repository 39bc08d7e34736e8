"""Risk scores: a declared formula from severity, confidence and blast radius to 0..100."""

from __future__ import annotations

import math
from collections.abc import Iterable

from custody.reviewer.model.findings import Finding, Risk

# Points a single certain finding of each severity is worth on its own.
SEVERITY_POINTS: dict[str, float] = {"info": 0, "low": 8, "medium": 25, "high": 50, "critical": 80}

# Findings about what serves traffic (registry, deployed graph, promotion) reach further than a
# finding about one file; a blocking finding reaches further still.
PRODUCTION_KINDS = ("registry.", "promotion.", "design.")
PRODUCTION_BLAST = 1.25
BLOCKING_BLAST = 1.2

# The score sits in the band of the conclusion it goes with, so number and conclusion never
# disagree; inside a band it grows with the findings' total weight and saturates slowly (three
# high findings and ten stay apart).
BANDS: dict[str, tuple[int, int]] = {"success": (0, 24), "neutral": (25, 69), "failure": (70, 100)}
RISK_WORDS = {"success": "low", "neutral": "medium", "failure": "high"}
SPREAD = 150.0

FORMULA = (
    "Each finding weighs w = points(severity) × confidence × blast, with points info 0, low 8, "
    "medium 25, high 50, critical 80; blast is 1.25 for registry, promotion and design findings "
    "(they touch what serves traffic) and ×1.2 more when blocking; waived findings count half. "
    "The score lies in the band of the conclusion: 0–24 when nothing of medium or above stands, "
    "25–69 when findings of medium or above stand but none blocks, 70–100 when a blocking finding "
    "stands; inside the band it is floor + width × (1 − e^(−Σw/150)), rounded."
)


def weight(finding: Finding) -> float:
    w = SEVERITY_POINTS[finding.severity] * finding.confidence
    if finding.kind.startswith(PRODUCTION_KINDS):
        w *= PRODUCTION_BLAST
    if finding.blocking:
        w *= BLOCKING_BLAST
    if finding.waiver is not None:
        w *= 0.5
    return min(w, 100.0)


def band(findings: list[Finding]) -> str:
    """The conclusion these findings alone call for (the verdict's rule, without coverage gaps)."""
    if any(f.stands for f in findings):
        return "failure"
    if any(SEVERITY_POINTS[f.severity] >= SEVERITY_POINTS["medium"] and f.waiver is None for f in findings):
        return "neutral"
    return "success"


def combine(findings: Iterable[Finding]) -> int:
    listed = list(findings)
    mass = sum(weight(f) for f in listed)
    low, high = BANDS[band(listed)]  # no weight at all is the band's floor
    return round(low + (high - low) * (1.0 - math.exp(-mass / SPREAD)))


def risk_word(overall: int) -> str:
    """The score in a word that matches its band."""
    if overall == 0:
        return "none"
    return next(RISK_WORDS[name] for name, (low, high) in BANDS.items() if low <= overall <= high)


def score(findings: list[Finding], agents: Iterable[str]) -> Risk:
    per_agent = {name: combine(f for f in findings if f.agent == name) for name in agents}
    return Risk(overall=combine(findings), agents=per_agent)
