"""The routers beside the webhook: the OpenAPI schema for those who may call the API, the trends API, the dashboard."""

from __future__ import annotations

import pytest
from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.api import Viewer
from custody.reviewer.app.trends.signin import USER_COOKIE
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.app.webhook.routes import extra_routers, schema_router
from custody.reviewer.settings import Settings
from fastapi import FastAPI, HTTPException, Request
from fastapi.testclient import TestClient

TOKEN = "api-token-for-route-tests"


@pytest.fixture()
def client(store: Store) -> TestClient:
    settings = Settings(webhook_secret="s", api_token=TOKEN, sprint_days=7)
    return TestClient(create_app(settings, store, lambda job: None, extra_routers=extra_routers(settings, store)))


def test_the_schema_is_served_only_to_whom_the_viewer_admits() -> None:
    asked: list[str] = []

    def viewer(request: Request) -> Viewer:
        asked.append(request.url.path)
        if request.headers.get("x-who") != "ana":
            raise HTTPException(401, "who are you")
        return Viewer("ana", {"acme/churn"})

    app = FastAPI(openapi_url=None)
    app.include_router(schema_router(viewer))

    @app.get("/ping")
    def ping() -> dict[str, str]:
        return {"pong": "yes"}

    client = TestClient(app)
    assert client.get("/openapi.json").status_code == 401
    schema = client.get("/openapi.json", headers={"x-who": "ana"}).json()
    assert set(schema["paths"]) == {"/ping"}  # the schema route itself is not described
    assert asked == ["/openapi.json", "/openapi.json"]


def test_the_api_schema_describes_the_webhook_the_trends_api_and_not_the_dashboard(client: TestClient) -> None:
    assert client.get("/openapi.json").status_code == 401
    assert client.get("/openapi.json", headers={"Authorization": "Bearer wrong"}).status_code == 401
    paths = set(client.get("/openapi.json", headers={"Authorization": f"Bearer {TOKEN}"}).json()["paths"])
    assert {"/webhook", "/healthz", "/api/v1/trends", "/api/v1/trends/sprint"} <= paths
    assert not any(p.startswith("/dashboard") or p == "/metrics" for p in paths)


def test_a_signed_in_person_reads_the_schema_and_the_trends_of_their_repositories(client: TestClient,
                                                                                  store: Store) -> None:
    client.cookies.set(USER_COOKIE, store.open_session("ana", ["acme/churn"]))
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/api/v1/trends", params={"repo": "acme/churn"}).status_code == 200
    assert client.get("/api/v1/trends", params={"repo": "acme/other"}).status_code == 404
    client.cookies.set(USER_COOKIE, "not-a-session")
    assert client.get("/openapi.json").status_code == 401


def test_the_sprint_calendar_of_the_settings_is_the_one_the_routers_use(client: TestClient) -> None:
    sprint = client.get("/api/v1/trends", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert sprint["sprint_days"] == 7
