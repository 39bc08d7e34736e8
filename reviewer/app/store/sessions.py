"""Dashboard sign-in sessions, server-side and revocable, stored as hashes of their tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from custody.reviewer.app.store.models import (
    SessionRow,
    utcnow,
)
from sqlalchemy import ColumnElement, delete, select

if TYPE_CHECKING:  # the pipeline pulls in LangGraph; the webhook only needs the store
    pass
from custody.reviewer.app.store.database import Database, db_text

SESSION_TTL = timedelta(hours=8)
API_LOGIN = "api-token"  # who a session opened with the API token is


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def api_token_fingerprint(api_token: str) -> str:
    """Names the deployment's API token without storing it: a session opened with it ends when
    the deployment changes its token."""
    return hmac.new(api_token.encode(), b"custody-api-session", hashlib.sha256).hexdigest()


class Sessions(Database):
    """Sign-in sessions for the dashboard."""

    def open_session(self, login: str, repos: list[str], ttl: timedelta = SESSION_TTL) -> str:
        """A person's new session; the returned token goes into the cookie, only its hash into the database."""
        return self._open(db_text(login), sorted({db_text(r) for r in repos}), None, ttl)

    def open_api_session(self, api_token: str, ttl: timedelta = SESSION_TTL) -> str:
        """A session for whoever presented the API token (it reads every repository): a random
        token like a person's, so that signing out revokes it, unlike a cookie derived from the
        API token itself, which stayed valid as long as the token did."""
        return self._open(API_LOGIN, [], api_token_fingerprint(api_token), ttl)

    def _open(self, login: str, repos: list[str], api_token: str | None, ttl: timedelta) -> str:
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self._session() as session:
            session.execute(delete(SessionRow).where(SessionRow.expires_at < now))  # the sweep rides along
            session.add(SessionRow(token_hash=_token_hash(token), login=login, repos=repos, created_at=now,
                                   expires_at=now + ttl, api_token=api_token))
        return token

    def session_of(self, token: str) -> tuple[str, list[str]] | None:
        """The signed-in person and the repositories they may read, while the session lasts."""
        return self._row(token, SessionRow.api_token.is_(None))

    def api_session_valid(self, token: str, api_token: str | None) -> bool:
        """A session opened with the API token, still open, and opened with the token configured now."""
        if not api_token:
            return False
        return self._row(token, SessionRow.api_token == api_token_fingerprint(api_token)) is not None

    def _row(self, token: str, kind: ColumnElement[bool]) -> tuple[str, list[str]] | None:
        if not token or len(token) > 200:
            return None
        query = select(SessionRow.login, SessionRow.repos).where(
            SessionRow.token_hash == _token_hash(token), SessionRow.expires_at > utcnow(), kind)
        with self._sessions() as session:
            row = session.execute(query).first()
            return (row[0], list(row[1])) if row is not None else None

    def close_session(self, token: str) -> None:
        with self._session() as session:
            session.execute(delete(SessionRow).where(SessionRow.token_hash == _token_hash(token)))

