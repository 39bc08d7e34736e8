"""Workers: a huey consumer that runs review jobs, standalone or inside `custody serve`."""

from __future__ import annotations

import logging
from typing import Any

from custody.reviewer.jobqueue import JobQueue
from custody.reviewer.settings import Settings

log = logging.getLogger(__name__)


def _consumer(queue: JobQueue, workers: int) -> Any:
    return queue.huey.create_consumer(workers=max(1, workers), worker_type="thread", periodic=True,
                                      check_worker_health=True, scheduler_interval=1)


def run_worker(settings: Settings, workers: int = 2) -> None:
    """Run until SIGINT/SIGTERM; first put back any job a previous worker died holding."""
    queue = JobQueue(settings)
    queue.store.upgrade()
    queue.requeue_lost()
    _consumer(queue, workers).run()


class BackgroundWorker:
    """A consumer in the web process, for the single-machine default. Start it from the main thread."""

    def __init__(self, queue: JobQueue, workers: int = 1) -> None:
        self.queue = queue
        self.consumer = _consumer(queue, workers)

    def start(self) -> None:
        self.queue.requeue_lost()
        self.consumer.start()

    def stop(self) -> None:
        self.consumer.stop(graceful=True)
