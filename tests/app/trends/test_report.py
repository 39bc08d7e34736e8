"""`custody trends` as a terminal table: one row per sprint, the API's numbers, aligned."""

from __future__ import annotations

from typing import Any

from custody.reviewer.app.trends.report import HEADERS, table


def sprint(name: str, reviews: int, mean: float, rules: list[tuple[str, int]]) -> dict[str, Any]:
    return {"name": name, "reviews": reviews, "risk": {"mean": mean, "p90": 70, "max": 90},
            "promises": {"kept": 3, "missed": 1, "unverifiable": 0}, "blocking": 2, "waivers": 1,
            "merged_with_open_risk": 1, "top_rules": [{"rule": r, "findings": c} for r, c in rules]}


def test_one_aligned_row_per_sprint_with_the_documents_numbers() -> None:
    document = {"repo": "acme/m", "agent": None, "sprints": [
        sprint("2026-01-05..2026-01-18", 4, 37.5, [("card.metric", 3)]),
        sprint("2026-01-19..2026-02-01", 1, 0.0, []),
    ]}
    lines = table(document).splitlines()
    assert lines[0] == "Risk trends for acme/m"
    assert lines[1].split() == [word for header in HEADERS for word in header.split()]
    assert set(lines[2]) <= {"-", " "}
    first, second = lines[3], lines[4]
    assert first.split()[:5] == ["2026-01-05..2026-01-18", "4", "3", "1", "0"]
    assert "37.5" in first and first.endswith("card.metric (3)") and second.endswith("—")
    assert lines[1].index("Reviews") == first.index("4")  # columns line up under their headers


def test_the_organisation_an_agent_and_no_reviews() -> None:
    document = {"repo": None, "agent": "card", "sprints": []}
    assert table(document) == "Risk trends for organisation, agent card\nNo recorded reviews yet."


def test_the_table_says_which_calendar_placed_the_sprints() -> None:
    calendar = {"kind": "milestones", "description": "Sprints are GitHub milestones",
                "placement": "a PR sits in the sprint of its merge day, else of the day it was opened"}
    document = {"repo": "acme/m", "agent": None, "calendar": calendar,
                "sprints": [sprint("Sprint 14", 2, 10.0, [])]}
    lines = table(document).splitlines()
    assert lines[1] == ("Sprints are GitHub milestones; a PR sits in the sprint of its merge day, else of the day "
                        "it was opened.")
    assert lines[4].startswith("Sprint 14")
