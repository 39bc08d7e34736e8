"""GitHub's OAuth web flow for people: the authorize address, the code exchange, and the
repositories of the App's installations the person belongs to (all they may see)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from custody.reviewer.settings import Settings

MAX_REPOS = 5_000  # per person; beyond this the session would not be worth its row
TIMEOUT = httpx.Timeout(10.0)


class SignInFailed(Exception):
    """GitHub refused the code or the token, or answered something unexpected; the message is safe to show."""


@dataclass(frozen=True)
class OAuthApp:
    client_id: str
    client_secret: str
    web_url: str  # https://github.com, or a GitHub Enterprise host, or the stand-in
    api_url: str

    @classmethod
    def from_settings(cls, settings: Settings) -> OAuthApp | None:
        if not settings.github_client_id or not settings.github_client_secret:
            return None
        return cls(settings.github_client_id, settings.github_client_secret,
                   settings.github_web_url or web_url_of(settings.github_api_url), settings.github_api_url)

    def authorize_url(self, redirect_uri: str, state: str) -> str:
        query = urlencode({"client_id": self.client_id, "redirect_uri": redirect_uri, "state": state,
                           "allow_signup": "false"})
        return f"{self.web_url}/login/oauth/authorize?{query}"


def web_url_of(api_url: str) -> str:
    """github.com for api.github.com; the host itself for GitHub Enterprise (`https://host/api/v3`)."""
    if api_url.rstrip("/") == "https://api.github.com":
        return "https://github.com"
    return api_url.rstrip("/").removesuffix("/api/v3")


def _json(answer: httpx.Response, what: str) -> Any:
    if answer.status_code != 200:
        raise SignInFailed(f"GitHub answered {answer.status_code} to {what}")
    try:
        return answer.json()
    except ValueError:
        raise SignInFailed(f"GitHub's answer to {what} was not JSON") from None


def exchange_code(app: OAuthApp, code: str, redirect_uri: str, http: httpx.Client) -> str:
    """The user access token for `code`, which GitHub accepts once."""
    body = _json(http.post(f"{app.web_url}/login/oauth/access_token", headers={"Accept": "application/json"},
                           json={"client_id": app.client_id, "client_secret": app.client_secret, "code": code,
                                 "redirect_uri": redirect_uri}), "the code exchange")
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        error = body.get("error") if isinstance(body, dict) else None
        raise SignInFailed(f"GitHub refused the sign-in ({error or 'no token'})")
    return token


def _pages(http: httpx.Client, url: str, key: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    page = 1
    while len(out) < MAX_REPOS:
        body = _json(http.get(url, params={"per_page": 100, "page": page}, headers=headers), url.rsplit("/", 1)[-1])
        items = body.get(key) if isinstance(body, dict) else None
        if not isinstance(items, list):
            raise SignInFailed(f"GitHub's list of {key} was malformed")
        out += [i for i in items if isinstance(i, dict)]
        if len(items) < 100:
            return out
        page += 1
    return out


def who_and_what(app: OAuthApp, token: str, http: httpx.Client) -> tuple[str, list[str]]:
    """The person's login and every repository of the App's installations they can read."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
               "X-GitHub-Api-Version": "2022-11-28"}
    user = _json(http.get(f"{app.api_url}/user", headers=headers), "/user")
    login = user.get("login") if isinstance(user, dict) else None
    if not isinstance(login, str) or not login:
        raise SignInFailed("GitHub did not say who signed in")
    repos: list[str] = []
    for installation in _pages(http, f"{app.api_url}/user/installations", "installations", headers):
        iid = installation.get("id")
        if isinstance(iid, int):
            listed = _pages(http, f"{app.api_url}/user/installations/{iid}/repositories", "repositories", headers)
            repos += [str(r["full_name"]) for r in listed if isinstance(r.get("full_name"), str)]
    return login, sorted(set(repos))[:MAX_REPOS]


def sign_in(app: OAuthApp, code: str, redirect_uri: str, http: httpx.Client | None = None) -> tuple[str, list[str]]:
    """Code → token → who and what; the user token is used here and then dropped, never stored."""
    client = http or httpx.Client(timeout=TIMEOUT, follow_redirects=False)
    try:
        return who_and_what(app, exchange_code(app, code, redirect_uri, client), client)
    except httpx.HTTPError as exc:
        raise SignInFailed(f"GitHub could not be reached ({type(exc).__name__})") from None
    finally:
        if http is None:
            client.close()
