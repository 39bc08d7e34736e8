"""Sign in with GitHub through the stand-in's OAuth flow; every route refuses whoever may not read it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.store import Store
from custody.reviewer.app.trends.signin import TOKEN_COOKIE, USER_COOKIE
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.app.webhook.routes import extra_routers
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.review import run_review
from custody.reviewer.settings import Settings
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "churn-retrain"
OTHER = ROOT / "benchmark" / "scenarios" / "hygiene-01-fraud-aws-key"
TOKEN = "api-token-for-sign-in-tests"
OPEN = {"/webhook", "/healthz"}


@dataclass
class Deployment:
    world: World
    standin: StandIn
    store: Store
    client: TestClient


@pytest.fixture()
def deployment(tmp_path: Path) -> Iterator[Deployment]:
    world = World.from_scenario(EXAMPLE, installation_id=5)
    World.from_scenario(OTHER, installation_id=9, world=world)
    world.members = {"ana": {5}, "eve": {9}}
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    store.upgrade()
    store.save_review(run_review(load_scenario(EXAMPLE)))
    store.save_review(run_review(load_scenario(OTHER)))
    with StandIn(world) as standin:
        settings = Settings(webhook_secret="s", api_token=TOKEN, github_api_url=standin.base_url,
                            github_web_url=standin.base_url, github_client_id=world.oauth_client[0],
                            github_client_secret=world.oauth_client[1])
        app = create_app(settings, store, lambda job: None, extra_routers=extra_routers(settings, store))
        with TestClient(app, base_url="https://testserver") as client:  # sign-in cookies are Secure
            yield Deployment(world, standin, store, client)
    store.close()


def other_repo() -> str:
    return str(load_scenario(OTHER).pull_request.repo)


def sign_in(d: Deployment, login: str) -> None:
    d.world.browser_login = login
    start = d.client.get("/dashboard/sign-in/github", follow_redirects=False)
    assert start.status_code == 303
    consent = httpx.get(start.headers["location"], follow_redirects=False)  # the browser at "github.com"
    assert consent.status_code == 302
    back = urlparse(consent.headers["location"])
    assert back.path == "/dashboard/oauth/callback"
    done = d.client.get(f"{back.path}?{back.query}", follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/dashboard"
    assert d.client.cookies.get(USER_COOKIE)


def test_a_person_sees_only_the_repositories_of_their_installations(deployment: Deployment) -> None:
    sign_in(deployment, "ana")
    overview = deployment.client.get("/dashboard")
    assert overview.status_code == 200 and "acme/churn-model" in overview.text and other_repo() not in overview.text
    assert deployment.client.get("/dashboard/repo/acme/churn-model").status_code == 200
    assert deployment.client.get(f"/dashboard/repo/{other_repo()}").status_code == 404
    assert deployment.client.get("/api/v1/trends", params={"repo": other_repo()}).status_code == 404
    org = deployment.client.get("/api/v1/trends").json()
    assert sum(s["reviews"] for s in org["sprints"]) == 1  # ana's one review, not eve's
    stored = deployment.store.session_of(deployment.client.cookies[USER_COOKIE])
    assert stored == ("ana", ["acme/churn-model"])


def test_sign_out_ends_the_session(deployment: Deployment) -> None:
    sign_in(deployment, "ana")
    cookie = deployment.client.cookies[USER_COOKIE]
    assert deployment.client.post("/dashboard/sign-out", follow_redirects=False).status_code == 303
    assert deployment.store.session_of(cookie) is None
    deployment.client.cookies.set(USER_COOKIE, cookie)  # a copied cookie is worth nothing now
    assert deployment.client.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_forged_state_or_a_replayed_code_signs_nobody_in(deployment: Deployment) -> None:
    deployment.world.browser_login = "ana"
    start = deployment.client.get("/dashboard/sign-in/github", follow_redirects=False)
    consent = httpx.get(start.headers["location"], follow_redirects=False)
    back = urlparse(consent.headers["location"])
    code = parse_qs(back.query)["code"][0]
    forged = deployment.client.get("/dashboard/oauth/callback", params={"code": code, "state": "not-mine"})
    assert forged.status_code == 400 and USER_COOKIE not in deployment.client.cookies
    ok = deployment.client.get(f"{back.path}?{back.query}", follow_redirects=False)
    assert ok.status_code == 303
    deployment.client.cookies.clear()
    deployment.client.get("/dashboard/sign-in/github", follow_redirects=False)  # a fresh state cookie
    state = deployment.client.cookies["custody_oauth_state"]
    replay = deployment.client.get("/dashboard/oauth/callback", params={"code": code, "state": state})
    assert replay.status_code == 502 and "bad_verification_code" in replay.text
    assert USER_COOKIE not in deployment.client.cookies


# Every GET route but the open ones and the way in (sign-in, the OAuth callback).
GUARDED = ["/openapi.json", "/metrics", "/api/v1/trends", "/api/v1/trends/sprint", "/dashboard",
           "/dashboard/repo/acme/churn-model", "/dashboard/repo/acme/churn-model/sprint",
           "/dashboard/repo/acme/churn-model/trends.csv"]


@pytest.mark.parametrize("who", ["anonymous", "wrong token", "right token", "other organisation"])
def test_every_route_answers_only_those_who_may_read_it(deployment: Deployment, who: str) -> None:
    headers: dict[str, str] = {}
    if who == "wrong token":
        headers["Authorization"] = "Bearer not-the-token"
    elif who == "right token":
        headers["Authorization"] = f"Bearer {TOKEN}"
    elif who == "other organisation":
        sign_in(deployment, "eve")
    for path in GUARDED:
        params = {"repo": "acme/churn-model", "name": "Sprint 14"} if path.startswith("/api/") else {}
        answer = deployment.client.get(path, params=params, headers=headers, follow_redirects=False)
        if who == "right token":
            assert answer.status_code == 200, path
        elif who == "other organisation" and path in {"/dashboard", "/api/v1/trends/sprint"}:
            assert answer.status_code == 404 or "acme/churn-model" not in answer.text, path
        elif who == "other organisation" and path == "/openapi.json":
            assert answer.status_code == 200, path  # a signed-in person may read how the API works
        elif who == "other organisation" and path != "/metrics":  # metrics are for machines
            assert answer.status_code == 404, path
        else:
            assert answer.status_code in {401, 303} and "acme" not in answer.text, path
            if not path.startswith("/dashboard") or path.endswith(".csv"):
                assert answer.status_code == 401, path
            else:
                assert answer.headers["location"] == "/dashboard/sign-in"


def token_sign_in(client: TestClient) -> Any:
    return client.post("/dashboard/sign-in", content=f"token={TOKEN}",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}, follow_redirects=False)


def test_sign_out_revokes_the_api_token_session(deployment: Deployment) -> None:
    # Issue 15, Low 13: the API-token cookie was a fixed HMAC of the token; signing out deleted it
    # from the browser, but a stolen copy kept working as long as the token did.
    assert token_sign_in(deployment.client).status_code == 303
    stolen = deployment.client.cookies[TOKEN_COOKIE]
    assert deployment.client.get("/dashboard", follow_redirects=False).status_code == 200
    assert deployment.client.post("/dashboard/sign-out", follow_redirects=False).status_code == 303
    deployment.client.cookies.clear()
    deployment.client.cookies.set(TOKEN_COOKIE, stolen)  # the copy an attacker kept
    assert deployment.client.get("/dashboard", follow_redirects=False).status_code == 303
    assert deployment.client.get("/api/v1/trends", params={"repo": "acme/churn-model"}).status_code == 401
    deployment.client.cookies.clear()
    assert token_sign_in(deployment.client).status_code == 303  # signing in again opens a new one
    assert deployment.client.cookies[TOKEN_COOKIE] != stolen


@pytest.mark.parametrize(("public_url", "base_url", "headers", "secure"), [
    (None, "http://custody.acme.com", {}, True),  # behind a TLS proxy that passes the Host on
    (None, "http://127.0.0.1:8000", {"X-Forwarded-Proto": "https"}, True),  # a proxy on the same machine
    (None, "http://127.0.0.1:8000", {"X-Forwarded-For": "203.0.113.9"}, True),
    (None, "https://custody.acme.com", {}, True),
    ("https://custody.acme.com", "http://127.0.0.1:8000", {}, True),
    (None, "http://127.0.0.1:8000", {}, False),  # plain loopback HTTP: a browser on this machine
    (None, "http://localhost:8000", {}, False),
    ("http://localhost:8000", "http://localhost:8000", {}, False),
])
def test_sign_in_cookies_are_secure_unless_plain_loopback_http(
        tmp_path: Path, public_url: str | None, base_url: str, headers: dict[str, str], secure: bool) -> None:
    # Issue 15, Low 13: `Secure` was set only when the site itself was HTTPS, so a deployment
    # behind a TLS proxy without CUSTODY_PUBLIC_URL sent its session cookies without it.
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    store.upgrade()
    settings = Settings(webhook_secret="s", api_token=TOKEN, public_url=public_url)
    app = create_app(settings, store, lambda job: None, extra_routers=extra_routers(settings, store))
    with TestClient(app, base_url=base_url) as client:
        client.headers.update(headers)
        answer = token_sign_in(client)
        out = client.post("/dashboard/sign-out", follow_redirects=False)
    store.close()
    cookie = answer.headers["set-cookie"].lower()
    assert answer.status_code == 303 and cookie.startswith(f"{TOKEN_COOKIE}=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=28800" in cookie
    assert ("; secure" in cookie) is secure
    assert all(("; secure" in c.lower()) is secure for c in out.headers.get_list("set-cookie"))
