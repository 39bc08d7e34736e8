"""The project's own scenarios, reviewed end to end: recall and false-positive targets hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.reviewer.app.evaluate import find_scenarios, load_expected, score_scenario, summary
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.review import run_review

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = find_scenarios([REPO / "benchmark" / "scenarios", REPO / "examples"])


@pytest.fixture(scope="module")
def scores() -> list:  # type: ignore[type-arg]
    out = []
    for folder in SCENARIOS:
        verdict = run_review(load_scenario(folder)).verdict
        for finding in verdict.findings:
            assert finding.citations, f"{folder.name}: {finding.rule} cites nothing"
        out.append(score_scenario(folder.name, load_expected(folder), verdict))
    return out


def test_there_are_enough_scenarios_and_a_third_are_clean() -> None:
    clean = [f for f in SCENARIOS if load_expected(f).get("clean")]
    assert len(SCENARIOS) >= 9
    assert len(clean) * 3 >= len(SCENARIOS) - 1


def test_recall_and_false_positives_meet_the_targets(scores: list) -> None:  # type: ignore[type-arg]
    line = summary(scores)
    missed = [(s.name, d) for s in scores for d in s.missed]
    noisy = [(s.name, n) for s in scores for n in s.noise]
    assert line["recall"] >= 0.85, missed
    assert line["fp_per_clean"] <= 0.25, noisy
