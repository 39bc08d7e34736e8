"""Installation clients: the worker mints its own token from the App id and private key."""

from __future__ import annotations

import threading
from typing import Any

from custody.reviewer.settings import Settings
from github import Auth, Github, GithubIntegration

_logins: dict[tuple[str, str], str] = {}
_logins_lock = threading.Lock()


class AppNotConfigured(RuntimeError):
    """CUSTODY_APP_ID or the private key is missing."""


def installation_client(settings: Settings, installation_id: int, **options: Any) -> Github:
    """A client acting as one installation; tokens are minted here and never leave the worker."""
    options = _paced(settings, options)
    token = _integration(settings, options).get_access_token(installation_id).token
    return Github(base_url=settings.github_api_url, auth=Auth.Token(token), **options)


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
