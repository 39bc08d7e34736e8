"""The GitHub stand-in on loopback, an App key, settings pointing at both, and a store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from custody.reviewer.app.github.source import forget_absent_packs
from custody.reviewer.app.github.transport import etag_cache
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.keys import throwaway_app_key
from custody.reviewer.app.store import Store
from custody.reviewer.gather import content_cache
from custody.reviewer.gather.content_cache import MemoryCache
from custody.reviewer.settings import Settings

from tests.app.github.support import EXAMPLE, REPO


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Each test starts cold: the stand-in's worlds edit trees in place, which GitHub's commits never
    do, so a listing or body cached by one test must not answer another."""
    previous = content_cache.cache()
    content_cache.configure(MemoryCache())
    etag_cache().clear()
    forget_absent_packs()
    yield
    content_cache.configure(previous)


@pytest.fixture(scope="module")
def private_key() -> str:
    return throwaway_app_key()


@pytest.fixture()
def world() -> World:
    return World.from_scenario(EXAMPLE, installation_id=5)


@pytest.fixture()
def writers(world: World) -> World:
    """The example's world with a reader (mallory) and an admin (lead) of its repository."""
    repo = world.repo(REPO)
    assert repo is not None
    repo.permissions.update({"mallory": "read", "lead": "admin"})
    return world


@pytest.fixture()
def standin(world: World) -> Iterator[StandIn]:
    with StandIn(world) as server:
        yield server


@pytest.fixture()
def settings(standin: StandIn, private_key: str) -> Settings:
    return Settings(app_id="1", private_key=private_key, github_api_url=standin.base_url,
                    mlflow_tracking_uri=f"{standin.base_url}/_mlflow", mlflow_single_tenant=True)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'e2e.db'}")
    s.upgrade()
    yield s
    s.close()
