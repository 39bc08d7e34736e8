"""What the store remembers per pull request: waivers and settings, and what the App wrote on it
(the summary comment, inline fingerprints, the last reviewed head, one check run per head, and a
mark on each create under way)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from custody.reviewer.app.github.pr_settings import PrSetting
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.pr_state import Written
from custody.reviewer.model.findings import Waiver


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    s.upgrade()
    yield s
    s.close()


def test_nothing_written_is_remembered_as_nothing(store: Store) -> None:
    assert store.written("o/r", 1) == Written()
    assert store.written("o/r", 1).fingerprints is None  # never recorded: GitHub is asked once


def test_the_summary_comment_its_pending_create_and_the_reviewed_head(store: Store) -> None:
    store.comment_creating("o/r", 1)
    assert store.written("o/r", 1).comment_pending and store.written("o/r", 1).comment_id is None
    store.comment_written("o/r", 1, 9_000_000_001)  # ids past 32 bits
    store.reviewed("o/r", 1, "a" * 40)
    written = store.written("o/r", 1)
    assert (written.comment_id, written.comment_pending, written.reviewed_head) == (9_000_000_001, False, "a" * 40)
    store.comment_written("o/r", 1, None)  # deleted on GitHub
    assert store.written("o/r", 1).comment_id is None and store.written("o/r", 1).reviewed_head == "a" * 40
    assert store.written("o/r", 2) == Written()  # per PR


def test_inline_fingerprints_accumulate_and_pending_ones_clear(store: Store) -> None:
    store.inline_posting("o/r", 1, {"aa", "bb"})
    assert store.written("o/r", 1).inline_pending == {"aa", "bb"}
    store.inline_posted("o/r", 1, {"aa", "bb"})
    store.inline_posted("o/r", 1, {"cc"})
    written = store.written("o/r", 1)
    assert written.fingerprints == {"aa", "bb", "cc"} and written.inline_pending == set()


def test_one_check_run_per_head_and_a_mark_before_its_create(store: Store) -> None:
    assert store.check_run_creating("o/r", "h1") == (False, None)  # marked now
    assert store.check_run_creating("o/r", "h1") == (True, None)  # sent before, answer not kept
    store.check_run_written("o/r", "h1", 77)
    assert store.check_run_creating("o/r", "h1") == (True, 77)
    assert store.check_run_creating("o/r", "h2") == (False, None)
    assert store.check_run_creating("o/other", "h1") == (False, None)


def test_waivers_and_settings_come_back_oldest_first(store: Store) -> None:
    store.add_waiver("o/r", 1, Waiver(rule="a.b", by="lead", reason="first", at="2026-01-01T00:00:00Z"))
    store.add_waiver("o/r", 1, Waiver(rule="a.b", by="lead", reason="second", at="2026-01-02T00:00:00Z"))
    assert [w.reason for w in store.waivers("o/r", 1)] == ["first", "second"] and store.waivers("o/r", 2) == []
    store.add_pr_setting("o/r", 1, PrSetting(key="model", value="off", by="lead"))
    store.add_pr_setting("o/r", 1, PrSetting(key="model", value="on", by="lead"))
    assert [s.value for s in store.pr_settings("o/r", 1)] == ["off", "on"]
