"""The trends API: numbers as the queries count them, and nothing for the wrong caller."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.api import Viewer, bearer_viewer, trends_router
from custody.reviewer.app.trends.sprints import SprintCalendar
from custody.reviewer.model.findings import Promise
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from tests.app.trends.test_queries import finding, outcome

TOKEN = "s3cret-token-for-tests"


@pytest.fixture()
def client(tmp_path: object) -> Iterator[TestClient]:
    store = Store(f"sqlite:///{tmp_path}/api.db")
    store.upgrade()
    store.save_review(outcome(1, "2026-01-06T10:00:00", 40, [finding("card.metric", "card.metric_mismatch", "card")]))
    other = outcome(9, "2026-01-07T10:00:00", 80, [])
    other.evidence.pull_request.repo = "other-org/secret"
    other.verdict.repo = "other-org/secret"
    store.save_review(other)

    def sessions(request: Request) -> Viewer | None:  # a signed-in user of acme only
        return Viewer("alice", {"acme/m"}) if request.headers.get("x-test-user") == "alice" else None

    app = FastAPI()
    app.include_router(trends_router(store, SprintCalendar(14, date(2026, 1, 5)), bearer_viewer(TOKEN, sessions)))
    with TestClient(app) as test_client:
        yield test_client
    store.close()


def test_anonymous_and_wrong_token_get_401(client: TestClient) -> None:
    assert client.get("/api/v1/trends?repo=acme/m").status_code == 401
    wrong = client.get("/api/v1/trends?repo=acme/m", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"


def test_right_token_gets_the_numbers(client: TestClient) -> None:
    answer = client.get("/api/v1/trends?repo=acme/m", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200
    sprint = answer.json()["sprints"][0]
    assert sprint["reviews"] == 1 and sprint["risk"]["max"] == 40
    assert sprint["top_rules"] == [{"rule": "card.metric", "findings": 1}]
    org = client.get("/api/v1/trends", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert sum(s["reviews"] for s in org["sprints"]) == 2


def test_signed_in_user_sees_only_their_installations(client: TestClient) -> None:
    alice = {"x-test-user": "alice"}
    assert client.get("/api/v1/trends?repo=acme/m", headers=alice).status_code == 200
    assert client.get("/api/v1/trends?repo=other-org/secret", headers=alice).status_code == 404
    org = client.get("/api/v1/trends", headers=alice).json()
    assert sum(s["reviews"] for s in org["sprints"]) == 1  # the other organisation's review is not counted
    detail = client.get("/api/v1/trends/sprint", params={"name": "2026-01-05..2026-01-18"}, headers=alice).json()
    assert [r["repo"] for r in detail["reviews"]] == ["acme/m"]


def test_bad_parameters_are_422(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert client.get("/api/v1/trends?repo=not-a-repo", headers=headers).status_code == 422


def test_team_and_label_filters_are_validated(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.get("/api/v1/trends", params={"repo": "acme/m", "team": "@acme/ml"}, headers=auth).status_code == 200
    assert client.get("/api/v1/trends", params={"repo": "acme/m", "label": "x"}, headers=auth).status_code == 200
    assert client.get("/api/v1/trends", params={"repo": "acme/m", "team": "no spaces"},
                      headers=auth).status_code == 422


def promised(number: int, created: str, states: list[str]) -> object:
    review = outcome(number, created, 30, [finding("design.stage", "design.stage_missing", "design")])
    review.verdict.promises = [Promise(agent="design", kind="design_stage", subject=f"stage{i}",
                                       locator=f"docs/design.md#L{i}", state=s)  # type: ignore[arg-type]
                               for i, s in enumerate(states)]
    return review


def test_each_sprint_counts_the_promises_of_each_prs_latest_review(tmp_path: object) -> None:
    store = Store(f"sqlite:///{tmp_path}/ledger.db")
    store.upgrade()
    try:
        store.save_review(promised(7, "2026-01-06T10:00:00", ["kept", "missed", "missed"]))  # type: ignore[arg-type]
        store.save_review(promised(7, "2026-01-06T10:00:00", ["kept", "kept", "missed"]))  # type: ignore[arg-type]
        store.save_review(promised(8, "2026-01-08T10:00:00", ["unverifiable"]))  # type: ignore[arg-type]
        app = FastAPI()
        app.include_router(trends_router(store, SprintCalendar(14, date(2026, 1, 5)), bearer_viewer(TOKEN)))
        with TestClient(app) as client:
            sprint = client.get("/api/v1/trends", headers={"Authorization": f"Bearer {TOKEN}"}).json()["sprints"][0]
            assert sprint["promises"] == {"kept": 2, "missed": 1, "unverifiable": 1}
            pr = client.get("/api/v1/prs/acme/m/7", headers={"Authorization": f"Bearer {TOKEN}"}).json()
            assert [p["state"] for p in pr["promises"]] == ["kept", "kept", "missed"]
            assert pr["findings"][0]["citations"] and pr["conclusion"] == "neutral"
    finally:
        store.close()


def test_a_prs_verdict_is_served_only_to_who_may_read_it(client: TestClient) -> None:
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert client.get("/api/v1/prs/acme/m/1", headers=bearer).json()["findings"][0]["kind"] == "card.metric_mismatch"
    assert client.get("/api/v1/prs/acme/m/404", headers=bearer).status_code == 404
    assert client.get("/api/v1/prs/other-org/secret/9", headers={"x-test-user": "alice"}).status_code == 404
    assert client.get("/api/v1/prs/acme/m/1").status_code == 401


def test_an_unknown_agent_is_a_400_that_names_the_agents(client: TestClient) -> None:
    answer = client.get("/api/v1/trends?agent=bogus", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 400
    assert "scope, card, design, promotion, hygiene" in answer.json()["detail"]


def test_a_pr_number_beyond_githubs_range_is_a_bad_request_not_a_crash(client: TestClient) -> None:
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert client.get("/api/v1/prs/acme/m/9223372036854775808", headers=bearer).status_code == 422


def test_answers_say_which_calendar_and_which_day_placed_each_pr(client: TestClient) -> None:
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    trends = client.get("/api/v1/trends?repo=acme/m", headers=bearer).json()
    assert trends["calendar"]["kind"] == "windows" and "merge day" in trends["calendar"]["placement"]
    sprint = client.get("/api/v1/trends/sprint", params={"name": "2026-01-05..2026-01-18", "repo": "acme/m"},
                        headers=bearer).json()
    assert [(r["number"], r["placed_by"], r["placed_on"]) for r in sprint["reviews"]] == [(1, "opening", "2026-01-06")]
    pr = client.get("/api/v1/prs/acme/m/1", headers=bearer).json()
    assert pr["sprint"] == {"name": "2026-01-05..2026-01-18", "placed_by": "opening", "placed_on": "2026-01-06",
                            "calendar": "windows"}
    unknown = client.get("/api/v1/trends/sprint", params={"name": "Sprint 9"}, headers=bearer).json()
    assert unknown["reviews"] == [] and unknown["numbers"] is None  # not a sprint of this calendar
