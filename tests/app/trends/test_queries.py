"""Trend numbers against a hand-counted set of recorded reviews."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.queries import Span, Team, recent_span, sprint_prs, sprint_span, trends_document
from custody.reviewer.app.trends.sprints import NO_MILESTONE, SprintCalendar
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.findings import Coverage, Finding, Risk, Verdict, Waiver
from custody.reviewer.review import ReviewOutcome

CAL = SprintCalendar(14, date(2026, 1, 5))  # sprints 01-05..01-18, 01-19..02-01, ...


def finding(rule: str, kind: str, agent: str, blocking: bool = False, waived: bool = False) -> Finding:
    return Finding(kind=kind, agent=agent, rule=rule, severity="high" if blocking else "medium",
                   blocking=blocking, subject=rule, message="m", citations=[Citation(artifact="diff", locator="a")],
                   waiver=Waiver(rule=rule, by="lead", reason="ok", at="2026-01-01") if waived else None)


def outcome(number: int, created: str, risk: int, findings: list[Finding], *, milestone: str | None = None,
            merged: str | None = None, agents: dict[str, int] | None = None) -> ReviewOutcome:
    pr = PullRequest(repo="acme/m", number=number, author=f"dev{number % 2}", milestone=milestone,
                     created_at=datetime.fromisoformat(created).replace(tzinfo=UTC),
                     merged_at=datetime.fromisoformat(merged).replace(tzinfo=UTC) if merged else None)
    verdict = Verdict(conclusion="failure" if any(f.stands for f in findings) else "neutral",
                      risk=Risk(overall=risk, agents=agents or {"card": risk}), findings=findings,
                      coverage=Coverage(), repo="acme/m", number=number)
    return ReviewOutcome(Evidence(pull_request=pr), verdict, "comment")


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    s.upgrade()
    # Sprint A (01-05..01-18): PR 1 reviewed twice (two pushes), PR 2 once.
    s.save_review(outcome(1, "2026-01-06T10:00:00", 40, [finding("card.metric", "card.metric_mismatch", "card")]))
    s.save_review(outcome(1, "2026-01-06T10:00:00", 70, [
        finding("card.metric", "card.metric_mismatch", "card", blocking=True),
        finding("card.unverifiable", "card.metric_unverifiable", "card")], merged="2026-01-10T00:00:00"))
    s.save_review(outcome(2, "2026-01-17T23:00:00", 10, [finding("hygiene.pin", "code.devops", "hygiene", waived=True)],
                          agents={"hygiene": 10, "card": 0}))
    # Sprint B (01-19..02-01): PR 3.
    s.save_review(outcome(3, "2026-01-19T00:00:00", 0, []))
    # Milestone sprint: PR 4 and 5, whatever their dates.
    s.save_review(outcome(4, "2026-01-07T00:00:00", 30, [finding("card.metric", "card.metric_mismatch", "card")],
                          milestone="Sprint 9"))
    s.save_review(outcome(5, "2026-02-20T00:00:00", 90, [finding("design.stage", "design.stage_missing", "design",
                                                                 blocking=True)], milestone="Sprint 9",
                          merged="2026-02-21T00:00:00", agents={"design": 90}))
    yield s
    s.close()


def test_hand_counted_sprints(store: Store) -> None:
    doc = trends_document(store.engine, "acme/m", CAL)
    by_name = {s["name"]: s for s in doc["sprints"]}
    # Fixed windows only: PR 4's milestone does not make a sprint of its own on this calendar.
    assert list(by_name) == ["2026-01-05..2026-01-18", "2026-01-19..2026-02-01", "2026-02-16..2026-03-01"]
    assert doc["calendar"]["kind"] == "windows"
    a = by_name["2026-01-05..2026-01-18"]
    assert a["reviews"] == 4 and a["pull_requests"] == 3  # PRs 1 (twice), 2 and 4
    assert a["risk"] == {"mean": 37.5, "p90": 70, "max": 70}
    assert a["blocking"] == 1 and a["waivers"] == 1 and a["unverified_claims"] == 1
    assert a["merged_with_open_risk"] == 1  # PR 1 merged with its last review blocking
    assert a["top_rules"][0] == {"rule": "card.metric", "findings": 3}
    assert a["agents"]["card"] == {"mean": 35.0, "max": 70}  # (40 + 70 + 0 + 30) / 4
    assert by_name["2026-01-19..2026-02-01"]["reviews"] == 1
    late = by_name["2026-02-16..2026-03-01"]  # PR 5, opened 02-20 and merged 02-21
    assert late["reviews"] == 1 and late["merged_with_open_risk"] == 1 and late["blocking"] == 1
    assert sum(s["reviews"] for s in doc["sprints"]) == len(store.reviews("acme/m"))  # each review once


def test_the_milestone_calendar_puts_every_pr_on_milestones(store: Store) -> None:
    calendar = SprintCalendar(14, date(2026, 1, 5), milestones=True)
    doc = trends_document(store.engine, "acme/m", calendar)
    by_name = {s["name"]: s for s in doc["sprints"]}
    assert list(by_name) == ["Sprint 9", NO_MILESTONE]  # never a window beside a milestone
    m = by_name["Sprint 9"]
    # PR 4 opened 01-07 (not merged), PR 5 merged 02-21: the days that placed them
    assert (m["start"], m["end"]) == ("2026-01-07", "2026-02-21")
    assert m["reviews"] == 2 and m["merged_with_open_risk"] == 1 and m["blocking"] == 1
    assert by_name[NO_MILESTONE]["reviews"] == 4 and by_name[NO_MILESTONE]["pull_requests"] == 3
    assert sum(s["reviews"] for s in doc["sprints"]) == 6


def test_a_pr_moves_to_the_sprint_of_its_merge_with_its_earlier_reviews(tmp_path: Path) -> None:
    s = Store(f"sqlite:///{tmp_path / 'm.db'}")
    s.upgrade()
    s.save_review(outcome(1, "2026-01-16T10:00:00", 60, [finding("card.metric", "card.metric_mismatch", "card")],
                          agents={"card": 60}))
    before = trends_document(s.engine, "acme/m", CAL)["sprints"]
    assert [x["name"] for x in before] == ["2026-01-05..2026-01-18"]
    s.save_review(outcome(1, "2026-01-16T10:00:00", 20, [], merged="2026-01-20T09:00:00", agents={"card": 20}))
    after = trends_document(s.engine, "acme/m", CAL)["sprints"]
    assert [x["name"] for x in after] == ["2026-01-19..2026-02-01"]  # both reviews, rules and agent scores moved
    moved = after[0]
    assert moved["reviews"] == 2 and moved["pull_requests"] == 1
    assert moved["top_rules"] == [{"rule": "card.metric", "findings": 1}]
    assert moved["agents"]["card"] == {"mean": 40.0, "max": 60}
    listed = sprint_prs(s.engine, None, "2026-01-19..2026-02-01", CAL)
    assert [(r["placed_by"], r["placed_on"], r["latest"]) for r in listed] == [
        ("merge", "2026-01-20", True), ("merge", "2026-01-20", False)]
    assert sprint_prs(s.engine, None, "2026-01-05..2026-01-18", CAL) == []
    assert sprint_prs(s.engine, None, "2026-01-06..2026-01-19", CAL) == []  # not a window of this calendar
    s.close()


def test_agent_filter_and_team_filter(store: Store) -> None:
    doc = trends_document(store.engine, "acme/m", CAL, agent="hygiene")
    a = doc["sprints"][0]
    assert a["risk"]["max"] == 10 and [r["rule"] for r in a["top_rules"]] == ["hygiene.pin"]
    team = trends_document(store.engine, "acme/m", CAL, team=Team(authors=frozenset({"dev1"})))  # odd PR numbers
    assert sum(s["reviews"] for s in team["sprints"]) == 4


def test_organisation_view(store: Store) -> None:
    doc = trends_document(store.engine, None, CAL)
    assert doc["repo"] is None and sum(s["reviews"] for s in doc["sprints"]) == 6


def test_empty_store(tmp_path: Path) -> None:
    s = Store(f"sqlite:///{tmp_path / 'e.db'}")
    s.upgrade()
    assert trends_document(s.engine, "acme/none", CAL)["sprints"] == []


def test_teams_by_codeowners_and_by_label_count_their_own_reviews(tmp_path: Path) -> None:
    s = Store(f"sqlite:///{tmp_path / 't.db'}")
    s.upgrade()
    rows = [  # (number, owners, labels, risk, findings)
        (1, ["@acme/churn-squad", "@acme/ml-platform"], ["team:churn"], 60, [finding("card.metric", "card.x", "card")]),
        (2, ["@acme/ml-platform"], [], 20, [finding("hygiene.pin", "code.devops", "hygiene")]),
        (3, ["@acme/churn-squad"], ["team:churn", "urgent"], 80, []),
        (4, [], ["urgent"], 0, []),
    ]
    for number, owners, labels, risk, found in rows:
        review = outcome(number, "2026-01-06T10:00:00", risk, found)
        review.evidence.code_owners = owners
        review.evidence.pull_request.labels = labels
        s.save_review(review)

    def counted(team: Team) -> tuple[int, int]:
        sprints = trends_document(s.engine, "acme/m", CAL, team=team)["sprints"]
        return sum(x["reviews"] for x in sprints), max((x["risk"]["max"] for x in sprints), default=0)

    assert counted(Team(owner="@ACME/churn-squad")) == (2, 80)  # owners compare without case
    assert counted(Team(owner="@acme/ml-platform")) == (2, 60)
    assert counted(Team(label="team:churn")) == (2, 80)
    assert counted(Team(label="urgent", owner="@acme/churn-squad")) == (1, 80)  # both: PR 3 only
    assert counted(Team(owner="@acme/nobody")) == (0, 0)
    squad = trends_document(s.engine, "acme/m", CAL, team=Team(owner="@acme/ml-platform"))["sprints"][0]
    assert sorted(r["rule"] for r in squad["top_rules"]) == ["card.metric", "hygiene.pin"]
    s.close()


def test_recent_sprints_and_a_sprint_with_the_one_before_it(store: Store) -> None:
    # Windows: the last three windows (01-19, 02-02 with no review, 02-16), whole: PR 3 and PR 5.
    recent = trends_document(store.engine, "acme/m", CAL, recent=3)["sprints"]
    assert [s["name"] for s in recent] == ["2026-01-19..2026-02-01", "2026-02-16..2026-03-01"]
    assert trends_document(store.engine, "acme/none", CAL, recent=2)["sprints"] == []
    # The sprint before 02-16 is the last one with reviews (01-19), not the empty window between.
    assert sprint_span(store.engine, ["acme/m"], CAL, "2026-02-16..2026-03-01") == Span(20472, 20513)
    assert sprint_span(store.engine, None, CAL, "2026-01-05..2026-01-18") == Span(20458, 20471)
    assert sprint_span(store.engine, None, CAL, "Sprint 9") is None
    milestones = SprintCalendar(14, date(2026, 1, 5), milestones=True)
    assert recent_span(store.engine, None, milestones, 1) == Span(milestones=("Sprint 9",))  # PR 5 merged last
    assert [s["name"] for s in trends_document(store.engine, None, milestones, recent=2)["sprints"]] == [
        "Sprint 9", NO_MILESTONE]
    assert sprint_span(store.engine, None, milestones, NO_MILESTONE) == Span(milestones=("Sprint 9", ""))
    assert sprint_span(store.engine, None, milestones, "Sprint 10") is None
