"""Dashboard sign-in sessions, stored as hashes of their tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from custody.reviewer.app.store.models import (
    SessionRow,
    utcnow,
)
from sqlalchemy import delete, select

if TYPE_CHECKING:  # the pipeline pulls in LangGraph; the webhook only needs the store
    pass
from custody.reviewer.app.store.database import Database, db_text

SESSION_TTL = timedelta(hours=8)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()



class Sessions(Database):
    """Sign-in sessions for the dashboard."""

    def open_session(self, login: str, repos: list[str], ttl: timedelta = SESSION_TTL) -> str:
        """A new session; the returned token goes into the cookie, only its hash into the database."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self._session() as session:
            session.execute(delete(SessionRow).where(SessionRow.expires_at < now))  # the sweep rides along
            session.add(SessionRow(token_hash=_token_hash(token), login=db_text(login),
                                   repos=sorted({db_text(r) for r in repos}), created_at=now, expires_at=now + ttl))
        return token

    def session_of(self, token: str) -> tuple[str, list[str]] | None:
        """The signed-in login and the repositories it may read, while the session lasts."""
        if not token or len(token) > 200:
            return None
        query = select(SessionRow.login, SessionRow.repos).where(
            SessionRow.token_hash == _token_hash(token), SessionRow.expires_at > utcnow())
        with self._sessions() as session:
            row = session.execute(query).first()
            return (row[0], list(row[1])) if row is not None else None

    def close_session(self, token: str) -> None:
        with self._session() as session:
            session.execute(delete(SessionRow).where(SessionRow.token_hash == _token_hash(token)))

