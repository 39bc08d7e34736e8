"""How many reviews compute at once in one worker process, apart from how many jobs it holds.

A review's thread spends most of a first review waiting, not working: its installation's writes go
one at a time, a second apart (GitHub's guidance, see github/pacing.py), so the comment, the check
run and the inline review hold the thread about two seconds against half a second of gathering and
judging. A worker process therefore holds more jobs (threads) than it lets compute: `slots` reviews
gather and judge at once, and a review gives its slot back when it starts to publish, so threads
waiting on GitHub's pacing leave the CPU to the reviews that have work to do. A review that must
wait before it publishes (GitHub paused its installation, the model is answering) gives its slot
back for the wait too (`waiting`), so one paused installation cannot hold every slot of a worker.
The writes themselves stay paced per installation across the deployment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Threads a worker process runs per compute slot: one computing, three waiting on GitHub (a first
# review waits about 2 s of paced writes for every 0.5 s of work).
THREADS_PER_SLOT = 4


class _Lease:
    """One review's hold on a slot: given back around its waits, given back for good when it publishes or ends.
    Several threads of one review (the graph's nodes) may wait at once: the first to wait gives the slot
    back, the last to stop waiting takes one again, and no path takes a second slot for the same review."""

    def __init__(self, slots: ComputeSlots) -> None:
        self._slots = slots
        self._lock = threading.Lock()
        self.held = False
        self.ended = False
        self.waiters = 0

    def take(self) -> None:
        self._slots._acquire()  # may block; the review holds no slot while it does
        with self._lock:
            keep = not (self.held or self.ended or self.waiters)
            if keep:
                self.held = True
        if not keep:  # the review ended, or another of its threads started to wait meanwhile
            self._slots._release()

    def wait_starts(self) -> None:
        with self._lock:
            self.waiters += 1
            give = self.waiters == 1 and self.held
            if give:
                self.held = False
        if give:
            self._slots._release()

    def wait_ends(self) -> None:
        with self._lock:
            self.waiters -= 1
            again = self.waiters == 0 and not self.held and not self.ended
        if again:
            self.take()

    def end(self) -> None:
        with self._lock:
            self.ended = True
            give = self.held
            self.held = False
        if give:
            self._slots._release()


# The review this context computes for; the review graph's node threads see it too (LangGraph runs
# each node in a copy of the caller's context).
_current: ContextVar[_Lease | None] = ContextVar("custody_compute_lease", default=None)


class ComputeSlots:
    """At most `size` holders at once; None: no bound (the Action, the CLI, tests)."""

    def __init__(self, size: int | None = None) -> None:
        if size is not None and size < 1:
            raise ValueError(f"a worker needs at least one compute slot (got {size})")
        self.size = size
        self._free = threading.BoundedSemaphore(size) if size is not None else None
        self._lock = threading.Lock()
        self.busy = 0  # slots held now (tests read it)

    def _acquire(self) -> None:
        if self._free is not None:
            self._free.acquire()
        with self._lock:
            self.busy += 1

    def _release(self) -> None:
        with self._lock:
            self.busy -= 1
        if self._free is not None:
            self._free.release()

    @contextmanager
    def computing(self) -> Iterator[Callable[[], None]]:
        """Hold a slot for the block; the callable it yields gives the slot back early, for good (once:
        a publish retried by the review graph calls it again, harmlessly)."""
        lease = _Lease(self)
        lease.take()
        token = _current.set(lease)
        try:
            yield lease.end
        finally:
            _current.reset(token)
            lease.end()


@contextmanager
def waiting() -> Iterator[None]:
    """Around a wait that is not work (a pause GitHub asked for, the model's answer): the review of
    this context gives its slot back for the wait and takes one again after it. Nothing to do
    outside a review, or once the review has given its slot back to publish."""
    lease = _current.get()
    if lease is None:
        yield
        return
    lease.wait_starts()
    try:
        yield
    finally:
        lease.wait_ends()


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
