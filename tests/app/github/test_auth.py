"""Installation clients: tokens minted from the App's key, reused for their hour, forgotten when
refused; the App's login asked once; every client conditional and never re-sending a create."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from custody.reviewer.app.github import auth
from custody.reviewer.app.github.auth import app_login, forget_token, installation_client
from custody.reviewer.app.github.transport import CreateOnce
from custody.reviewer.app.standin import StandIn
from custody.reviewer.settings import Settings

from tests.app.github.support import REPO

MINT = "/app/installations/5/access_tokens"


def mints(standin: StandIn) -> int:
    return sum(1 for x in standin.requests if x["path"] == MINT)


def test_a_token_is_minted_once_and_reused_until_near_its_expiry(standin: StandIn, settings: Settings) -> None:
    first = installation_client(settings, 5, retry=None)
    second = installation_client(settings, 5, retry=None)
    assert mints(standin) == 1
    assert first.get_repo(REPO).full_name == second.get_repo(REPO).full_name == REPO
    key = (settings.github_api_url, settings.app_id or "", 5)
    token, _ = auth._tokens[key]
    auth._tokens[key] = (token, datetime.now(UTC) + timedelta(minutes=4))  # inside the margin
    installation_client(settings, 5, retry=None)
    assert mints(standin) == 2


def test_a_forgotten_token_is_minted_anew(standin: StandIn, settings: Settings) -> None:
    installation_client(settings, 5)
    forget_token(settings, 5)
    installation_client(settings, 5)
    assert mints(standin) == 2
    writes = [w for w in standin.writes if w["path"] == MINT]
    assert len(writes) == 2 and all(w["token"].startswith("eyJ") for w in writes)  # the App's JWT


def test_clients_send_conditional_requests_and_never_resend_a_create(standin: StandIn, settings: Settings) -> None:
    gh = installation_client(settings, 5)
    assert isinstance(gh.requester.kwargs["retry"], CreateOnce)
    gh.get_repo(REPO)
    again = gh.get_repo(REPO)
    assert [x["status"] for x in standin.requests if x["path"] == f"/repos/{REPO}"] == [200, 304]
    assert again.full_name == REPO  # the cached body, replayed


def test_the_app_login_is_asked_once(standin: StandIn, settings: Settings) -> None:
    assert app_login(settings) == app_login(settings) == "custody[bot]"
    assert sum(1 for x in standin.requests if x["path"] == "/app") == 1
