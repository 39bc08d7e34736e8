"""A fresh database per migration test, on SQLite and (when CI provides one) PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.app.store.migrations.steps import Schema


@pytest.fixture
def schema(store_url: str) -> Iterator[Schema]:
    mine = Schema(store_url)
    try:
        yield mine
    finally:
        mine.close()
