"""Sign-in sessions: server-side, kept as hashes, revocable, and an API-token session bound to the token."""

from __future__ import annotations

from datetime import timedelta

from custody.reviewer.app.store import Store
from custody.reviewer.app.store.models import SessionRow
from sqlalchemy import select


def test_a_person_session_is_kept_as_a_hash_and_ends_at_sign_out(store: Store) -> None:
    token = store.open_session("ana", ["acme/churn-model", "acme/churn-model", "acme/fraud"])
    assert store.session_of(token) == ("ana", ["acme/churn-model", "acme/fraud"])
    with store._sessions() as session:
        hashes = list(session.scalars(select(SessionRow.token_hash)))
    assert token not in hashes and len(hashes) == 1  # a copy of the database signs nobody in
    store.close_session(token)
    assert store.session_of(token) is None


def test_expired_sessions_are_refused_and_swept(store: Store) -> None:
    old = store.open_session("ana", ["acme/churn-model"], ttl=timedelta(seconds=-1))
    assert store.session_of(old) is None
    store.open_session("eve", [])  # opening a session sweeps the expired ones
    with store._sessions() as session:
        assert list(session.scalars(select(SessionRow.login))) == ["eve"]
    assert store.session_of("") is None and store.session_of("x" * 500) is None


def test_an_api_token_session_is_revocable_and_bound_to_the_token(store: Store) -> None:
    # Issue 15, Low 13: the API-token cookie was an HMAC of the token, the same for every sign-in,
    # so signing out could not revoke a stolen copy. Now it is a session like a person's.
    first, second = store.open_api_session("token-one"), store.open_api_session("token-one")
    assert first != second
    assert store.api_session_valid(first, "token-one") and store.api_session_valid(second, "token-one")
    store.close_session(first)
    assert not store.api_session_valid(first, "token-one") and store.api_session_valid(second, "token-one")
    assert not store.api_session_valid(second, "token-two")  # the deployment changed its token
    assert not store.api_session_valid(second, None)


def test_a_person_session_and_an_api_session_are_not_interchangeable(store: Store) -> None:
    person, machine = store.open_session("ana", ["acme/churn-model"]), store.open_api_session("token-one")
    assert not store.api_session_valid(person, "token-one")  # a person cannot read every repository
    assert store.session_of(machine) is None
