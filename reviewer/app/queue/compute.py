"""How many reviews compute at once in one worker process, apart from how many jobs it holds.

A review's thread spends most of a first review waiting, not working: its installation's writes go
one at a time, a second apart (GitHub's guidance, see github/pacing.py), so the comment, the check
run and the inline review hold the thread about two seconds against half a second of gathering and
judging. A worker process therefore holds more jobs (threads) than it lets compute: `slots` reviews
gather and judge at once, and a review gives its slot back when it starts to publish, so threads
waiting on GitHub's pacing leave the CPU to the reviews that have work to do. The writes themselves
stay paced per installation across the deployment; only the waiting moves off the compute slots.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Threads a worker process runs per compute slot: one computing, three waiting on GitHub (a first
# review waits about 2 s of paced writes for every 0.5 s of work).
THREADS_PER_SLOT = 4


class ComputeSlots:
    """At most `size` holders at once; None: no bound (the Action, the CLI, tests)."""

    def __init__(self, size: int | None = None) -> None:
        if size is not None and size < 1:
            raise ValueError(f"a worker needs at least one compute slot (got {size})")
        self.size = size
        self._free = threading.BoundedSemaphore(size) if size is not None else None
        self._lock = threading.Lock()
        self.busy = 0  # slots held now, for logs and tests

    @contextmanager
    def computing(self) -> Iterator[Callable[[], None]]:
        """Hold a slot for the block; the callable it yields gives the slot back early (once: a
        publish retried by the review graph calls it again, harmlessly)."""
        if self._free is not None:
            self._free.acquire()
        with self._lock:
            self.busy += 1
        held = True

        def give_back() -> None:
            nonlocal held
            with self._lock:
                if not held:
                    return
                held = False
                self.busy -= 1
            if self._free is not None:
                self._free.release()

        try:
            yield give_back
        finally:
            give_back()


_slots = ComputeSlots()


def configure(size: int | None) -> None:
    """Bound this process's computing reviews (a worker process calls it once, before its threads start)."""
    global _slots
    _slots = ComputeSlots(size)


def slots() -> ComputeSlots:
    return _slots


def threads_for(workers: int, threads: int | None) -> int:
    """The consumer's threads: as asked, or THREADS_PER_SLOT per compute slot; never fewer than slots."""
    workers = max(1, workers)
    return max(workers, threads if threads is not None else workers * THREADS_PER_SLOT)
