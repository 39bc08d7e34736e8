"""Schemathesis against the app's own OpenAPI schema: no request, anonymous or signed, is ever a 5xx."""

from __future__ import annotations

import atexit
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.app.webhook.routes import extra_routers
from custody.reviewer.settings import Settings
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from tests.app.trends.test_queries import finding, outcome

SECRET = "fuzz-webhook-secret"
TOKEN = "fuzz-api-token"
EXAMPLES = 60  # per operation and per caller: four operations, two callers, well under a minute on two cores


class Recorder:
    def __init__(self) -> None:
        self.jobs: list[ReviewJob] = []

    def __call__(self, job: ReviewJob) -> None:
        self.jobs.append(job)


def _build_app() -> Any:
    """The full app (webhook, health, trends API, dashboard, metrics) on a throw-away SQLite store."""
    folder = tempfile.TemporaryDirectory(prefix="custody-schemathesis-")
    store = Store(f"sqlite:///{Path(folder.name) / 'fuzz.db'}")
    store.upgrade()
    # Reviews on the record, so the trends queries have rows to group and not only an empty table.
    store.save_review(outcome(1, "2026-01-06T10:00:00", 40, [finding("card.metric", "card.metric_mismatch", "card")]))
    store.save_review(outcome(2, "2026-02-06T10:00:00", 90, []))
    atexit.register(folder.cleanup)
    atexit.register(store.close)  # runs first: the store lets go of the file before its folder goes
    settings_ = Settings(webhook_secret=SECRET, api_token=TOKEN)
    return create_app(settings_, store, Recorder(), extra_routers(settings_, store))


# Loaded at import: schemathesis's `from_fixture` does not run under pytest 9 (it reads `Function._nodeid`).
APP = _build_app()
# The schema is served only to callers who may read the API it describes.
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, headers={"Authorization": f"Bearer {TOKEN}"})


def test_the_schema_lists_the_public_operations() -> None:
    # If the schema stopped listing these, the fuzzing below would silently test nothing.
    paths = set(schema.raw_schema["paths"])
    assert {"/webhook", "/healthz", "/api/v1/trends", "/api/v1/trends/sprint"} <= paths


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_anonymous_requests_are_never_a_server_error(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error])


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_requests_with_the_api_token_are_never_a_server_error(case: Any) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])


# The dashboard and /metrics are left out of the schema (include_in_schema=False), so schemathesis never
# reaches them: the same promise, checked with Hypothesis on their paths, query strings and sign-in form.
segment = st.text(min_size=1, max_size=40).map(lambda s: quote(s, safe=""))
callers = st.sampled_from([{}, {"Authorization": f"Bearer {TOKEN}"}, {"Authorization": "Bearer wrong"},
                           {"Authorization": "Bearer \u00e9t\u00e9".encode("latin-1")},
                           {"Cookie": "custody_session=forged"}])


@given(owner=segment, name=segment, sprint=st.text(max_size=200), headers=callers,
       page=st.sampled_from(["", "/sprint", "/trends.csv"]))
@settings(max_examples=80, deadline=None)
def test_dashboard_pages_are_never_a_server_error(owner: str, name: str, sprint: str, headers: dict[str, Any],
                                                  page: str) -> None:
    with TestClient(APP, follow_redirects=False) as client:
        answer = client.get(f"/dashboard/repo/{owner}/{name}{page}", params={"name": sprint}, headers=headers)
    assert answer.status_code in {200, 303, 307, 401, 404}, (answer.status_code, answer.text[:300])


@given(form=st.binary(max_size=2000) | st.text(max_size=300).map(lambda t: f"token={quote(t)}".encode()),
       headers=callers)
@settings(max_examples=60, deadline=None)
def test_sign_in_overview_and_metrics_are_never_a_server_error(form: bytes, headers: dict[str, Any]) -> None:
    with TestClient(APP, follow_redirects=False) as client:
        signed = client.post("/dashboard/sign-in", content=form,
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        overview = client.get("/dashboard", headers=headers)
        metrics = client.get("/metrics", headers=headers)
    assert signed.status_code in {303, 401}, signed.status_code
    assert overview.status_code in {200, 303}, overview.status_code
    assert metrics.status_code in {200, 401}, metrics.status_code


@pytest.mark.parametrize("owner", ["%C4%80", "%E2%82%AC", "a%0D%0ASet-Cookie:%20x=1", "q%22uote"])
def test_csv_export_names_any_repository_without_a_server_error_or_a_forged_header(owner: str) -> None:
    # Regression: the owner and name went verbatim into Content-Disposition, so a character beyond
    # Latin-1 was a 500 (UnicodeEncodeError) and CR LF split the header.
    with TestClient(APP, follow_redirects=False) as client:
        answer = client.get(f"/dashboard/repo/{owner}/n/trends.csv", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200
    assert "set-cookie" not in answer.headers
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.count('"') == 2
    assert disposition.isascii() and "\r" not in disposition and "\n" not in disposition
