"""The sprint retrospective: every statement from the ledger or the sprint's numbers, linked to its PRs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.retrospective import sprint_ledger, sprint_story
from custody.reviewer.app.trends.sprints import SprintCalendar
from custody.reviewer.model.findings import Promise

from tests.app.trends.test_queries import finding, outcome

CALENDAR = SprintCalendar(14, date(2026, 1, 5))
SPRINT_A, SPRINT_B = "2026-01-05..2026-01-18", "2026-01-19..2026-02-01"


def review(number: int, created: str, risk: int, states: list[tuple[str, str, str]], blocking: bool = False) -> object:
    missing = finding("design.stage", "design.stage_missing", "design", blocking=blocking)
    done = outcome(number, created, risk, [missing])
    done.verdict.promises = [Promise(agent="design", kind=kind, subject=subject, locator=f"docs/d.md#L{i}",  # type: ignore[arg-type]
                                     state=state)  # type: ignore[arg-type]
                             for i, (kind, subject, state) in enumerate(states)]
    return done


@pytest.fixture()
def store(tmp_path: object) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path}/retro.db")
    s.upgrade()
    # Sprint A: a calm sprint.
    s.save_review(review(1, "2026-01-06T10:00:00", 20, [("design_stage", "train", "kept")]))  # type: ignore[arg-type]
    # Sprint B: the regression planted in one sprint: two PRs miss the same stage, one cannot be verified.
    s.save_review(review(2, "2026-01-20T10:00:00", 80, [("design_stage", "validate", "missed"),  # type: ignore[arg-type]
                                                         ("design_stage", "train", "kept")], blocking=True))
    s.save_review(review(3, "2026-01-21T10:00:00", 85, [("design_stage", "Validate", "missed"),  # type: ignore[arg-type]
                                                         ("design_param", "seed = 7", "unverifiable")], blocking=True))
    yield s
    s.close()


def test_the_ledger_of_a_sprint_holds_each_prs_latest_promises(store: Store) -> None:
    rows = sprint_ledger(store.engine, None, SPRINT_B, CALENDAR)
    assert sorted((r.number, r.subject, r.state) for r in rows) == [
        (2, "train", "kept"), (2, "validate", "missed"), (3, "Validate", "missed"), (3, "seed = 7", "unverifiable")]


def test_the_riskier_sprint_says_why_with_links_to_the_prs(store: Store) -> None:
    story = sprint_story(store.engine, None, SPRINT_B, CALENDAR)
    texts = [s["text"] for s in story["retrospective"]]
    assert texts[0].startswith("2 reviews of 2 pull requests: 1 promise kept, 2 missed, 1 not verifiable")
    assert any(t.startswith("Mean risk rose from 20.0 to 82.5") for t in texts)
    repeated = next(s for s in story["retrospective"] if s["text"].startswith("Missed in 2 pull requests"))
    assert "validate" in repeated["text"]
    assert repeated["prs"] == ["https://github.com/acme/m/pull/2", "https://github.com/acme/m/pull/3"]
    assert any("Nobody could verify 1 design parameter " in t for t in texts)
    assert [m["number"] for m in story["missed"]["acme/m"]] == [2, 3]


def test_the_calm_sprint_reports_no_regression(store: Store) -> None:
    story = sprint_story(store.engine, None, SPRINT_A, CALENDAR)
    texts = [s["text"] for s in story["retrospective"]]
    assert texts == ["1 review of 1 pull request: 1 promise kept, 0 missed, 0 not verifiable across 1 repository."]
    assert story["missed"] == {}


def test_an_unknown_sprint_has_no_story(store: Store) -> None:
    assert sprint_story(store.engine, None, "Sprint 99", CALENDAR)["numbers"] is None



def test_a_promotion_gate_broken_at_admission_stands_beside_the_prs_own_review(store: Store) -> None:
    admitted = review(2, "2026-01-20T10:00:00", 90, [("promotion_gate", "champion -> v9", "missed")], blocking=True)
    store.save_review(admitted, trigger="admission")  # type: ignore[arg-type]
    rows = sprint_ledger(store.engine, None, SPRINT_B, CALENDAR)
    assert [(r.subject, r.state, r.at) for r in rows if r.number == 2] == [
        ("train", "kept", "review"), ("validate", "missed", "review"), ("champion -> v9", "missed", "admission")]
    missed = sprint_story(store.engine, None, SPRINT_B, CALENDAR)["missed"]["acme/m"]
    assert [(m["number"], m["subject"], m["at"]) for m in missed] == [
        (2, "validate", "review"), (2, "champion -> v9", "admission"), (3, "Validate", "review")]
