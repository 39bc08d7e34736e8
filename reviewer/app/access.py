"""Who may call a machine endpoint: the bearer token a request carries, checked in constant time."""

from __future__ import annotations

import hmac

from fastapi import Request


def bearer_token(request: Request) -> str | None:
    """What `Authorization: Bearer …` carries, if the request has one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token if scheme.lower() == "bearer" and token else None


def is_api_token(token: str | None, api_token: str | None) -> bool:
    """A constant-time comparison with the deployment's API token; nothing matches when none is set."""
    return bool(api_token) and token is not None and hmac.compare_digest(token.encode(), str(api_token).encode())
