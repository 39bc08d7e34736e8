"""The web app's tests share one fixture: a migrated store in a fresh SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from custody.reviewer.app.store import Store


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    migrated = Store(f"sqlite:///{tmp_path / 'w.db'}")
    migrated.upgrade()
    try:
        yield migrated
    finally:
        migrated.close()
