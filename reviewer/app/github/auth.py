"""Installation clients: the worker mints its own token from the App id and private key."""

from __future__ import annotations

from typing import Any

from custody.reviewer.settings import Settings
from github import Auth, Github, GithubIntegration


class AppNotConfigured(RuntimeError):
    """CUSTODY_APP_ID or the private key is missing."""


def installation_client(settings: Settings, installation_id: int, **options: Any) -> Github:
    """A client acting as one installation; tokens are minted here and never leave the worker."""
    if not settings.app_id or not settings.private_key:
        raise AppNotConfigured("CUSTODY_APP_ID and CUSTODY_PRIVATE_KEY(_PATH) are needed to act as the App")
    if settings.github_request_interval is not None:
        options.setdefault("seconds_between_requests", settings.github_request_interval)
    if settings.github_write_interval is not None:
        options.setdefault("seconds_between_writes", settings.github_write_interval)
    app_auth = Auth.AppAuth(int(settings.app_id), settings.private_key)
    integration = GithubIntegration(auth=app_auth, base_url=settings.github_api_url, **options)
    token = integration.get_access_token(installation_id).token
    return Github(base_url=settings.github_api_url, auth=Auth.Token(token), **options)
