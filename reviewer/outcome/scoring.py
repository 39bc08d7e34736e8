"""Risk scores: a declared formula from severity, confidence and blast radius to 0..100."""

from __future__ import annotations

from collections.abc import Iterable

from custody.reviewer.model.findings import Finding, Risk

# Points a single certain finding of each severity is worth on its own.
SEVERITY_POINTS: dict[str, float] = {"info": 0, "low": 8, "medium": 25, "high": 50, "critical": 80}

# Findings about what serves traffic (registry, deployed graph, promotion) reach further than a
# finding about one file; a blocking finding reaches further still.
PRODUCTION_KINDS = ("registry.", "promotion.", "design.")
PRODUCTION_BLAST = 1.25
BLOCKING_BLAST = 1.2

FORMULA = (
    "Each finding weighs w = points(severity) × confidence × blast, with points info 0, low 8, "
    "medium 25, high 50, critical 80; blast is 1.25 for registry, promotion and design findings "
    "(they touch what serves traffic) and ×1.2 more when blocking; w is capped at 100. A score "
    "combines its findings like independent risks: 100 × (1 − Π(1 − w/100)), rounded. Waived "
    "findings count half."
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


def combine(findings: Iterable[Finding]) -> int:
    remaining = 1.0
    for finding in findings:
        remaining *= 1.0 - weight(finding) / 100.0
    return round(100 * (1.0 - remaining))


def score(findings: list[Finding], agents: Iterable[str]) -> Risk:
    per_agent = {name: combine(f for f in findings if f.agent == name) for name in agents}
    return Risk(overall=combine(findings), agents=per_agent)
