"""Workers: a huey consumer that runs review jobs, standalone or inside `custody serve`."""

from __future__ import annotations

import importlib
import logging
import os
import threading
from typing import Any

from custody.reviewer.app.queue import compute
from custody.reviewer.app.queue.durable import Handler, JobQueue, job_lease
from custody.reviewer.gather.content_cache import configure, disk_cache_from_env
from custody.reviewer.settings import Settings, custody_home

log = logging.getLogger(__name__)


def _consumer(queue: JobQueue, workers: int, threads: int | None = None) -> Any:
    """`workers` reviews compute at once; the consumer holds `threads` jobs (compute.threads_for), the
    rest waiting on GitHub's pacing to publish. No periodic tasks: the Sweeper below puts lost jobs
    back more often than huey's crontab can."""
    return queue.huey.create_consumer(workers=compute.threads_for(workers, threads), worker_type="thread",
                                      periodic=False, check_worker_health=True, scheduler_interval=1)


class Sweeper:
    """Puts back lost jobs every half lease (huey's periodic tasks run at most once a minute), so
    the work a killed worker held comes back about one lease after it died."""

    def __init__(self, queue: JobQueue) -> None:
        self.queue = queue
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="custody-sweeper", daemon=True)

    def _run(self) -> None:
        interval = max(1.0, min(60.0, job_lease().total_seconds() / 2))
        while not self.stopping.wait(interval):
            try:
                self.queue.requeue_lost()
            except Exception:  # the store may be away for a moment: try again next time
                log.exception("the lost-job sweep failed")

    def start(self) -> None:
        self.queue.requeue_lost()
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()


def job_handler() -> Handler:
    """What a worker runs for each job: the GitHub review service. CUSTODY_JOB_HANDLER
    (`module:function`) swaps it in worker processes that tests and the load harness start."""
    override = os.environ.get("CUSTODY_JOB_HANDLER")
    if override:
        module, _, name = override.partition(":")
        handler: Handler = getattr(importlib.import_module(module), name)
        return handler
    from custody.reviewer.app.github.service import handle_job

    return handle_job


def use_disk_cache() -> None:
    """Per-file results on disk, shared by the worker processes of one machine and kept across restarts."""
    configure(disk_cache_from_env(custody_home()))


def run_worker(settings: Settings, workers: int = 2, threads: int | None = None) -> None:
    """Run until SIGINT/SIGTERM; first put back any job a previous worker died holding. `workers`
    reviews compute at once, and the process holds `threads` jobs (see compute.py)."""
    use_disk_cache()
    compute.configure(max(1, workers))
    queue = JobQueue(settings, job_handler())
    queue.store.upgrade()
    sweeper = Sweeper(queue)
    sweeper.start()
    try:
        _consumer(queue, workers, threads).run()
    finally:
        sweeper.stop()


class BackgroundWorker:
    """A consumer in the web process, for the single-machine default. Start it from the main thread."""

    def __init__(self, queue: JobQueue, workers: int = 1) -> None:
        self.queue = queue
        self.workers = workers
        self.consumer = _consumer(queue, workers)
        self.sweeper = Sweeper(queue)

    def start(self) -> None:
        use_disk_cache()
        compute.configure(max(1, self.workers))
        self.sweeper.start()
        self.consumer.start()

    def stop(self) -> None:
        self.sweeper.stop()
        self.consumer.stop(graceful=True)
