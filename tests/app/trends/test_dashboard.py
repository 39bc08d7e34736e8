"""The dashboard: pages from real reviews, charts inline with no CDN, CSV, and sign-in on every page."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.dashboard import RECENT_SPRINTS, dashboard_router
from custody.reviewer.app.trends.sprints import SprintCalendar
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.review import run_review
from fastapi import FastAPI
from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[3]
TOKEN = "dashboard-token-for-tests"
PAGES = ["/dashboard", "/dashboard/repo/acme/churn-model", "/dashboard/repo/acme/churn-model/sprint?name=Sprint%2014"]


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = Store(f"sqlite:///{tmp_path / 'd.db'}")
    store.upgrade()
    outcome = run_review(load_scenario(REPO / "examples" / "churn-retrain"))
    store.save_review(outcome)  # milestone "Sprint 14"
    later = run_review(load_scenario(REPO / "benchmark" / "scenarios" / "hygiene-01-fraud-aws-key"))
    later.evidence.pull_request.created_at = datetime(2026, 8, 4, tzinfo=UTC)
    store.save_review(later)
    app = FastAPI()
    app.include_router(dashboard_router(store, SprintCalendar(14, date(2026, 1, 5), milestones=True), TOKEN))
    with TestClient(app, base_url="https://testserver") as test_client:  # sign-in cookies are Secure
        yield test_client
    store.close()


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_callers_are_sent_to_sign_in(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard/sign-in"


def test_wrong_token_and_csv_without_sign_in(client: TestClient) -> None:
    assert client.post("/dashboard/sign-in", content="token=nope",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 401
    assert client.get("/dashboard/repo/acme/churn-model/trends.csv").status_code == 401
    wrong = client.get("/dashboard", headers={"Authorization": "Bearer nope"}, follow_redirects=False)
    assert wrong.status_code == 303


def test_signed_in_pages_show_real_numbers(client: TestClient) -> None:
    answer = client.post("/dashboard/sign-in", content=f"token={TOKEN}",
                         headers={"Content-Type": "application/x-www-form-urlencoded"}, follow_redirects=False)
    assert answer.status_code == 303 and TOKEN not in answer.headers["set-cookie"]
    overview = client.get("/dashboard")
    assert overview.status_code == 200
    assert "acme/churn-model" in overview.text and "payguard/fraud-scorer" in overview.text
    assert "<svg" in overview.text
    assert "<script" not in overview.text  # no script at all, nothing fetched from a CDN: offline-safe
    assert "Sprints are GitHub milestones; a PR sits in the sprint of its merge day" in overview.text
    repo = client.get("/dashboard/repo/acme/churn-model")
    assert "Sprint 14" in repo.text and repo.text.count("<svg") == 5
    sprint = client.get("/dashboard/repo/acme/churn-model/sprint", params={"name": "Sprint 14"})
    assert "https://github.com/acme/churn-model/pull/42" in sprint.text
    assert '<td class="placed">opening on ' in sprint.text  # the churn PR is open: placed by its opening day
    pr = client.get("/dashboard/repo/acme/churn-model/pr/42").text
    assert re.search(r'id="placement">Sprint: <a [^>]+>Sprint 14</a>, placed by its opening on \d{4}-', pr)
    rows = list(csv.DictReader(io.StringIO(client.get("/dashboard/repo/acme/churn-model/trends.csv").text)))
    assert [(r["sprint"], r["reviews"]) for r in rows] == [("Sprint 14", "1")]


def test_bearer_token_works_for_machines(client: TestClient) -> None:
    answer = client.get("/dashboard/repo/payguard/fraud-scorer", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200 and "No milestone" in answer.text


def test_the_organisation_page_has_a_sprint_table_with_promises_and_repositories_by_risk(client: TestClient) -> None:
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    page = client.get("/dashboard", headers=bearer).text
    sprints = page.split('id="sprints"')[1].split("</table>")[0]
    assert "Promises kept" in sprints and "Sprint 14" in sprints and "No milestone" in sprints
    ranked = page.split('id="repositories"')[1].split("</table>")[0]
    # the AWS key blocks: its repository ranks above the churn retrain
    assert ranked.index("payguard/fraud-scorer") < ranked.index("acme/churn-model")
    rows = list(csv.DictReader(io.StringIO(client.get("/dashboard/trends.csv", headers=bearer).text)))
    assert {r["sprint"] for r in rows} == {"Sprint 14", "No milestone"}
    churn = next(r for r in rows if r["sprint"] == "Sprint 14")
    assert int(churn["promises_missed"]) > 0 and int(churn["promises_kept"]) > 0


def test_an_unknown_agent_filter_is_refused_with_the_agents_named(client: TestClient) -> None:
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    for path in ("/dashboard/repo/acme/churn-model?agent=bogus", "/dashboard/trends.csv?agent=model"):
        answer = client.get(path, headers=bearer)
        assert answer.status_code == 400 and "scope, card, design, promotion, hygiene" in answer.text
    menu = client.get("/dashboard/repo/acme/churn-model", headers=bearer).text
    assert "<option>rules</option>" not in menu and "<option>model</option>" not in menu


def test_sprint_page_tells_the_retrospective_and_the_pr_page_links_citations(client: TestClient) -> None:
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    sprint = client.get("/dashboard/repo/acme/churn-model/sprint", params={"name": "Sprint 14"}, headers=bearer).text
    assert 'id="retrospective"' in sprint and "promises kept" in sprint
    assert "AUC 0.913" in sprint.split("Missed promises")[1]  # the card's missed claim, grouped under its repository
    assert "/dashboard/repo/acme/churn-model/pr/42" in sprint
    org = client.get("/dashboard/sprint", params={"name": "Sprint 14"}, headers=bearer).text
    assert 'id="retrospective"' in org and "acme/churn-model" in org
    pr = client.get("/dashboard/repo/acme/churn-model/pr/42", headers=bearer)
    assert pr.status_code == 200
    findings = pr.text.split('id="findings"')[1].split("</table>")[0]
    assert "card.metric-matches-registry" in findings and "MODEL_CARD.md#L18" in findings
    assert 'id="promises"' in pr.text and "missed" in pr.text
    assert client.get("/dashboard/repo/acme/churn-model/pr/999", headers=bearer).status_code == 404


def _riser(page: str) -> tuple[str, float]:
    """The sprint the organisation page's table shows with the largest rise in mean risk."""
    rows = re.findall(r'<tr data-sprint="([^"]+)">.*?<td class="num change[^"]*">([^<]+)</td>', page, re.S)
    changes = [(float(change), name) for name, change in rows if change.strip() != "—"]
    change, name = max(changes)
    return name, change


