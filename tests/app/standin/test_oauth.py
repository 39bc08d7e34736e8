"""The stand-in's "Sign in with GitHub": consent, a one-time code, a user token, and what that person may see."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from custody.reviewer.app.standin.oauth import OAuthFlow
from custody.reviewer.app.standin.world import RepoState, World

CALLBACK = "https://custody.example/oauth/callback"


@pytest.fixture()
def world() -> World:
    world = World(browser_login="ana", members={"ana": {5, 7}, "eve": {9}})
    for name, installation in (("acme/churn", 5), ("acme/fraud", 5), ("acme/zeta", 5), ("other/x", 9)):
        world.repos[name] = RepoState(name, world.new_id(), installation)
    return world


def signed_in(flow: OAuthFlow) -> str:
    client_id, secret = flow.world.oauth_client
    _, _, headers = flow.authorize({"client_id": client_id, "redirect_uri": CALLBACK, "state": "s1"})
    code = parse_qs(urlparse(headers["Location"]).query)["code"][0]
    return str(flow.access_token({"client_id": client_id, "client_secret": secret, "code": code})[1]["access_token"])


def test_consent_is_at_once_and_sends_the_browser_back_with_a_code_and_the_state(world: World) -> None:
    flow = OAuthFlow(world)
    status, _, headers = flow.authorize({"client_id": world.oauth_client[0], "redirect_uri": CALLBACK, "state": "s1"})
    back = urlparse(headers["Location"])
    assert status == 302 and f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    query = parse_qs(back.query)
    assert query["state"] == ["s1"] and world.oauth_codes == {query["code"][0]: "ana"}


@pytest.mark.parametrize(("query", "status"), [
    ({"client_id": "Iv1.someone-else", "redirect_uri": CALLBACK}, 404),
    ({"client_id": "Iv1.standin00000000"}, 404),
])
def test_an_unknown_app_or_no_redirect_is_not_found(world: World, query: dict[str, str], status: int) -> None:
    assert OAuthFlow(world).authorize(query)[0] == status and world.oauth_codes == {}


def test_nobody_signed_in_to_github_means_no_consent(world: World) -> None:
    world.browser_login = None
    status, body, headers = OAuthFlow(world).authorize({"client_id": world.oauth_client[0], "redirect_uri": CALLBACK})
    assert status == 403 and headers == {} and "nobody is signed in" in body["message"]


def test_a_code_is_exchanged_once_and_only_with_the_apps_credentials(world: World) -> None:
    flow = OAuthFlow(world)
    client_id, secret = world.oauth_client
    flow.authorize({"client_id": client_id, "redirect_uri": CALLBACK})
    [code] = world.oauth_codes
    assert flow.access_token({"client_id": client_id, "client_secret": "wrong", "code": code}) == (200, {
        "error": "incorrect_client_credentials",
        "error_description": "The client_id and/or client_secret passed are incorrect."})
    status, body = flow.access_token({"client_id": client_id, "client_secret": secret, "code": code})
    assert status == 200 and body["token_type"] == "bearer" and body["access_token"].startswith("ghu_")
    assert world.user_tokens == {body["access_token"]: "ana"}
    again = flow.access_token({"client_id": client_id, "client_secret": secret, "code": code})[1]
    assert again["error"] == "bad_verification_code"  # GitHub answers 200 with an error field, as here


def test_the_user_token_names_its_person_under_either_scheme_and_nothing_else_does(world: World) -> None:
    flow = OAuthFlow(world)
    token = signed_in(flow)
    for header in (f"Bearer {token}", f"token {token}", f"bearer {token}"):
        status, user = flow.user(header)
        assert status == 200 and user["login"] == "ana" and user["type"] == "User"
    for header in ("", token, f"Basic {token}", "Bearer ghu_forged"):
        assert flow.user(header) == (401, {"message": "Bad credentials",
                                           "documentation_url": "https://docs.github.com/rest", "status": "401"})


def test_installations_are_those_the_person_belongs_to_that_exist(world: World) -> None:
    flow = OAuthFlow(world)
    status, body = flow.installations(f"Bearer {signed_in(flow)}")
    assert status == 200 and body["total_count"] == 1  # installation 7 has no repository here
    assert [(i["id"], i["account"]["login"]) for i in body["installations"]] == [(5, "acme")]
    assert flow.installations("Bearer nobody")[0] == 401


def test_repositories_of_an_installation_are_paged_and_hidden_from_outsiders(world: World) -> None:
    flow = OAuthFlow(world)
    token = f"Bearer {signed_in(flow)}"
    status, first = flow.repositories("5", token, {"per_page": "2"})
    assert status == 200 and first["total_count"] == 3
    assert [r["full_name"] for r in first["repositories"]] == ["acme/churn", "acme/fraud"]
    second = flow.repositories("5", token, {"per_page": "2", "page": "2"})[1]
    assert [r["full_name"] for r in second["repositories"]] == ["acme/zeta"]
    assert flow.repositories("9", token, {}) == (404, {"message": "Not Found"})  # eve's, not ana's
    assert flow.repositories("5", "Bearer nobody", {})[0] == 401
