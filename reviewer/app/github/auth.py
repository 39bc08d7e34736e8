"""Installation clients: the worker mints its own token from the App id and private key."""

from __future__ import annotations

import threading
from typing import Any

from custody.reviewer.app.github.pacing import pace_installation
from custody.reviewer.settings import Settings
from github import Auth, Github, GithubIntegration

_logins: dict[tuple[str, str], str] = {}
_logins_lock = threading.Lock()


class AppNotConfigured(RuntimeError):
    """CUSTODY_APP_ID or the private key is missing."""


def installation_client(settings: Settings, installation_id: int, **options: Any) -> Github:
    """A client acting as one installation; tokens are minted here and never leave the worker. Its
    requests are paced per installation across the deployment (app/github/pacing.py), unless
    CUSTODY_GITHUB_PACING=process keeps PyGithub's pauses per client."""
    token = _integration(settings, _paced(settings, options)).get_access_token(installation_id).token
    if settings.github_pacing == "process":
        return Github(base_url=settings.github_api_url, auth=Auth.Token(token), **_paced(settings, options))
    # PyGithub's own pauses off: the shared budget keeps the write interval, once for everyone.
    options = {"seconds_between_requests": None, "seconds_between_writes": None, **options}
    gh = Github(base_url=settings.github_api_url, auth=Auth.Token(token), **options)
    return pace_installation(gh, settings, installation_id)


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
