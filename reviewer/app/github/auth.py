"""Installation clients: the worker mints its own token from the App id and private key."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from custody.reviewer.app.github.pacing import pace_installation
from custody.reviewer.app.github.transport import conditional, create_once_retry
from custody.reviewer.settings import Settings
from github import Auth, Github, GithubIntegration

_logins: dict[tuple[str, str], str] = {}
_logins_lock = threading.Lock()
# Installation tokens live an hour: one is reused by the jobs of its installation until five
# minutes before it expires, instead of minting one (a POST) per job. Never leaves the process.
_tokens: dict[tuple[str, str, int], tuple[str, datetime]] = {}
TOKEN_MARGIN = timedelta(minutes=5)


class AppNotConfigured(RuntimeError):
    """CUSTODY_APP_ID or the private key is missing."""


def installation_client(settings: Settings, installation_id: int, **options: Any) -> Github:
    """A client acting as one installation; tokens are minted here (and reused until five minutes
    before they expire) and never leave the worker. Its GETs are conditional (app/github/transport.py)
    and its requests paced per installation across the deployment (app/github/pacing.py), unless
    CUSTODY_GITHUB_PACING=process keeps PyGithub's pauses per client."""
    options = _paced(settings, options)
    options.setdefault("retry", create_once_retry())
    key = (settings.github_api_url, settings.app_id or "", installation_id)
    with _logins_lock:
        token, expires = _tokens.get(key, ("", datetime.now(UTC)))
    if expires <= datetime.now(UTC) + TOKEN_MARGIN:
        minted = _integration(settings, options).get_access_token(installation_id)
        token, expires = minted.token, minted.expires_at
        with _logins_lock:
            _tokens[key] = (token, expires)
    if settings.github_pacing == "process":
        gh = Github(base_url=settings.github_api_url, auth=Auth.Token(token), **options)
        return conditional(gh, installation_id)
    # PyGithub's own pauses off: the shared budget keeps the write interval, once for everyone. Pacing
    # goes on first; the ETag cache then sits in front of the paced adapter (a 304 still takes a turn).
    options = {**options, "seconds_between_requests": None, "seconds_between_writes": None}
    gh = Github(base_url=settings.github_api_url, auth=Auth.Token(token), **options)
    return conditional(pace_installation(gh, settings, installation_id), installation_id)


def forget_token(settings: Settings, installation_id: int) -> None:
    """GitHub refused the installation's token (revoked, or the clocks disagree): mint anew next time."""
    with _logins_lock:
        _tokens.pop((settings.github_api_url, settings.app_id or "", installation_id), None)


def forget_all_tokens() -> None:
    """Forget every installation token and App login this process holds: a GitHub (or stand-in) at a
    URL another one used before is not the one that issued them."""
    with _logins_lock:
        _tokens.clear()
        _logins.clear()


def repo_installation(settings: Settings, full_name: str, **options: Any) -> int:
    """The installation that covers a repository (`GET /repos/{owner}/{repo}/installation`, as the App):
    an admission event names a model, and the repository is found from its run, not from a delivery."""
    owner, _, name = full_name.partition("/")
    return int(_integration(settings, _paced(settings, options)).get_repo_installation(owner, name).id)


def app_login(settings: Settings, **options: Any) -> str:
    """The App's bot user, `<slug>[bot]`: the only author whose comments Custody edits or trusts.
    Asked of GitHub once per process (`GET /app`, with the App's JWT), then remembered."""
    key = (settings.github_api_url, settings.app_id or "")
    with _logins_lock:
        if key not in _logins:
            slug = _integration(settings, _paced(settings, options)).get_app().slug
            if not slug:
                raise AppNotConfigured("GitHub did not say the App's slug (GET /app)")
            _logins[key] = f"{slug}[bot]"
        return _logins[key]


def _paced(settings: Settings, options: dict[str, Any]) -> dict[str, Any]:
    options = dict(options)
    if settings.github_request_interval is not None:
        options.setdefault("seconds_between_requests", settings.github_request_interval)
    if settings.github_write_interval is not None:
        options.setdefault("seconds_between_writes", settings.github_write_interval)
    return options


def _integration(settings: Settings, options: dict[str, Any]) -> GithubIntegration:
    if not settings.app_id or not settings.private_key:
        raise AppNotConfigured("CUSTODY_APP_ID and CUSTODY_PRIVATE_KEY(_PATH) are needed to act as the App")
    app_auth = Auth.AppAuth(int(settings.app_id), settings.private_key)
    return GithubIntegration(auth=app_auth, base_url=settings.github_api_url, **options)
