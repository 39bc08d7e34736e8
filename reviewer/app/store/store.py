"""The review store: one class over the per-concern stores (deliveries, reviews, PR state,
sign-in sessions, the token ledger, admissions), sharing one database."""

from __future__ import annotations

from custody.reviewer.app.store.admissions import Admissions
from custody.reviewer.app.store.database import Database
from custody.reviewer.app.store.deliveries import Deliveries
from custody.reviewer.app.store.pr_state import PrState
from custody.reviewer.app.store.reviews import ReviewRecord, Reviews
from custody.reviewer.app.store.sessions import Sessions
from custody.reviewer.app.store.token_ledger import TokenLedger

__all__ = ["ReviewRecord", "Store"]


class Store(Deliveries, Reviews, PrState, Sessions, TokenLedger, Admissions, Database):
    """Every write is one short transaction that starts by writing, so SQLite never has to
    upgrade a read lock (which fails at once under WAL instead of waiting for the busy timeout)."""
