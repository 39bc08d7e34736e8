"""`custody eval`: recall of planted deltas and false positives on clean scenarios."""

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
    noisy = [
        f for f in verdict.findings if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER["medium"]
    ] if clean else []
    return ScenarioScore(
        name=name, clean=clean, deltas=len(deltas), caught=caught,
        false_positives=len(noisy), missed=missed,
        noise=[f"{f.kind} {f.subject}: {f.message}" for f in noisy],
    )


def summary(scores: list[ScenarioScore]) -> dict[str, Any]:
    deltas = sum(s.deltas for s in scores)
    caught = sum(s.caught for s in scores)
    clean = sum(1 for s in scores if s.clean)
    fps = sum(s.false_positives for s in scores)
    return {
        "scenarios": len(scores),
        "deltas": deltas,
        "caught": caught,
        "recall": round(caught / deltas, 4) if deltas else 1.0,
        "clean": clean,
        "false_positives": fps,
        "fp_per_clean": round(fps / clean, 4) if clean else 0.0,
    }
