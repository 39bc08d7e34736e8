"""Trend tests run on SQLite and, when CI provides one, PostgreSQL: the store's own fixture."""

from tests.app.store.conftest import store_url

__all__ = ["store_url"]
