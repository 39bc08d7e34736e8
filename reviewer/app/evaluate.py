"""`custody eval`: recall of labelled deltas, false positives on clean scenarios, and the precision of
findings of severity medium or above."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from custody.reviewer.model.findings import SEVERITY_ORDER, Finding, Verdict


@dataclass
class ScenarioScore:
    name: str
    clean: bool
    deltas: int
    caught: int
    false_positives: int
    missed: list[dict[str, Any]] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)
    medium_findings: int = 0  # findings of severity medium or above
    medium_matched: int = 0  # of those, the ones that caught a labelled delta
    unlabelled: list[str] = field(default_factory=list)  # medium+ findings that caught no delta


def find_scenarios(roots: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if (root / "expected.yml").is_file() and (root / "scenario.yml").is_file():
            found.append(root)
            continue
        found.extend(sorted(p.parent for p in root.rglob("expected.yml") if (p.parent / "scenario.yml").is_file()))
    return sorted(dict.fromkeys(found))


def load_expected(folder: Path) -> dict[str, Any]:
    data = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{folder}/expected.yml must be a mapping")
    return data


def _matches(finding: Finding, delta: dict[str, Any]) -> bool:
    if finding.kind != delta.get("kind"):
        return False
    subject = delta.get("subject")
    if subject:
        text = f"{finding.subject} {finding.message}".lower()
        return str(subject).lower() in text
    return True


def score_scenario(name: str, expected: dict[str, Any], verdict: Verdict) -> ScenarioScore:
    deltas = list(expected.get("deltas") or [])
    clean = bool(expected.get("clean", False))
    ordered = sorted(deltas, key=lambda d: 0 if d.get("subject") else 1)
    used: set[int] = set()
    caught = 0
    missed: list[dict[str, Any]] = []
    for delta in ordered:
        hit = next(
            (i for i, f in enumerate(verdict.findings) if i not in used and _matches(f, delta)), None
        )
        if hit is None:
            missed.append(delta)
        else:
            used.add(hit)
            caught += 1
    medium = [i for i, f in enumerate(verdict.findings) if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER["medium"]]
    noisy = [verdict.findings[i] for i in medium] if clean else []
    stray = [verdict.findings[i] for i in medium if i not in used]
    return ScenarioScore(
        name=name, clean=clean, deltas=len(deltas), caught=caught,
        false_positives=len(noisy), missed=missed,
        noise=[_describe(f) for f in noisy],
        medium_findings=len(medium), medium_matched=len(medium) - len(stray),
        unlabelled=[_describe(f) for f in stray] if not clean else [],
    )


def _describe(finding: Finding) -> str:
    return f"{finding.kind} {finding.subject}: {finding.message}"


def summary(scores: list[ScenarioScore]) -> dict[str, Any]:
    deltas = sum(s.deltas for s in scores)
    caught = sum(s.caught for s in scores)
    clean = sum(1 for s in scores if s.clean)
    fps = sum(s.false_positives for s in scores)
    medium = sum(s.medium_findings for s in scores)
    return {
        "scenarios": len(scores),
        "deltas": deltas,
        "caught": caught,
        "recall": round(caught / deltas, 4) if deltas else 1.0,
        "clean": clean,
        "false_positives": fps,
        "fp_per_clean": round(fps / clean, 4) if clean else 0.0,
        "medium_findings": medium,
        "medium_precision": round(sum(s.medium_matched for s in scores) / medium, 4) if medium else 1.0,
    }
