"""The review store: webhook dedupe, PR heads, recorded reviews and waivers (SQLAlchemy + Alembic)."""

from custody.reviewer.app.store.store import ReviewRecord, Store

__all__ = ["ReviewRecord", "Store"]
