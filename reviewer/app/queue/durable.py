"""The durable queue (huey): SQLite by default, Redis at scale; only ids cross it."""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from custody.reviewer.app.queue.jobs import JobCannotSucceed, ReviewJob
from custody.reviewer.app.queue.serializer import JsonSerializer
from custody.reviewer.app.store import Store
from custody.reviewer.logs import DELIVERY, PULL_REQUEST
from custody.reviewer.settings import Settings, loopback_host
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey

log = logging.getLogger(__name__)

QUEUE_NAME = "custody"
RETRIES = 3
RETRY_DELAY_S = 5
# A job whose PR lease is held goes back to the queue for this long instead of sleeping on a
# worker thread: comment spam on one PR must not hold the workers other installations need.
LEASE_RETRY_S = 1.0
WAITING = "waiting for the pull request's lease"
HEARTBEAT_LIMIT_S = 3600.0  # a running job renews its lease for this long at most (or ten leases)
Handler = Callable[[ReviewJob, Settings, Store], None]


def make_huey(queue_url: str) -> Huey:
    """The queue at `queue_url`; its messages are JSON (see serializer), never pickles."""
    parsed = urlparse(queue_url)
    if parsed.scheme == "sqlite":
        path = queue_url.removeprefix("sqlite:///")
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        return SqliteHuey(QUEUE_NAME, filename=path, results=False, serializer=JsonSerializer())
    if parsed.scheme in ("redis", "rediss"):
        refuse_open_redis(queue_url)
        return RedisHuey(QUEUE_NAME, url=queue_url, results=False, serializer=JsonSerializer())
    if parsed.scheme == "memory":
        return MemoryHuey(QUEUE_NAME, results=False, serializer=JsonSerializer())
    raise ValueError(f"CUSTODY_QUEUE_URL must be sqlite:///path, redis://host or memory:// (got {parsed.scheme}://)")


def refuse_open_redis(queue_url: str) -> None:
    """A Redis anyone on the network can write to is a way into the workers: outside loopback,
    the URL must carry a password (Redis AUTH; `rediss://` adds TLS). Raise, naming no secret."""
    parsed = urlparse(queue_url)
    host = (parsed.hostname or "localhost").strip("[]")
    if parsed.password or loopback_host(host):
        return
    raise ValueError(f"CUSTODY_QUEUE_URL points at Redis on {host} without credentials; outside loopback "
                     "Custody needs Redis AUTH in the URL (rediss://:PASSWORD@host:6379/0, or "
                     "rediss://USER:PASSWORD@host for an ACL user); see docs/deploy.md")


def job_lease() -> timedelta:
    """How long an enqueued job may stay unfinished before a worker is presumed to have died with it."""
    return timedelta(seconds=float(os.environ.get("CUSTODY_JOB_LEASE_SECONDS", "600")))


@contextmanager
def pr_lease(store: Store, job: ReviewJob, lease: timedelta) -> Iterator[str | None]:
    """Try the PR's review lease once: one review of a pull request at a time, across every
    worker. The holder's name, or None when another job holds it; the caller gives its worker back
    instead of waiting on it. A holder that died releases it when its lease runs out, so waiting
    always ends."""
    holder = f"{job.delivery_id}/{uuid.uuid4().hex[:12]}"
    if not store.try_lock_pr(job.repo, job.number, holder, lease):
        yield None
        return
    try:
        yield holder
    finally:
        store.unlock_pr(job.repo, job.number, holder)


