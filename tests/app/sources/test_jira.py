"""Jira Cloud over REST v3, against the real response shape, with respx on httpx."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import respx
from custody.reviewer.app.sources.jira import JiraTickets
from custody.reviewer.gather.review_input import ArtifactUnavailable
from custody.reviewer.model.evidence.tickets import TicketRef
from custody.reviewer.settings import Settings

ISSUE = Path(__file__).resolve().parents[3] / "benchmark" / "scenarios" / "scope-08-recsys-jira-recall-at-k" / \
    "tickets" / "REC-42.json"
SETTINGS = Settings(jira_url="https://streamly.atlassian.net", jira_email="bot@streamly.example",
                    jira_token="jira-token")
REF = TicketRef(key="REC-42", tracker="jira", found_in="title")


@respx.mock
def test_reads_an_issue_with_basic_auth() -> None:
    route = respx.get("https://streamly.atlassian.net/rest/api/3/issue/REC-42").mock(
        return_value=httpx.Response(200, json=json.loads(ISSUE.read_text())))
    ticket = JiraTickets(SETTINGS).fetch(REF)
    assert ticket.key == "REC-42" and len(ticket.criteria) == 2
    assert ticket.source == "https://streamly.atlassian.net/browse/REC-42"
    assert route.calls.last.request.headers["authorization"].startswith("Basic ")


@respx.mock
@pytest.mark.parametrize(("status", "reason"), [(401, "refused the credentials"), (404, "no such Jira issue"),
                                               (500, "answered 500")])
def test_errors_become_clear_reasons(status: int, reason: str) -> None:
    respx.get("https://streamly.atlassian.net/rest/api/3/issue/REC-42").mock(return_value=httpx.Response(status))
    with pytest.raises(ArtifactUnavailable, match=reason):
        JiraTickets(SETTINGS).fetch(REF)


@respx.mock
def test_unreachable_site() -> None:
    respx.get("https://streamly.atlassian.net/rest/api/3/issue/REC-42").mock(side_effect=httpx.ConnectError("x"))
    with pytest.raises(ArtifactUnavailable, match="could not be reached"):
        JiraTickets(SETTINGS).fetch(REF)
