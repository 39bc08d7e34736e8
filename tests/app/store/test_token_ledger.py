"""The token ledger: tokens per installation and month, added atomically, read by the review budget."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from custody.reviewer.app.store import Store
from custody.reviewer.llm.budget import Limits, ReviewBudget

BIG_INSTALLATION = 4_000_000_001  # past 32 bits, as GitHub's installation ids now are


def test_nothing_spent_reads_zero_and_additions_accumulate_per_installation_and_month(store: Store) -> None:
    assert store.used(7, "2026-11") == 0
    store.add(7, "2026-11", 1200)
    store.add(7, "2026-11", 300)
    store.add(7, "2026-12", 5)
    store.add(BIG_INSTALLATION, "2026-11", 3_000_000_000)  # a 64-bit total
    store.add(BIG_INSTALLATION, "2026-11", 3_000_000_000)
    assert store.used(7, "2026-11") == 1500
    assert store.used(7, "2026-12") == 5
    assert store.used(BIG_INSTALLATION, "2026-11") == 6_000_000_000
    assert store.used(8, "2026-11") == 0


def test_concurrent_additions_from_many_workers_lose_nothing(store: Store, store_url: str) -> None:
    workers = [Store(store_url) for _ in range(4)]
    barrier = threading.Barrier(len(workers))

    def charge(mine: Store) -> None:
        barrier.wait()
        for _ in range(10):
            mine.add(7, "2026-11", 100)

    try:
        with ThreadPoolExecutor(len(workers)) as pool:
            for future in [pool.submit(charge, mine) for mine in workers]:
                future.result(timeout=60)
    finally:
        for mine in workers:
            mine.close()
    assert store.used(7, "2026-11") == 4 * 10 * 100


def test_the_review_budget_refuses_once_the_stores_monthly_total_reaches_the_ceiling(store: Store) -> None:
    clock = lambda: datetime(2026, 11, 20, tzinfo=UTC)  # noqa: E731
    budget = ReviewBudget(Limits(monthly_tokens=10_000), ledger=store, installation=7, clock=clock)
    assert budget.refuse("card", 2_000) is None
    store.add(7, "2026-11", 9_000)  # another review of the installation spent it this month
    assert budget.refuse("card", 2_000) == "the installation's monthly token ceiling is reached"
    assert ReviewBudget(Limits(monthly_tokens=10_000), ledger=store, installation=8, clock=clock).refuse(
        "card", 2_000) is None