def test_on_the_demo_history_the_page_names_the_sprint_a_planted_regression_made_riskier(tmp_path: Path) -> None:
    """Plant a regression (PRs that ship a hard-coded cloud key) in one sprint of the demo's history:
    the organisation page names that sprint as the one that got riskier, for blocking findings; its
    sprint page tells the same story and names the repository that moved."""
    from custody.reviewer.app.demo.run import record_history
    from custody.reviewer.app.trends.queries import trends_document

    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    store.upgrade()
    assert record_history(store) >= 20
    calendar = SprintCalendar(14, date(2026, 1, 5))
    app = FastAPI()
    app.include_router(dashboard_router(store, calendar, TOKEN))
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as client:
        before = client.get("/dashboard", headers=bearer).text
        riser_before, _ = _riser(before)
        sprints = trends_document(store.engine, None, calendar, recent=RECENT_SPRINTS)["sprints"]  # as shown
        assert len(sprints) >= 3
        # The target: the sprint after the calmest one on the page (not the one that rose most already).
        index = min(range(1, len(sprints)), key=lambda i: (sprints[i - 1]["risk"]["mean"], i)
                    if sprints[i]["name"] != riser_before else (101.0, i))
        target, previous = sprints[index], sprints[index - 1]
        planted = run_review(load_scenario(REPO / "benchmark" / "scenarios" / "hygiene-01-fraud-aws-key"))
        count = 4 * target["reviews"] + 4  # enough to outweigh the sprint's own reviews
        for number in range(900, 900 + count):
            planted.evidence.pull_request.number = planted.verdict.number = number
            planted.evidence.pull_request.created_at = datetime.fromisoformat(target["start"]).replace(tzinfo=UTC)
            store.save_review(planted)
        after = client.get("/dashboard", headers=bearer).text
        assert _riser(after)[0] == target["name"]
        headline = html.unescape(re.sub(r"<[^>]+>", "", after.split('id="riskier"')[1].split("</p>")[0]))
        assert target["name"] in headline and f"against {previous['name']}" in headline
        assert f"blocking findings {previous['blocking']} → " in headline  # the reason: what it shipped
        story = client.get("/dashboard/sprint", params={"name": target["name"]}, headers=bearer).text
        told = html.unescape(re.sub(r"<[^>]+>", "", story.split('id="retrospective"')[1].split("</ul>")[0]))
        assert f"Mean risk rose from {previous['risk']['mean']} to" in told
        assert f"payguard/fraud-scorer shipped {2 * count} of the sprint's" in told  # two secrets per planted PR
        assert "hygiene.secret" in story.split("Top rules")[1].split("</ol>")[0]
    store.close()
