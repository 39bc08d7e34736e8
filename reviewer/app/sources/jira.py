"""Jira Cloud tickets over REST API v3 (`GET /rest/api/3/issue/{key}`), descriptions in ADF."""

from __future__ import annotations

import httpx
from custody.reviewer.gather.readers.tickets import parse_jira_issue
from custody.reviewer.gather.review_input import ArtifactUnavailable
from custody.reviewer.model.evidence.tickets import Ticket, TicketRef
from custody.reviewer.settings import Settings

TIMEOUT_S = 10.0
FIELDS = "summary,description,status,labels"


class JiraTickets:
    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        if not settings.jira_url:
            raise ArtifactUnavailable("no Jira site is configured (CUSTODY_JIRA_URL)")
        self.base = settings.jira_url.rstrip("/")
        auth = httpx.BasicAuth(settings.jira_email or "", settings.jira_token or "") if settings.jira_token else None
        self.client = client or httpx.Client(timeout=TIMEOUT_S, auth=auth, headers={"Accept": "application/json"})

    def fetch(self, ref: TicketRef) -> Ticket:
        url = f"{self.base}/rest/api/3/issue/{ref.key}"
        try:
            answer = self.client.get(url, params={"fields": FIELDS})
        except httpx.HTTPError as exc:
            raise ArtifactUnavailable(f"{ref.key}: Jira could not be reached ({type(exc).__name__})") from exc
        if answer.status_code in (401, 403):
            raise ArtifactUnavailable(f"{ref.key}: Jira refused the credentials ({answer.status_code})")
        if answer.status_code == 404:
            raise ArtifactUnavailable(f"{ref.key}: no such Jira issue, or no permission to see it")
        if answer.status_code >= 400:
            raise ArtifactUnavailable(f"{ref.key}: Jira answered {answer.status_code}")
        try:
            data = answer.json()
        except ValueError as exc:
            raise ArtifactUnavailable(f"{ref.key}: Jira's answer is not JSON") from exc
        return parse_jira_issue(data, f"{self.base}/browse/{ref.key}")