@contextmanager
def heartbeat(store: Store, job: ReviewJob, holder: str, lease: timedelta) -> Iterator[None]:
    """While the job runs, renew its start and its PR lease every third of a lease: the sweep puts
    back the jobs of workers that died, not of one still working (a review paced behind its
    installation's writes, or paused by GitHub, can outlast a lease), and no second review of the
    PR starts beside it. A job still running after HEARTBEAT_LIMIT stops renewing: hung, it is lost."""
    stop = threading.Event()
    every = max(0.05, lease.total_seconds() / 3)

    def beat() -> None:
        until = time.monotonic() + max(HEARTBEAT_LIMIT_S, 10 * lease.total_seconds())
        while not stop.wait(every) and time.monotonic() < until:
            try:
                store.still_working(job.delivery_id)
                store.try_lock_pr(job.repo, job.number, holder, lease)
            except Exception:  # the store may be away for a moment: the next beat tries again
                log.warning("the heartbeat of %s failed", job.pr_key, exc_info=True)

    thread = threading.Thread(target=beat, name=f"custody-heartbeat-{job.delivery_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def process(job: ReviewJob, settings: Settings, store: Store, handler: Handler) -> str:
    """Run one job unless a newer push superseded it or its head was already reviewed; WAITING
    (nothing done, nothing started) when another job of the same PR holds its lease."""
    DELIVERY.set(job.delivery_id)
    PULL_REQUEST.set(job.pr_key)
    try:
        if store.delivery_finished(job.delivery_id):
            return "already done"  # a copy requeued by a sweep while the first one finished
        lease = job_lease()
        with pr_lease(store, job, lease) as holder:
            if holder is None:
                return WAITING
            with heartbeat(store, job, holder, lease):
                return _process_locked(job, settings, store, handler)
    finally:
        DELIVERY.set(None)
        PULL_REQUEST.set(None)


def _process_locked(job: ReviewJob, settings: Settings, store: Store, handler: Handler) -> str:
    if store.delivery_finished(job.delivery_id):
        return "already done"  # finished by another copy while this one waited for the lease
    stored = store.start_delivery(job.delivery_id)
    if stored:  # pushes folded into this job while it was queued moved it to the newest head
        job = ReviewJob.model_validate_json(stored)
    if job.trigger == "pull_request":
        latest = store.latest_head(job.repo, job.number)
        if latest is not None and latest != job.head_sha:
            store.finish_delivery(job.delivery_id)
            log.info("superseded: %s at %s (newest head %s)", job.pr_key, job.head_sha[:7], latest[:7])
            return "superseded"
        # A `/custody review` folded into this job asked for the head again: the handler answers
        # each commenter and reviews unless none of them may ask (then it skips a reviewed head).
        if not job.asked_by and store.review_done(job.repo, job.number, job.head_sha, job.base_sha):
            store.finish_delivery(job.delivery_id)
            return "already reviewed"
    try:
        handler(job, settings, store)
    except JobCannotSucceed as exc:  # final: finished as failed, never re-raised for the queue's retries
        store.fail_delivery(job.delivery_id, str(exc))
        log.warning("giving up on %s: %s", job.pr_key, exc)
        return "failed"
    store.finish_delivery(job.delivery_id)
    return "done"


class JobQueue:
    """One huey instance with Custody's tasks registered on it, for web and worker alike."""

    def __init__(self, settings: Settings, handler: Handler | None = None, huey: Huey | None = None) -> None:
        """`handler` runs the jobs; a queue built without one (the web side of a split deployment)
        only enqueues, and a job that reaches it is an error huey retries elsewhere."""
        self.settings = settings
        self.handler = handler
        self.huey = huey or make_huey(settings.queue_url)
        self._store: Store | None = None

        @self.huey.task(retries=RETRIES, retry_delay=RETRY_DELAY_S, name="review")  # type: ignore[untyped-decorator]
        def review(job_json: str) -> str:
            if self.handler is None:
                raise RuntimeError("this process's queue was built without a job handler: it only enqueues")
            result = process(ReviewJob.model_validate_json(job_json), self.settings, self.store, self.handler)
            if result == WAITING:
                self._review.schedule((job_json,), delay=LEASE_RETRY_S)
            return result

        self._review = review

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.settings.database_url)
        return self._store

    def enqueue(self, job: ReviewJob) -> None:
        self._review(job.model_dump_json())

    def queued_deliveries(self) -> set[str]:
        """Delivery ids of the jobs still waiting in the queue (a backlog is not a loss)."""
        out: set[str] = set()
        for task in [*self.huey.pending(), *self.huey.scheduled()]:  # scheduled: waiting for a lease
            try:
                out.add(ReviewJob.model_validate_json(task.args[0]).delivery_id)
            except (IndexError, TypeError, ValueError):
                continue
        return out

    def requeue_lost(self, older_than: timedelta | None = None) -> int:
        """Put back jobs that a dead worker took off the queue and never finished, or that a dead web
        process never handed to the queue; jobs still waiting in the queue are left where they are."""
        lost = self.store.unfinished_jobs(older_than if older_than is not None else job_lease(),
                                          waiting=self.queued_deliveries)
        for delivery_id, job_json in lost:
            log.warning("requeueing %s: its worker did not finish it", delivery_id)
            self._review(job_json)
        return len(lost)

    def pending(self) -> int:
        """Jobs waiting: in the queue, or scheduled to come back once their PR's lease is free."""
        count: Any = self.huey.pending_count()
        scheduled: Any = self.huey.scheduled_count()
        return int(count) + int(scheduled)
