"""GitHub's OAuth web flow, against a recording fake of GitHub's three endpoints."""

from __future__ import annotations

import json

import httpx
import pytest
from custody.reviewer.app.trends.github_signin import (
    MAX_REPOS,
    OAuthApp,
    SignInFailed,
    sign_in,
    web_url_of,
)
from custody.reviewer.settings import Settings

APP = OAuthApp("Iv1.client", "client-secret", "https://github.com", "https://api.github.com")


class FakeGitHub:
    """Answers the code exchange, /user and the installations' repositories; records each call."""

    def __init__(self, repos_per_installation: dict[int, int], token_answer: dict[str, str] | None = None) -> None:
        self.repos = repos_per_installation
        self.token_answer = {"access_token": "gho_user-token"} if token_answer is None else token_answer
        self.calls: list[tuple[str, str, str | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append((request.method, request.url.path, request.headers.get("authorization")))
        path, page = request.url.path, int(request.url.params.get("page", "1"))
        if path == "/login/oauth/access_token":
            return httpx.Response(200, json=self.token_answer)
        if path == "/user":
            return httpx.Response(200, json={"login": "ana"})
        if path == "/user/installations":
            items = [{"id": i} for i in self.repos] if page == 1 else []
            return httpx.Response(200, json={"installations": items})
        installation = int(path.split("/")[3])
        total = self.repos[installation]
        names = [f"org{installation}/repo{n}" for n in range((page - 1) * 100, min(total, page * 100))]
        return httpx.Response(200, json={"repositories": [{"full_name": n} for n in names]})


def test_the_addresses_of_github_and_of_an_enterprise_host() -> None:
    assert web_url_of("https://api.github.com/") == "https://github.com"
    assert web_url_of("https://ghe.acme.com/api/v3") == "https://ghe.acme.com"
    url = APP.authorize_url("https://custody.acme.com/dashboard/oauth/callback", "st4te")
    assert url.startswith("https://github.com/login/oauth/authorize?") and "state=st4te" in url
    assert "allow_signup=false" in url and "client_secret" not in url


def test_no_client_no_github_sign_in() -> None:
    assert OAuthApp.from_settings(Settings(github_client_id="Iv1.client")) is None
    app = OAuthApp.from_settings(Settings(github_client_id="c", github_client_secret="s",
                                          github_api_url="https://ghe.acme.com/api/v3"))
    assert app is not None and app.web_url == "https://ghe.acme.com"


def test_a_person_gets_every_repository_of_their_installations_and_the_token_is_used_only_here() -> None:
    github = FakeGitHub({5: 130, 9: 2})
    login, repos = sign_in(APP, "code-1", "https://custody.acme.com/cb", http=httpx.Client(
        transport=httpx.MockTransport(github)))
    assert login == "ana" and len(repos) == 132 and "org9/repo1" in repos and repos == sorted(repos)
    paths = [path for _, path, _ in github.calls]
    assert paths == ["/login/oauth/access_token", "/user", "/user/installations",
                     "/user/installations/5/repositories", "/user/installations/5/repositories",
                     "/user/installations/9/repositories"]
    assert github.calls[0][2] is None  # the code exchange carries no token
    assert {auth for _, _, auth in github.calls[1:]} == {"Bearer gho_user-token"}


def test_a_person_with_too_many_repositories_is_capped() -> None:
    github = FakeGitHub({5: MAX_REPOS + 250})
    _, repos = sign_in(APP, "code", "https://x/cb", http=httpx.Client(transport=httpx.MockTransport(github)))
    assert len(repos) == MAX_REPOS


@pytest.mark.parametrize(("answer", "message"), [
    ({"error": "bad_verification_code"}, "GitHub refused the sign-in (bad_verification_code)"),
    ({}, "GitHub refused the sign-in (no token)"),
])
def test_a_refused_code_is_a_sign_in_failure(answer: dict[str, str], message: str) -> None:
    github = FakeGitHub({}, token_answer=answer)
    with pytest.raises(SignInFailed, match=message.replace("(", r"\(").replace(")", r"\)")):
        sign_in(APP, "used", "https://x/cb", http=httpx.Client(transport=httpx.MockTransport(github)))


def test_github_unreachable_or_answering_junk_is_a_sign_in_failure() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(SignInFailed, match="could not be reached"):
        sign_in(APP, "c", "https://x/cb", http=httpx.Client(transport=httpx.MockTransport(down)))

    def junk(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/login/oauth/access_token":
            return httpx.Response(200, json={"access_token": "gho_t"})
        return httpx.Response(200, content=json.dumps(["not", "an", "object"]).encode())

    with pytest.raises(SignInFailed, match="did not say who signed in"):
        sign_in(APP, "c", "https://x/cb", http=httpx.Client(transport=httpx.MockTransport(junk)))
